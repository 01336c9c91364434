import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useState } from 'react';
import { Form, TextInput, maxLength, minLength, required, useNotify, useRefresh } from 'react-admin';
import { errorMessage } from '../common/errors';
import { formatDateTime } from '../common/relativeTime';
import { useMailwardenDataProvider } from '../providers/dataProvider';
import { NOTIFICATION_KIND_CHOICES, type MailboxDetail, type QuotaNotification } from './types';

const validateReason = [required('Say why it is sent again (ticket, request)'), minLength(3), maxLength(500)];
const kindName = (kind: QuotaNotification['kind']) => NOTIFICATION_KIND_CHOICES.find((choice) => choice.id === kind)?.name ?? kind;

/** What became of the notice the first time, in one sentence. */
function outcome(notice: QuotaNotification): string {
  if (notice.status === 'sent') return `sent ${formatDateTime(notice.sentAt)} to ${notice.toAddress}`;
  if (notice.status === 'unknown') return `may or may not have reached ${notice.toAddress} (the worker stopped while sending it)`;
  return `failed for ${notice.toAddress}${notice.error ? `: ${notice.error}` : ''}`;
}

/**
 * Confirmation for "Resend last notice": says what goes out again and to whom, and asks why (kept in the audit
 * log). The API records a new notification linked to this one; the original keeps its own send record.
 */
export const ResendNoticeDialog = ({ mailbox, notice, onClose }: { mailbox: MailboxDetail; notice: QuotaNotification; onClose: () => void }) => {
  const dataProvider = useMailwardenDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [sending, setSending] = useState(false);
  const recipient = mailbox.alternateEmail || mailbox.address;

  const submit = async (values: Record<string, unknown>) => {
    setSending(true);
    try {
      const resend = await dataProvider.resendNotification(notice.id, String(values.reason).trim());
      notify(`${kindName(notice.kind)} notice queued again for ${resend.toAddress}`, { type: 'success' });
      refresh();
      onClose();
    } catch (error) {
      notify(errorMessage(error, 'Could not resend the notice'), { type: 'error' });
    } finally {
      setSending(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="resend-notice-title">
      <Form record={{ reason: '' }} onSubmit={submit}>
        <DialogTitle id="resend-notice-title">Resend the last notice?</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 1 }}>
            <strong>{kindName(notice.kind)}</strong>
            {notice.subject ? ` ("${notice.subject}")` : ''}, {outcome(notice)}.
          </Typography>
          <Typography variant="body2" sx={{ mb: 2 }}>
            It goes out once more, with the figures it had then, to <strong>{recipient}</strong> (plus the plan&apos;s admin copy, if one is set).
          </Typography>
          <TextInput source="reason" label="Reason" multiline minRows={2} validate={validateReason} helperText="Kept in the audit log" />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={sending}>
            Resend
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
};
