import { Edit } from 'react-admin';
import { MailboxEditForm } from './MailboxEditForm';
import { RetentionOverride } from './RetentionOverride';
import { toMailboxBody } from './mailboxValidation';

// The toolbar's delete button stays hidden: accessControl.ts allows nobody to delete a mailbox.
/** Plan, override, alternate address and name; every role may edit them (the server checks too). Below, the retention override (admin, ops). */
export const MailboxEdit = () => (
  <Edit mutationMode="pessimistic" transform={toMailboxBody} redirect="show">
    <MailboxEditForm />
    <RetentionOverride />
  </Edit>
);
