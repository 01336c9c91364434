import InboxIcon from '@mui/icons-material/Inbox';
import { MailboxCreate } from './MailboxCreate';
import { MailboxEdit } from './MailboxEdit';
import { MailboxList } from './MailboxList';
import { MailboxShow } from './MailboxShow';
import type { Mailbox } from './types';

/**
 * Mailboxes are created one by one (MailboxCreate, every role) or by CSV import (ImportMailboxes, admin and ops);
 * every role views and edits them and changes their status (LifecycleActions).
 * Temporary increases and notifications are shown on the mailbox page, not as resources of their own.
 */
export default {
  list: MailboxList,
  show: MailboxShow,
  edit: MailboxEdit,
  create: MailboxCreate,
  icon: InboxIcon,
  options: { label: 'Mailboxes' },
  recordRepresentation: (record: Mailbox) => record.address,
};
