import { Alert, Box, Card, CardContent, CardHeader, Chip, Stack, Tooltip, Typography } from '@mui/material';
import { Link } from 'react-admin';
import { formatBytes } from '../common/bytes';
import { formatDateTime } from '../common/relativeTime';
import type { DashboardSummary } from './api';

type Night = DashboardSummary['expiry']['nights'][number];

const VERDICT_COLOR: Record<Night['verdict'], 'success' | 'warning' | 'error' | 'info'> = { ran: 'success', skipped: 'warning', failed: 'error', running: 'info' };
const NIGHTS = 14;

/** "2 on legal hold, 1 disabled". */
const skipText = (night: Night) =>
  Object.entries(night.skippedBy).map(([reason, n]) => (reason === 'legal hold' ? `${n} on legal hold` : `${n} ${reason}`)).join(', ');

/** One line for a night: what the sweep did, and why it left mailboxes out. */
export function nightText(night: Night): string {
  const parts = [`${night.mailboxesDone} done`, `${night.mailboxesFailed} failed`];
  if (night.mailboxesSkipped) parts.push(`${night.mailboxesSkipped} skipped (${skipText(night)})`);
  return `${parts.join(', ')}; ${night.messagesDeleted.toLocaleString()} deleted, ${night.messagesMoved.toLocaleString()} moved, ${formatBytes(night.bytesFreed)} freed`;
}

/** UTC dates of the last 14 nights, oldest first. */
function lastNights(now = Date.now()): string[] {
  return Array.from({ length: NIGHTS }, (_, i) => new Date(now - (NIGHTS - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

/** Last night's scheduled sweep (ran, skipped or failed, with counts and skip reasons) and a 14-night strip. */
export const NightlySweepCard = ({ expiry }: { expiry: DashboardSummary['expiry'] }) => {
  const byNight = new Map(expiry.nights.map((n) => [n.night, n]));
  const last = expiry.nights[0];
  return (
    <Card>
      <CardHeader title="Nightly sweep" subheader={`Next: ${expiry.nextRun ? formatDateTime(expiry.nextRun) : 'not scheduled'}`} action={last && <Chip size="small" color={VERDICT_COLOR[last.verdict]} label={last.verdict} />} />
      <CardContent>
        {!last ? (
          <Alert severity="info">No scheduled sweep in the last {NIGHTS} nights.</Alert>
        ) : (
          <Typography variant="body2" data-testid="last-sweep">
            <Link to={`/expiry-runs/${last.runId}/show`}>{formatDateTime(last.startedAt)}</Link>: {nightText(last)}
            {last.error ? ` — ${last.error}` : ''}
          </Typography>
        )}
        <Stack direction="row" spacing={0.5} sx={{ mt: 2 }} aria-label={`Sweeps of the last ${NIGHTS} nights`} role="list">
          {lastNights().map((day) => {
            const night = byNight.get(day);
            const label = night ? `${day}: ${night.verdict}, ${nightText(night)}` : `${day}: no sweep`;
            return (
              <Tooltip key={day} title={label}>
                <Box
                  role="listitem"
                  aria-label={label}
                  data-verdict={night?.verdict ?? 'none'}
                  sx={{ flex: 1, height: 20, borderRadius: 0.5, bgcolor: night ? `${VERDICT_COLOR[night.verdict]}.main` : 'action.disabledBackground' }}
                />
              </Tooltip>
            );
          })}
        </Stack>
      </CardContent>
    </Card>
  );
};

/** Banners for work that needs a person: last night's sweep failed, or a queue (expiry itself) is paused. */
export const AttentionBanners = ({ summary }: { summary: DashboardSummary }) => {
  const last = summary.expiry.nights[0];
  return (
    <>
      {last?.verdict === 'failed' && (
        <Alert severity="error">
          The last nightly sweep failed: {nightText(last)}. <Link to={`/expiry-runs/${last.runId}/show`}>Open the run</Link>
        </Alert>
      )}
      {summary.pausedQueues.includes('expiry') && <Alert severity="warning">Expiry is paused: no mail is expired until it is resumed.</Alert>}
      {summary.pausedQueues.filter((q) => q !== 'expiry').length > 0 && (
        <Alert severity="warning">Paused queues: {summary.pausedQueues.filter((q) => q !== 'expiry').join(', ')}. Their jobs wait until resumed.</Alert>
      )}
    </>
  );
};
