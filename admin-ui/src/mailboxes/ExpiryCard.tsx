import PlayCircleOutlineIcon from '@mui/icons-material/PlayCircleOutlined';
import { Button, Card, CardContent, CardHeader, Typography } from '@mui/material';
import { useState } from 'react';
import { useRecordContext } from 'react-admin';
import { ExpiryPreviewDialog } from './ExpiryPreviewDialog';
import { LastExpiryRun } from './LastExpiryRun';
import type { MailboxDetail } from './types';

/** The last expiry of this mailbox and "Run expiry now", which always shows the dry-run preview first. */
export const ExpiryCard = () => {
  const mailbox = useRecordContext<MailboxDetail>();
  const [open, setOpen] = useState(false);
  if (!mailbox) return null;
  return (
    <Card>
      <CardHeader
        title="Expiry"
        subheader="Last run on this mailbox"
        action={
          <Button size="small" variant="outlined" startIcon={<PlayCircleOutlineIcon />} onClick={() => setOpen(true)}>
            Run expiry now
          </Button>
        }
      />
      <CardContent>
        <LastExpiryRun mailboxId={mailbox.id} />
        <Typography variant="caption" component="p" sx={{ mt: 1.5, color: 'text.secondary' }}>
          "Run expiry now" first shows what would go (a dry run over IMAP that changes nothing).
        </Typography>
      </CardContent>
      {open && <ExpiryPreviewDialog mailbox={mailbox} onClose={() => setOpen(false)} />}
    </Card>
  );
};
