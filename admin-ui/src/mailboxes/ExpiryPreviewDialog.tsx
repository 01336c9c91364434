import { Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Confirm, useCanAccess, useNotify, useRefresh } from 'react-admin';
import { formatBytes } from '../common/bytes';
import { errorMessage } from '../common/errors';
import { formatDateTime } from '../common/relativeTime';
import { useMailwardenDataProvider } from '../providers/dataProvider';
import { PreviewFolderTable } from './PreviewFolderTable';
import type { MailboxDetail } from './types';

/**
 * The dry run of "Run expiry now": the preview over IMAP (nothing changes), then, for admin and ops,
 * "Expire now" after a confirmation. Mail that is due but still waiting for its pre-expiry notice can go
 * too, only with "Expire without notice" and a reason (kept in the audit log). The run itself happens in a
 * worker; the Expiry card follows it.
 */
export const ExpiryPreviewDialog = ({ mailbox, onClose }: { mailbox: MailboxDetail; onClose: () => void }) => {
  const dataProvider = useMailwardenDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const { canAccess: canExpire } = useCanAccess({ resource: 'mailboxes', action: 'expire' });
  const [confirming, setConfirming] = useState<false | 'policy' | 'withoutNotice'>(false);
  const [reason, setReason] = useState('');
  const [expiring, setExpiring] = useState(false);
  const preview = useQuery({
    queryKey: ['mailboxes', 'expiry-preview', mailbox.id],
    queryFn: () => dataProvider.previewMailboxExpiry(mailbox.id),
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });
  const data = preview.data;

  const expire = async () => {
    setExpiring(true);
    try {
      const withoutNotice = confirming === 'withoutNotice' ? { reason: reason.trim() } : undefined;
      const { runId } = await dataProvider.expireMailbox(mailbox.id, false, withoutNotice);
      notify(`Expiry run #${runId} queued for ${mailbox.address}${withoutNotice ? ' (without notice)' : ''}`, { type: 'success' });
      refresh();
      onClose();
    } catch (error) {
      notify(errorMessage(error, 'Could not start expiry'), { type: 'error' });
    } finally {
      setExpiring(false);
      setConfirming(false);
    }
  };

  let body;
  if (preview.isPending) {
    body = (
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, py: 4 }}>
        <CircularProgress size={24} />
        <Typography variant="body2">Searching the mailbox over IMAP (read-only)…</Typography>
      </Box>
    );
  } else if (preview.error || !data) {
    body = <Alert severity="error">{errorMessage(preview.error, 'The preview failed')}</Alert>;
  } else {
    body = (
      <>
        {data.heldBy && (
          <Alert severity="warning" sx={{ mb: 2 }}>
            Legal hold ({data.heldBy.reason}, set by {data.heldBy.setBy}): a real run removes nothing. Below is what the policy alone selects.
          </Alert>
        )}
        <Typography variant="body1" sx={{ mb: 1 }} data-testid="preview-total">
          {data.policy ? `Policy "${data.policy.name}": ` : 'No policy applies: '}
          <strong>{data.totals.count.toLocaleString()} message{data.totals.count === 1 ? '' : 's'}</strong> ({formatBytes(data.totals.bytes)}) would
          be removed now.
        </Typography>
        <Typography variant="caption" component="p" sx={{ mb: 2, color: 'text.secondary' }}>
          Previewed {formatDateTime(data.at)}. {data.explanation.join(' ')}
        </Typography>
        {data.totals.awaitingNotice > 0 && (
          <Alert severity="info" sx={{ mb: 2 }} data-testid="preview-awaiting-notice">
            {data.totals.awaitingNotice.toLocaleString()} more message{data.totals.awaitingNotice === 1 ? ' is' : 's are'} due by age but
            kept until the user&apos;s pre-expiry notice is old enough (the rule promises a notice days ahead).
          </Alert>
        )}
        <PreviewFolderTable folders={data.folders} />
      </>
    );
  }

  const nothing = !data || data.totals.count === 0 || data.heldBy !== null;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="expiry-preview-title">
      <DialogTitle id="expiry-preview-title">Run expiry now: {mailbox.address}</DialogTitle>
      <DialogContent dividers>{body}</DialogContent>
      <DialogActions>
        {!canExpire && <Typography variant="body2" sx={{ mr: 'auto', color: 'text.secondary' }}>Only admin and ops can expire mail.</Typography>}
        <Button onClick={() => void preview.refetch()} disabled={preview.isFetching}>
          Preview again
        </Button>
        <Button onClick={onClose}>Close</Button>
        {canExpire && data && data.totals.awaitingNotice > 0 && data.heldBy === null && (
          <Button color="error" disabled={expiring} onClick={() => setConfirming('withoutNotice')}>
            Expire without notice…
          </Button>
        )}
        {canExpire && (
          <Button variant="contained" color="error" disabled={nothing || expiring} onClick={() => setConfirming('policy')}>
            Expire now
          </Button>
        )}
      </DialogActions>
      <Dialog open={confirming === 'withoutNotice'} onClose={() => setConfirming(false)} aria-labelledby="without-notice-title">
        <DialogTitle id="without-notice-title">Expire without notice?</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            Also removes {data?.totals.awaitingNotice.toLocaleString()} message(s) the user was not told about the required days ahead.
            Deleted mail cannot be brought back. Say why: it is kept in the audit log.
          </Typography>
          <TextField label="Reason" fullWidth required value={reason} onChange={(e) => setReason(e.target.value)} slotProps={{ htmlInput: { maxLength: 500 } }} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
          <Button color="error" variant="contained" disabled={reason.trim().length < 3 || expiring} onClick={() => void expire()}>
            Expire without notice
          </Button>
        </DialogActions>
      </Dialog>
      <Confirm
        isOpen={confirming === 'policy'}
        loading={expiring}
        title={`Expire ${data?.totals.count.toLocaleString() ?? ''} messages from ${mailbox.address}?`}
        content="This deletes (or moves) for real what the preview lists, as the policy says: deleted mail cannot be brought back. Every message is recorded in the expiry audit."
        confirm="Expire now"
        confirmColor="warning"
        onConfirm={() => void expire()}
        onClose={() => setConfirming(false)}
      />
    </Dialog>
  );
};
