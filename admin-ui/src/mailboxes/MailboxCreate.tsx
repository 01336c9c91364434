import { Create, ReferenceInput, SelectInput, SimpleForm, TextInput, email, maxLength, regex, required } from 'react-admin';
import { FormServerError } from '../common/FormServerError';
import { validateDisplayName } from './mailboxValidation';

const validateAddress = [required('The mailbox address is required'), email('Enter an email address, e.g. alice@example.org'), maxLength(254)];
// The server's rule: no whitespace and no '*' (the master-user separator); unique case-insensitively (checked there).
const validateLogin = [maxLength(254), regex(/^[^\s*]*$/, 'No spaces or * in the IMAP login')];

/** Registers one mailbox (every role; CSV import is for many). A login another mailbox has is refused with its name. */
export const MailboxCreate = () => (
  <Create title="New mailbox" redirect="show" transform={toCreateBody}>
    <SimpleForm sx={{ maxWidth: 720 }}>
      <FormServerError />
      <TextInput source="address" label="Address" type="email" validate={validateAddress} fullWidth />
      <TextInput source="displayName" label="Display name" validate={validateDisplayName} fullWidth />
      <TextInput
        source="imapLogin"
        label="IMAP login"
        validate={validateLogin}
        helperText="Leave empty to use the address; must be unique"
        fullWidth
      />
      <ReferenceInput source="planId" reference="plans" sort={{ field: 'name', order: 'ASC' }} perPage={100}>
        <SelectInput label="Plan" optionText="name" emptyText="No plan (the default plan applies)" />
      </ReferenceInput>
    </SimpleForm>
  </Create>
);

/** Exactly the body `POST /api/mailboxes` accepts: empty optional fields are left out, never sent as ''. */
export function toCreateBody(form: Record<string, unknown>) {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  return {
    address: text(form.address).toLowerCase(),
    ...(text(form.displayName) ? { displayName: text(form.displayName) } : {}),
    ...(text(form.imapLogin) ? { imapLogin: text(form.imapLogin) } : {}),
    ...(form.planId ? { planId: Number(form.planId) } : {}),
  };
}
