// TypeBox schemas for directory sync: the configured source (never the bind password), runs and their diffs.
import { Type } from 'typebox';
import { DateTime, Nullable } from './common.ts';

export const DirectorySourceSchema = Type.Object({
  source: Type.Enum(['none', 'ldap', 'sql']),
  url: Type.String(),
  startTls: Type.Boolean(),
  baseDn: Type.String(),
  filter: Type.String(),
  bindDn: Type.String({ description: 'Empty = anonymous bind. The password is never shown.' }),
  mapping: Type.Object({ address: Type.String(), imapLogin: Type.String(), displayName: Type.String(), alternateAddress: Type.String(), plan: Type.String() }),
  sql: Nullable(Type.Object({
    database: Type.String({ description: 'Host and database of DIRECTORY_SQL_URL (never its password)' }),
    query: Type.String(),
    plans: Type.Boolean({ description: 'DIRECTORY_SQL_PLANS: the query\'s plan column sets plans' }),
  }, { description: 'DIRECTORY_SOURCE=sql only' })),
  maxDisablePercent: Type.Number({ description: 'The safety stop: a run that would disable more than this share applies nothing' }),
  cron: Type.String({ description: 'DIRECTORY_SYNC_CRON (a pattern set in the console under Schedules wins)' }),
  goneStatus: Type.Enum(['disabled', 'deleted'], { description: 'DIRECTORY_GONE_STATUS: what a mailbox whose entry is gone becomes' }),
  purgeGraceDays: Type.Integer({ description: 'MAILBOX_PURGE_GRACE_DAYS: a deleted mailbox is restorable this long' }),
  keepRuns: Type.Integer({ description: 'DIRECTORY_KEEP_RUNS: the diffs of this many newest runs are kept' }),
});

const Safety = Type.Object({ tripped: Type.Boolean(), gone: Type.Integer(), managed: Type.Integer(), percent: Type.Number(), limitPercent: Type.Number() });

export const DirectoryRunSchema = Type.Object({
  id: Type.Integer(),
  source: Type.String(),
  dryRun: Type.Boolean(),
  trigger: Type.String({ description: 'scheduled | manual' }),
  createdBy: Nullable(Type.String()),
  status: Type.Enum(['running', 'completed', 'stopped', 'failed'], { description: 'stopped: the safety stop refused to apply it' }),
  startedAt: DateTime,
  finishedAt: Nullable(DateTime),
  entries: Type.Integer(),
  added: Type.Integer(),
  changed: Type.Integer(),
  gone: Type.Integer(),
  returned: Type.Integer(),
  problems: Type.Integer(),
  unchanged: Type.Integer(),
  managed: Type.Integer(),
  applied: Type.Boolean(),
  safety: Nullable(Safety),
  error: Nullable(Type.String()),
  changesPrunedAt: Nullable(DateTime),
});

export const DirectoryChangeSchema = Type.Object({
  id: Type.Integer(),
  runId: Type.Integer(),
  kind: Type.Enum(['added', 'changed', 'gone', 'returned', 'problem']),
  address: Nullable(Type.String()),
  mailboxId: Nullable(Type.Integer()),
  dn: Nullable(Type.String()),
  before: Nullable(Type.Record(Type.String(), Type.Unknown())),
  after: Nullable(Type.Record(Type.String(), Type.Unknown())),
  detail: Nullable(Type.String({ description: 'For problems: the reason (no-address, duplicate-login, …) and what was found' })),
});

export const DirectoryStatusSchema = Type.Object({
  source: DirectorySourceSchema,
  schedule: Nullable(Type.Object({ pattern: Nullable(Type.String()), next: Nullable(DateTime) })),
  jobs: Type.Record(Type.String(), Type.Integer()),
  lastRun: Nullable(DirectoryRunSchema),
  /** The last run that was not a dry run: whether the safety stop holds the sync back right now. */
  safetyStopped: Type.Boolean(),
});

export const DirectorySyncBodySchema = Type.Object(
  { dryRun: Type.Optional(Type.Boolean({ default: false, description: 'Only compute and store the diff; change nothing' })) },
  { additionalProperties: false },
);
