import { Skeleton, Typography } from '@mui/material';
import { Link, useGetList } from 'react-admin';
import { formatBytes } from '../common/bytes';
import { formatDuration } from '../common/duration';
import { InfoList } from '../common/InfoList';
import { formatDateTime, formatRelative } from '../common/relativeTime';
import { StatusChip } from '../expiry-runs/StatusChip';
import type { MailboxRun } from '../expiry-runs/types';

const UNFINISHED = new Set(['pending', 'running']);

/** The newest expiry row of this mailbox (from any run); polls while it is still pending or running. */
export const LastExpiryRun = ({ mailboxId }: { mailboxId: number }) => {
  const { data, isPending, error } = useGetList<MailboxRun>(
    'expiry-mailbox-runs',
    { filter: { mailboxId }, sort: { field: 'id', order: 'DESC' }, pagination: { page: 1, perPage: 1 } },
    { refetchInterval: (query) => (query.state.data?.data.some((row) => UNFINISHED.has(row.status)) ? 2000 : false) },
  );
  if (isPending) return <Skeleton variant="rectangular" height={80} />;
  if (error) return <Typography color="error" variant="body2">Could not load the last expiry run.</Typography>;
  const last = data?.[0];
  if (!last) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        No expiry has run on this mailbox yet.
      </Typography>
    );
  }
  const removed = last.dryRun
    ? `would remove ${last.matched.toLocaleString()} (${formatBytes(last.bytesFreed)})`
    : `${last.deleted.toLocaleString()} deleted, ${last.moved.toLocaleString()} moved, ${formatBytes(last.bytesFreed)} freed`;
  return (
    <InfoList
      items={[
        { label: 'Run', value: <Link to={`/expiry-runs/${last.runId}/show`}>#{last.runId}</Link> },
        { label: 'Status', value: <StatusChip status={last.status} dryRun={last.dryRun} /> },
        { label: 'When', value: last.startedAt ? `${formatDateTime(last.startedAt)} (${formatRelative(last.startedAt)})` : 'queued' },
        { label: 'Duration', value: formatDuration(last.startedAt, last.finishedAt) },
        { label: 'Result', value: `${last.examined.toLocaleString()} examined, ${removed}` },
        ...(last.error ? [{ label: 'Error', value: <Typography variant="body2" color="error">{last.error}</Typography> }] : []),
      ]}
    />
  );
};
