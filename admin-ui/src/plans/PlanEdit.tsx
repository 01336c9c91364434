import { Typography } from '@mui/material';
import { DeleteButton, Edit, SaveButton, SimpleForm, Toolbar, useRecordContext } from 'react-admin';
import { PlanInputs } from './PlanInputs';
import { PlanRetention } from './PlanRetention';
import { toPlanBody } from './planValidation';
import type { Plan } from './types';

/** A plan in use cannot be deleted (the API answers 409): say so instead of offering the button. */
const PlanEditToolbar = () => {
  const plan = useRecordContext<Plan>();
  const inUse = (plan?.mailboxCount ?? 0) > 0;
  return (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
      <SaveButton />
      {inUse ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          Used by {plan?.mailboxCount} mailbox{plan?.mailboxCount === 1 ? '' : 'es'}: move them to another plan to delete it
        </Typography>
      ) : (
        <DeleteButton mutationMode="pessimistic" />
      )}
    </Toolbar>
  );
};

export const PlanEdit = () => (
  <Edit mutationMode="pessimistic" transform={toPlanBody} redirect="list">
    <SimpleForm sx={{ maxWidth: 720 }} toolbar={<PlanEditToolbar />}>
      <PlanInputs />
    </SimpleForm>
    <PlanRetention />
  </Edit>
);
