import InboxIcon from '@mui/icons-material/Inbox';
import { MailboxEdit } from './MailboxEdit';
import { MailboxList } from './MailboxList';
import { MailboxShow } from './MailboxShow';
import type { Mailbox } from './types';

/**
 * Mailboxes are created by CSV import (ImportMailboxes, admin and ops); every role views and edits them.
 * Temporary increases and notifications are shown on the mailbox page, not as resources of their own.
 */
export default {
  list: MailboxList,
  show: MailboxShow,
  edit: MailboxEdit,
  icon: InboxIcon,
  options: { label: 'Mailboxes' },
  recordRepresentation: (record: Mailbox) => record.address,
};
