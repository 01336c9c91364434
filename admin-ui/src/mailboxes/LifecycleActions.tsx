import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useNotify, useRecordContext, useRefresh } from 'react-admin';
import { errorMessage } from '../common/errors';
import { formatDateTime } from '../common/relativeTime';
import { ACTIONS, STATUS_INFO, actionsFor, setMailboxStatus, type LifecycleAction } from './lifecycle';
import type { MailboxDetail } from './types';

/**
 * Suspend, disable, delete, restore: each asks for a reason and says what the new status does before it is applied.
 * Every staff role may use them (the server checks, and refuses a delete under a legal hold with a message shown here).
 */
export const LifecycleActions = () => {
  const mailbox = useRecordContext<MailboxDetail>();
  const [action, setAction] = useState<LifecycleAction | null>(null);
  if (!mailbox) return null;
  const actions = actionsFor(mailbox);
  return (
    <>
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
        {actions.map((a) => (
          <Button key={a} size="small" color={a === 'delete' ? 'error' : 'primary'} onClick={() => setAction(a)}>
            {ACTIONS[a].label}
          </Button>
        ))}
      </Stack>
      {action && <LifecycleDialog mailbox={mailbox} action={action} onClose={() => setAction(null)} />}
    </>
  );
};

const LifecycleDialog = ({ mailbox, action, onClose }: { mailbox: MailboxDetail; action: LifecycleAction; onClose: () => void }) => {
  const notify = useNotify();
  const refresh = useRefresh();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const { status, verb } = ACTIONS[action];
  const tooShort = reason.trim().length < 3;

  const apply = async () => {
    setSaving(true);
    setError(null);
    try {
      const saved = await setMailboxStatus(mailbox.id, status, reason.trim());
      const purge = saved.purgeAfter ? `; its mail is purged after ${formatDateTime(saved.purgeAfter)} unless restored` : '';
      notify(`${mailbox.address} is now ${STATUS_INFO[saved.status].label.toLowerCase()}${purge}`, { type: 'success' });
      onClose();
      refresh();
    } catch (e) {
      setError(errorMessage(e, `Could not ${verb.toLowerCase()} the mailbox`));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="lifecycle-title">
      <DialogTitle id="lifecycle-title">{verb} {mailbox.address}?</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {STATUS_INFO[status].label}: {STATUS_INFO[status].effect}
        </Typography>
        <TextField
          label="Reason or ticket"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          fullWidth
          multiline
          minRows={2}
          autoFocus
          helperText="Required (at least 3 characters): kept with the mailbox and in the audit log"
          slotProps={{ htmlInput: { maxLength: 500 } }}
        />
        {error && <Typography role="alert" color="error" variant="body2" sx={{ mt: 2 }}>{error}</Typography>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" color={action === 'delete' ? 'error' : 'primary'} disabled={tooShort || saving} onClick={() => void apply()}>
          {verb}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
