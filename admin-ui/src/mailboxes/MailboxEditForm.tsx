import { Alert } from '@mui/material';
import { useState } from 'react';
import {
  Confirm,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  useEditContext,
  useNotify,
  useRedirect,
} from 'react-admin';
import { FormServerError } from '../common/FormServerError';
import { usePlans } from '../plans/usePlans';
import { allChanges, riskyChanges } from './mailboxChanges';
import { OverrideInput } from './OverrideInput';
import {
  toMailboxBody,
  validateAlternateEmail,
  validateDisplayName,
  type MailboxEditForm as FormValues,
} from './mailboxValidation';
import type { Mailbox } from './types';

// The record refetches after work elsewhere (a grant, a scan): what the user has typed survives it, only untouched
// fields take the new values. Module-level so the form's reset effect sees the same object every render.
const KEEP_TYPED = { keepDirtyValues: true } as const;

/** The mailbox form; a change of plan or override is confirmed before it is saved (status: LifecycleActions on the page). */
export const MailboxEditForm = () => {
  const { record: current, save, saving } = useEditContext();
  const record = current as Mailbox | undefined;
  const { plans } = usePlans();
  const notify = useNotify();
  const redirect = useRedirect();
  const [pending, setPending] = useState<{ values: Record<string, unknown>; changes: string[] } | null>(null);
  // A refusal of a save made from the confirmation: the form's own submit never sees its errors, so it is kept here.
  const [refusal, setRefusal] = useState<string | null>(null);

  // The success message says what changed ("Saved alice@…: Limit override: none (plan limit) → 20 MiB"), not "Element updated".
  const saveWithMessage = (values: Record<string, unknown>) => {
    const changes = record ? allChanges(record, toMailboxBody(values as unknown as FormValues), plans) : [];
    return save?.(values, {
      onSuccess: () => {
        notify(`Saved ${record?.address ?? 'the mailbox'}: ${changes.length ? changes.join('; ') : 'nothing changed'}`, { type: 'success' });
        redirect('show', 'mailboxes', record?.id);
      },
    });
  };
  const submit = (values: Record<string, unknown>) => {
    setRefusal(null);
    const changes = record ? riskyChanges(record, toMailboxBody(values as unknown as FormValues), plans) : [];
    if (changes.length === 0) return saveWithMessage(values);
    setPending({ values, changes });
  };
  const confirm = async () => {
    if (!pending) return;
    const errors = (await saveWithMessage(pending.values)) as Record<string, unknown> | undefined;
    setPending(null);
    const message = errors?.['root.serverError'];
    if (typeof message === 'string') setRefusal(message);
  };

  return (
    <>
      <SimpleForm sx={{ maxWidth: 720 }} onSubmit={submit} resetOptions={KEEP_TYPED}>
        <FormServerError />
        {refusal && (
          <Alert severity="error" sx={{ width: '100%', mb: 1 }} role="alert">
            Not saved: {refusal}
          </Alert>
        )}
        <TextInput source="address" readOnly />
        <TextInput source="displayName" label="Display name" validate={validateDisplayName} />
        <ReferenceInput source="planId" reference="plans" sort={{ field: 'name', order: 'ASC' }} perPage={100}>
          <SelectInput
            label="Plan"
            optionText="name"
            emptyText="No plan (the default plan applies)"
            helperText="Changing the plan changes the limit at once"
          />
        </ReferenceInput>
        <OverrideInput />
        <TextInput
          source="alternateEmail"
          label="Alternate email"
          type="email"
          validate={validateAlternateEmail}
          helperText="Quota notices go here when set: a full mailbox cannot receive them"
        />
        <TextInput
          source="reason"
          label="Reason or ticket"
          defaultValue=""
          helperText="Why this change (ticket number, request): kept in the audit log with it"
          fullWidth
        />
      </SimpleForm>
      <Confirm
        isOpen={pending !== null}
        loading={saving}
        title={`Change ${record?.address ?? 'this mailbox'}?`}
        content={
          <>
            {pending?.changes.map((change) => <div key={change}>{change}</div>)}
            <p>A lower limit can send a quota warning at once, or make the mailbox refuse new mail.</p>
          </>
        }
        confirm="Save"
        onConfirm={() => void confirm()}
        onClose={() => setPending(null)}
      />
    </>
  );
};
