import { useState } from 'react';
import {
  Confirm,
  RadioButtonGroupInput,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  useEditContext,
} from 'react-admin';
import { BytesInput } from '../common/BytesInput';
import { usePlans } from '../plans/usePlans';
import { riskyChanges } from './mailboxChanges';
import {
  toMailboxBody,
  validateAlternateEmail,
  validateDisplayName,
  validateOverride,
  type MailboxEditForm as FormValues,
} from './mailboxValidation';
import { STATUS_CHOICES, type Mailbox } from './types';

/** The mailbox form; a change of plan, override or status is confirmed before it is saved. */
export const MailboxEditForm = () => {
  const { record: current, save, saving } = useEditContext();
  const record = current as Mailbox | undefined;
  const { plans } = usePlans();
  const [pending, setPending] = useState<{ values: Record<string, unknown>; changes: string[] } | null>(null);

  const submit = (values: Record<string, unknown>) => {
    const changes = record ? riskyChanges(record, toMailboxBody(values as unknown as FormValues), plans) : [];
    if (changes.length === 0) return save?.(values);
    setPending({ values, changes });
  };
  const confirm = async () => {
    if (!pending) return;
    await save?.(pending.values);
    setPending(null);
  };

  return (
    <>
      <SimpleForm sx={{ maxWidth: 720 }} onSubmit={submit}>
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
        <BytesInput
          source="limitOverrideBytes"
          label="Limit override"
          validate={validateOverride}
          helperText="Replaces the plan's limit for this mailbox only; leave empty to use the plan's. Dovecot applies a limit at login: when it drops below usage, open sessions are disconnected if the server kicks sessions (SESSION_KICK), else they keep the old limit until they log in again"
        />
        <TextInput
          source="alternateEmail"
          label="Alternate email"
          type="email"
          validate={validateAlternateEmail}
          helperText="Quota notices go here when set: a full mailbox cannot receive them"
        />
        <RadioButtonGroupInput source="status" choices={STATUS_CHOICES} />
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
