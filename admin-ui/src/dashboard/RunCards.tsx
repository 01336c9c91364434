import { Alert, Card, CardContent, CardHeader, Chip } from '@mui/material';
import { Link } from 'react-admin';
import { formatBytes } from '../common/bytes';
import { InfoList } from '../common/InfoList';
import { formatDateTime, formatRelative } from '../common/relativeTime';
import { ScopeLink } from '../expiry-runs/ScopeLink';
import { formatDuration, type DashboardSummary } from './api';

const STATUS_COLOR: Record<string, 'success' | 'error' | 'info' | 'default'> = { completed: 'success', failed: 'error', running: 'info' };
const StatusChip = ({ status }: { status: string }) => <Chip size="small" color={STATUS_COLOR[status] ?? 'default'} label={status} />;

/** The last usage scan: the hourly fan-out and how far it got, plus mailboxes whose scans fail. */
export const ScanCard = ({ scan }: { scan: DashboardSummary['scan'] }) => (
  <Card sx={{ height: '100%' }}>
    <CardHeader title="Last usage scan" action={<StatusChip status={scan.status} />} />
    <CardContent>
      {scan.failing > 0 && <Alert severity="warning" sx={{ mb: 1 }}>{scan.failing} mailbox(es) failed their last scan.</Alert>}
      <InfoList
        items={[
          { label: 'Started', value: scan.startedAt ? `${formatDateTime(scan.startedAt)} (${formatRelative(scan.startedAt)})` : '—' },
          { label: 'Duration', value: formatDuration(scan.durationMs) },
          { label: 'Mailboxes scanned', value: scan.done === null ? '—' : `${scan.done} of ${scan.mailboxes ?? scan.activeMailboxes}` },
          { label: 'Still queued', value: String(scan.pending) },
          { label: 'Failed scan jobs', value: String(scan.failedJobs) },
          { label: 'Never scanned', value: String(scan.neverScanned) },
          { label: 'Latest result', value: formatRelative(scan.lastScanAt) },
          { label: 'Next scan', value: scan.nextRun ? formatDateTime(scan.nextRun) : 'not scheduled' },
        ]}
      />
    </CardContent>
  </Card>
);

/** The last expiry run that removed mail (sweep or single mailbox), and when the next sweep is due. */
export const ExpiryCard = ({ expiry }: { expiry: DashboardSummary['expiry'] }) => {
  const run = expiry.lastRun;
  return (
    <Card sx={{ height: '100%' }}>
      <CardHeader title="Last expiry run" action={run && <StatusChip status={run.status} />} />
      <CardContent>
        {!run ? (
          <Alert severity="info">No expiry has run yet. Next sweep: {expiry.nextRun ? formatDateTime(expiry.nextRun) : 'not scheduled'}.</Alert>
        ) : (
          <>
            {run.error && <Alert severity="error" sx={{ mb: 1 }}>{run.error}</Alert>}
            <InfoList
              items={[
                { label: 'Run', value: <><Link to={`/expiry-runs/${run.id}/show`}>#{run.id}</Link>, <ScopeLink scope={run.scope} scopeName={run.scopeName} /> ({run.trigger})</> },
                { label: 'Started', value: `${formatDateTime(run.startedAt)} (${formatRelative(run.startedAt)})` },
                { label: 'Duration', value: formatDuration(run.durationMs) },
                { label: 'Mailboxes', value: `${run.mailboxesDone} done, ${run.mailboxesFailed} failed of ${run.mailboxesTotal}` },
                { label: 'Messages removed', value: `${run.messagesDeleted} deleted, ${run.messagesMoved} moved` },
                { label: 'Space freed', value: formatBytes(run.bytesFreed) },
                { label: 'Next sweep', value: expiry.nextRun ? formatDateTime(expiry.nextRun) : 'not scheduled' },
              ]}
            />
          </>
        )}
      </CardContent>
    </Card>
  );
};
