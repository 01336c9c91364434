import ForwardToInboxIcon from '@mui/icons-material/ForwardToInbox';
import { Button, Tooltip } from '@mui/material';
import { useState } from 'react';
import { useCanAccess, useGetList, useRecordContext } from 'react-admin';
import { ResendNoticeDialog } from './ResendNoticeDialog';
import type { MailboxDetail, QuotaNotification } from './types';

/** "Resend last notice": the newest notice of this mailbox, once it has been sent or has failed. */
export const ResendNoticeButton = () => {
  const mailbox = useRecordContext<MailboxDetail>();
  const { canAccess } = useCanAccess({ resource: 'notifications', action: 'resend' });
  const [open, setOpen] = useState(false);
  const { data } = useGetList<QuotaNotification>(
    'notifications',
    { filter: { mailboxId: mailbox?.id }, sort: { field: 'createdAt', order: 'DESC' }, pagination: { page: 1, perPage: 1 } },
    { enabled: mailbox !== undefined },
  );
  const last = data?.[0];
  if (!mailbox || !canAccess || !last) return null;
  const pending = last.status === 'pending' || last.status === 'sending';
  return (
    <>
      <Tooltip title={pending ? 'The last notice is still being sent' : ''}>
        <span>
          <Button size="small" variant="outlined" startIcon={<ForwardToInboxIcon />} disabled={pending} onClick={() => setOpen(true)}>
            Resend last notice
          </Button>
        </span>
      </Tooltip>
      {open && <ResendNoticeDialog mailbox={mailbox} notice={last} onClose={() => setOpen(false)} />}
    </>
  );
};
