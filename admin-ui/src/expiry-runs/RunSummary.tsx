import { Alert, Card, CardContent, CardHeader, Stack } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { formatBytes } from '../common/bytes';
import { formatDuration } from '../common/duration';
import { InfoList } from '../common/InfoList';
import { formatDateTime } from '../common/relativeTime';
import { mailboxCounts } from './runFormat';
import { ScopeLink } from './ScopeLink';
import { StatusChip } from './StatusChip';
import type { ExpiryRun } from './types';

/** One run at a glance: what, who, when, how long, and the totals over its mailboxes. */
export const RunSummary = () => {
  const run = useRecordContext<ExpiryRun>();
  if (!run) return null;
  const counts = mailboxCounts(run);
  const { examined, matched, deleted, moved, bytesFreed } = run.totals;
  return (
    <Card>
      <CardHeader
        title={<>Expiry run #{run.id}: <ScopeLink scope={run.scope} scopeName={run.scopeName} /></>}
        subheader={run.dryRun ? 'Dry run: nothing was changed; the figures say what a real run would remove' : undefined}
        action={<StatusChip status={run.status} />}
      />
      <CardContent>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={4}>
          <InfoList
            items={[
              { label: 'Trigger', value: `${run.trigger}${run.createdBy ? ` by ${run.createdBy}` : ''}` },
              { label: 'Started', value: formatDateTime(run.startedAt) },
              { label: 'Finished', value: run.finishedAt ? formatDateTime(run.finishedAt) : 'still running' },
              { label: 'Duration', value: formatDuration(run.startedAt, run.finishedAt) },
            ]}
          />
          <InfoList
            items={[
              { label: 'Mailboxes', value: `${run.mailboxesTotal}: ${counts.done} done, ${counts.failed} failed, ${counts.skipped} skipped${counts.open ? `, ${counts.open} to go` : ''}` },
              { label: 'Examined', value: examined.toLocaleString() },
              { label: run.dryRun ? 'Would remove' : 'Matched', value: matched.toLocaleString() },
              { label: 'Deleted / moved', value: `${deleted.toLocaleString()} / ${moved.toLocaleString()}` },
              { label: run.dryRun ? 'Would free' : 'Bytes freed', value: formatBytes(bytesFreed) },
            ]}
          />
        </Stack>
        {run.error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {run.error}
          </Alert>
        )}
      </CardContent>
    </Card>
  );
};
