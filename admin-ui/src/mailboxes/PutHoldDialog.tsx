import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { DateTimeInput, Form, TextInput, maxLength, minLength, required, useCreate, useNotify, useRefresh } from 'react-admin';
import { errorMessage } from '../common/errors';
import type { LegalHold } from '../retention-policies/types';

const validateReason = [required('Say why (case, ticket, request)'), minLength(3), maxLength(1000)];
const validateEnd = (value: unknown) => {
  if (value === null || value === undefined || value === '') return undefined;
  const at = new Date(value as string).getTime();
  return Number.isNaN(at) || at <= Date.now() ? 'The end must be in the future' : undefined;
};

interface HoldForm {
  reason: string;
  endsAt?: string | Date | null;
}

/** Puts a mailbox on legal hold: a required reason and an optional end date (the hold ends by itself then). */
export const PutHoldDialog = ({ mailboxId, address, open, onClose }: { mailboxId: number; address: string; open: boolean; onClose: () => void }) => {
  const [create, { isPending }] = useCreate<LegalHold>();
  const notify = useNotify();
  const refresh = useRefresh();

  const submit = (values: Record<string, unknown>) => {
    const form = values as unknown as HoldForm;
    const endsAt = form.endsAt ? new Date(form.endsAt).toISOString() : null;
    create(
      'legal-holds',
      { data: { mailboxId, reason: form.reason.trim(), endsAt } },
      {
        onSuccess: () => {
          onClose();
          notify(`${address} is on legal hold: no expiry will touch it`, { type: 'success' });
          refresh();
        },
        onError: (error) => notify(errorMessage(error, 'Could not put the hold'), { type: 'error' }),
      },
    );
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="put-hold-title">
      <Form record={{ reason: '', endsAt: null }} onSubmit={submit}>
        <DialogTitle id="put-hold-title">Put {address} on legal hold</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            While the hold lasts, no expiry (scheduled, manual or previewed) deletes or moves any of this mailbox's mail.
          </Typography>
          <TextInput source="reason" label="Reason" multiline minRows={2} validate={validateReason} helperText="Recorded with the hold and in the audit log" />
          <DateTimeInput source="endsAt" label="Ends (optional)" validate={validateEnd} helperText="Leave empty to hold until someone lifts it" />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={isPending}>
            Put on hold
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
};
