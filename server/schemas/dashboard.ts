// TypeBox schemas of the home dashboard: quota, last scan and expiry run, per-day series.
import { Type } from 'typebox';
import { DateTime, Nullable } from './common.ts';

const TopMailbox = Type.Object({
  id: Type.Integer(),
  address: Type.String(),
  displayName: Type.String(),
  usedBytes: Nullable(Type.Number()),
  limitBytes: Nullable(Type.Number()),
  usagePercent: Type.Number(),
  scannedAt: Nullable(DateTime),
  nearThreshold: Nullable(Type.Number({ description: 'The first warning threshold of the mailbox plan (where "near" starts)' })),
});

const ScanSummary = Type.Object({
  status: Type.Enum(['running', 'completed', 'unknown'], { description: 'unknown: no fan-out kept by BullMQ (completed jobs are trimmed after a day)' }),
  startedAt: Nullable(DateTime),
  finishedAt: Nullable(DateTime),
  durationMs: Nullable(Type.Number()),
  mailboxes: Nullable(Type.Integer({ description: 'Scans the last fan-out enqueued' })),
  done: Nullable(Type.Integer({ description: 'Active mailboxes scanned since the fan-out started' })),
  pending: Type.Integer({ description: 'usage-scan jobs waiting, delayed or running' }),
  failedJobs: Type.Integer({ description: 'usage-scan jobs that failed for good (kept 30 days)' }),
  lastScanAt: Nullable(DateTime),
  activeMailboxes: Type.Integer(),
  neverScanned: Type.Integer(),
  failing: Type.Integer({ description: 'Active mailboxes whose last scan failed (e.g. refused login)' }),
  nextRun: Nullable(DateTime),
});

const ExpiryRunSummary = Type.Object({
  id: Type.Integer(),
  scope: Type.String(),
  scopeName: Nullable(Type.String({ description: "The mailbox's address for a single-mailbox run" })),
  trigger: Type.String(),
  status: Type.String(),
  startedAt: DateTime,
  finishedAt: Nullable(DateTime),
  durationMs: Nullable(Type.Number()),
  mailboxesTotal: Type.Integer(),
  mailboxesDone: Type.Integer(),
  mailboxesFailed: Type.Integer(),
  messagesDeleted: Type.Integer(),
  messagesMoved: Type.Integer(),
  bytesFreed: Type.Number(),
  error: Nullable(Type.String()),
});

const NightlySweep = Type.Object({
  night: Type.String({ description: 'UTC date the sweep started (YYYY-MM-DD)' }),
  runId: Type.Integer(),
  status: Type.String(),
  verdict: Type.Enum(['ran', 'skipped', 'failed', 'running'], { description: 'skipped: no mailbox worked on, some left out (e.g. every one on legal hold)' }),
  startedAt: DateTime,
  finishedAt: Nullable(DateTime),
  mailboxesTotal: Type.Integer(),
  mailboxesDone: Type.Integer(),
  mailboxesFailed: Type.Integer(),
  mailboxesSkipped: Type.Integer(),
  skippedBy: Type.Record(Type.String(), Type.Integer(), { description: 'Skipped mailboxes per reason: legal hold, disabled, locked, no policy' }),
  messagesDeleted: Type.Integer(),
  messagesMoved: Type.Integer(),
  bytesFreed: Type.Number(),
  error: Nullable(Type.String()),
});

export const DashboardSummarySchema = Type.Object({
  quota: Type.Object({ near: Type.Integer(), over: Type.Integer(), top: Type.Array(TopMailbox) }),
  scan: ScanSummary,
  expiry: Type.Object({
    lastRun: Nullable(ExpiryRunSummary),
    nextRun: Nullable(DateTime),
    nights: Type.Array(NightlySweep, { description: 'The scheduled sweeps of the last 14 nights, newest first (one per night: the latest)' }),
  }),
  pausedQueues: Type.Array(Type.String(), { description: 'Queues paused in Redis; "expiry" is the global expiry pause' }),
});

export const SeriesQuerystring = Type.Object(
  { days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, default: 30 })) },
  { additionalProperties: false },
);

export const DashboardSeriesSchema = Type.Array(Type.Object({
  day: Type.String({ description: 'UTC day, YYYY-MM-DD' }),
  bytesFreed: Type.Number(),
  messagesExpired: Type.Integer(),
  usersOverQuota: Type.Integer(),
}));
