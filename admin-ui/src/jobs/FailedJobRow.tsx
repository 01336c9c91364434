import { Box, Button, Collapse, Stack, TableCell, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { Confirm, Link } from 'react-admin';
import { formatDateTime } from '../common/relativeTime';
import type { FailedJobRow as Job } from './api';

interface Props {
  job: Job;
  busy: boolean;
  onRetry: (job: Job) => void;
  onRemove: (job: Job) => void;
}

// The mailbox a job was for is named by its address (linked); other id-like fields stay as they are.
const dataText = (data: Job['data'], named: boolean) =>
  Object.entries(data).filter(([k]) => !(named && (k === 'mailboxId' || k === 'notificationId'))).map(([k, v]) => `${k}=${String(v)}`).join(' ');

const JobSubject = ({ job }: { job: Job }) => {
  const rest = dataText(job.data, job.mailboxAddress !== null);
  return (
    <>
      {job.mailboxAddress && job.mailboxId !== null && <Link to={`/mailboxes/${job.mailboxId}/show`}>{job.mailboxAddress}</Link>}
      {rest && <Typography variant="caption" component="div" sx={{ fontFamily: 'monospace', color: 'text.secondary' }}>{rest}</Typography>}
      {!job.mailboxAddress && !rest && '—'}
    </>
  );
};

/** One failed job: its queue and what it was for, why it failed (raw text and stack on demand), retry or remove (asked first). */
export const FailedJobRow = ({ job, busy, onRetry, onRemove }: Props) => {
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const raw = job.failedReason && job.failedReason !== job.reason ? job.failedReason : null;
  return (
    <>
      <TableRow data-job={job.id} data-queue={job.queue}>
        <TableCell>
          <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>{job.queue}</Typography>
          <Typography variant="caption" sx={{ color: 'text.secondary', wordBreak: 'break-all' }}>#{job.id}</Typography>
        </TableCell>
        <TableCell><JobSubject job={job} /></TableCell>
        <TableCell sx={{ maxWidth: 380 }}>
          <Typography variant="body2" sx={{ color: 'error.main' }}>{job.reason}</Typography>
          {raw && <Typography variant="caption" component="div" sx={{ color: 'text.secondary', wordBreak: 'break-word' }}>{raw}</Typography>}
        </TableCell>
        <TableCell align="right">{job.attemptsMade} of {job.maxAttempts}</TableCell>
        <TableCell>{formatDateTime(job.finishedOn)}</TableCell>
        <TableCell align="right">
          <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
            {job.stacktrace.length > 0 && (
              <Button size="small" aria-expanded={open} onClick={() => setOpen(!open)}>{open ? 'Hide stack' : 'Stack'}</Button>
            )}
            <Button size="small" disabled={busy} onClick={() => onRetry(job)} aria-label={`Retry ${job.queue} job ${job.id}`}>Retry</Button>
            <Button size="small" color="error" disabled={busy} onClick={() => setConfirming(true)} aria-label={`Remove ${job.queue} job ${job.id}`}>Remove</Button>
          </Stack>
          <Confirm
            isOpen={confirming}
            title={`Remove ${job.queue} job ${job.id}?`}
            content="The failed job and its error are deleted from the queue. This cannot be undone."
            confirm="Remove"
            onConfirm={() => {
              setConfirming(false);
              onRemove(job);
            }}
            onClose={() => setConfirming(false)}
          />
        </TableCell>
      </TableRow>
      <TableRow>
        <TableCell colSpan={6} sx={{ py: 0, borderBottom: open ? undefined : 'none' }}>
          <Collapse in={open} unmountOnExit>
            <Box component="pre" sx={{ m: 1, p: 1, overflowX: 'auto', bgcolor: 'action.hover', fontSize: 12, borderRadius: 1 }}>
              {job.stacktrace.join('\n\n')}
            </Box>
            <Typography variant="caption" sx={{ color: 'text.secondary' }}>Last {job.stacktrace.length} attempt(s), newest last.</Typography>
          </Collapse>
        </TableCell>
      </TableRow>
    </>
  );
};
