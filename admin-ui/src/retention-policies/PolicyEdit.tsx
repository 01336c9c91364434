import { Typography } from '@mui/material';
import { DeleteButton, Edit, SaveButton, SimpleForm, Toolbar, TopToolbar, useNotify, useRecordContext } from 'react-admin';
import { errorMessage } from '../common/errors';
import { AssignmentInfo } from './AssignmentInfo';
import { PolicyInputs } from './PolicyInputs';
import { PreviewPolicyButton } from './PreviewPolicyButton';
import { toPolicyBody } from './policyValidation';
import type { RetentionPolicy } from './types';

/** Delete stays available: the server answers 409 with what uses the policy, and that message is shown. */
const PolicyEditToolbar = () => {
  const policy = useRecordContext<RetentionPolicy>();
  const notify = useNotify();
  const inUse = policy ? policy.isDefault || policy.planCount > 0 || policy.mailboxCount > 0 : false;
  return (
    <Toolbar sx={{ justifyContent: 'space-between', gap: 2 }}>
      <SaveButton />
      {inUse && (
        <Typography variant="body2" sx={{ color: 'text.secondary', flex: 1, textAlign: 'right' }}>
          In use: reassign its plans and mailboxes before deleting it
        </Typography>
      )}
      <DeleteButton
        mutationMode="pessimistic"
        confirmTitle={`Delete the policy "${policy?.name ?? ''}"?`}
        confirmContent="Mailboxes that followed it would follow their plan's or the default policy."
        mutationOptions={{ onError: (error) => notify(errorMessage(error, 'Could not delete the policy'), { type: 'error', autoHideDuration: 10_000 }) }}
      />
    </Toolbar>
  );
};

const EditActions = () => (
  <TopToolbar>
    <PreviewPolicyButton />
  </TopToolbar>
);

/** Admin and ops only (accessControl.ts); help desk gets PolicyShow. */
export const PolicyEdit = () => (
  <Edit mutationMode="pessimistic" transform={toPolicyBody} redirect={false} aside={<AssignmentInfo />} actions={<EditActions />}>
    <SimpleForm sx={{ maxWidth: 1000 }} toolbar={<PolicyEditToolbar />}>
      <PolicyInputs />
    </SimpleForm>
  </Edit>
);
