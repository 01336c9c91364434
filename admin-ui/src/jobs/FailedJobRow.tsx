import { Box, Button, Collapse, Stack, TableCell, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { Confirm, Link } from 'react-admin';
import { formatDateTime } from '../common/relativeTime';
import type { JobRow } from './api';

interface Props {
  job: JobRow;
  busy: boolean;
  onRetry: (job: JobRow) => void;
  onRemove: (job: JobRow) => void;
}

// The mailbox a job was for is named by its address (linked); other id-like fields stay as they are.
const dataText = (data: JobRow['data'], named: boolean) =>
  Object.entries(data).filter(([k]) => !(named && k === 'mailboxId')).map(([k, v]) => `${k}=${String(v)}`).join(' ');

const JobSubject = ({ job }: { job: JobRow }) => {
  const rest = dataText(job.data, job.mailboxAddress !== null);
  return (
    <>
      {job.mailboxAddress && <Link to={`/mailboxes/${String(job.data.mailboxId)}/show`}>{job.mailboxAddress}</Link>}
      {rest && <Typography variant="caption" component="div" sx={{ fontFamily: 'monospace', color: 'text.secondary' }}>{rest}</Typography>}
      {!job.mailboxAddress && !rest && '—'}
    </>
  );
};

/** One failed job: what it was for, why it failed (stack on demand), retry or remove (removal asks first). */
export const FailedJobRow = ({ job, busy, onRetry, onRemove }: Props) => {
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <TableRow data-job={job.id}>
        <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{job.id}</TableCell>
        <TableCell>{job.name}</TableCell>
        <TableCell><JobSubject job={job} /></TableCell>
        <TableCell align="right">{job.attemptsMade}/{job.maxAttempts}</TableCell>
        <TableCell>{formatDateTime(job.finishedOn)}</TableCell>
        <TableCell sx={{ color: 'error.main', maxWidth: 360 }}>{job.failedReason ?? '—'}</TableCell>
        <TableCell align="right">
          <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
            {job.stacktrace.length > 0 && <Button size="small" onClick={() => setOpen(!open)}>{open ? 'Hide stack' : 'Stack'}</Button>}
            <Button size="small" disabled={busy} onClick={() => onRetry(job)}>Retry</Button>
            <Button size="small" color="error" disabled={busy} onClick={() => setConfirming(true)}>Remove</Button>
          </Stack>
          <Confirm
            isOpen={confirming}
            title={`Remove job ${job.id}?`}
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
        <TableCell colSpan={7} sx={{ py: 0, borderBottom: open ? undefined : 'none' }}>
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
