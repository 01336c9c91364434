import { Typography } from '@mui/material';
import { DeleteButton, Edit, SaveButton, SimpleForm, TextInput, Toolbar, useNotify, useRecordContext, useRedirect } from 'react-admin';
import { auditSummary } from '../audit/auditSummary';
import type { JsonValue } from '../audit/auditDiff';
import { PlanInputs } from './PlanInputs';
import { PlanRetention } from './PlanRetention';
import { toPlanBody, type PlanForm } from './planValidation';
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

// The edit sends the reason with the change (kept in the audit log); a new plan has none to give.
const toPlanUpdate = (form: PlanForm & { reason?: string }) => ({ ...toPlanBody(form), ...(form.reason?.trim() ? { reason: form.reason.trim() } : {}) });

// Fields the success message leaves out: bookkeeping, not something staff changed.
const QUIET = new Set(['id', 'mailboxCount', 'createdAt', 'updatedAt', 'retentionPolicyId', 'retentionPolicyName', 'reason']);
const comparable = (plan: object) => Object.fromEntries(Object.entries(plan).filter(([k]) => !QUIET.has(k))) as JsonValue;

export const PlanEdit = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  // "Saved Student: storage limit: 10 MiB → 20 MiB", not "Element updated".
  const onSuccess = (saved: Plan, variables: { previousData?: Plan }) => {
    const what = variables.previousData ? auditSummary(comparable(variables.previousData), comparable(saved)) : '';
    notify(`Saved ${saved.name}: ${what || 'nothing changed'}`, { type: 'success' });
    redirect('list', 'plans');
  };
  return (
    <Edit mutationMode="pessimistic" transform={toPlanUpdate} mutationOptions={{ onSuccess }}>
      <SimpleForm sx={{ maxWidth: 720 }} toolbar={<PlanEditToolbar />}>
        <PlanInputs />
        <TextInput source="reason" label="Reason or ticket" defaultValue="" fullWidth helperText="Why this change (ticket number, request): kept in the audit log with it" />
      </SimpleForm>
      <PlanRetention />
    </Edit>
  );
};
