// TypeBox schemas for expiry runs, their per-mailbox rows, the per-message audit and previews.
import { Type } from 'typebox';
import { DateTime, Nullable } from './common.ts';

export const RunEnqueuedSchema = Type.Object({
  runId: Type.Integer(),
  mailboxRunId: Type.Optional(Type.Integer()),
  jobId: Type.String(),
  queue: Type.String(),
});

/** preValidation hook for DryRunBodySchema routes: a POST without a body means "{}" (a real run). */
export async function bodyDefaultsToEmpty(request: { body: unknown }) {
  if (request.body === undefined || request.body === null) request.body = {};
}

export const DryRunBodySchema = Type.Object(
  { dryRun: Type.Optional(Type.Boolean({ default: false, description: 'Only search and count; change nothing' })) },
  { additionalProperties: false },
);

export const ExpireMailboxBodySchema = Type.Object(
  {
    dryRun: Type.Optional(Type.Boolean({ default: false, description: 'Only search and count; change nothing' })),
    withoutNotice: Type.Optional(Type.Boolean({
      default: false,
      description: 'Expire now without the pre-expiry notice: also removes due mail that no notice announced noticeDays ago. Needs a reason.',
    })),
    reason: Type.Optional(Type.String({ minLength: 3, maxLength: 500, description: 'Why (kept in the audit log); required with withoutNotice' })),
  },
  { additionalProperties: false },
);

const Totals = Type.Object({
  mailboxes: Type.Record(Type.String(), Type.Integer(), { description: 'Mailbox rows per status' }),
  examined: Type.Integer(),
  matched: Type.Integer(),
  deleted: Type.Integer(),
  moved: Type.Integer(),
  bytesFreed: Type.Number(),
});

export const ExpiryRunSchema = Type.Object({
  id: Type.Integer(),
  scope: Type.String({ description: '"all", "policy:<id>" (preview) or "mailbox:<id>"' }),
  scopeName: Nullable(Type.String({ description: "The mailbox's address or the policy's name the scope names; null for all or when it no longer exists" })),
  dryRun: Type.Boolean(),
  trigger: Type.String({ description: 'scheduled | manual | preview | purge (a deleted mailbox after its grace period)' }),
  createdBy: Nullable(Type.String()),
  status: Type.Enum(['running', 'completed', 'failed']),
  startedAt: DateTime,
  finishedAt: Nullable(DateTime),
  mailboxesTotal: Type.Integer(),
  error: Nullable(Type.String()),
  totals: Totals,
});

const FolderFigures = Type.Object({
  path: Type.String(),
  specialUse: Nullable(Type.String()),
  ruleId: Type.Integer(),
  rulePosition: Type.Integer(),
  action: Type.Enum(['delete', 'move']),
  moveTo: Nullable(Type.String()),
  uidValidity: Nullable(Type.String()),
  examined: Type.Integer(),
  matched: Type.Integer(),
  deleted: Type.Integer(),
  moved: Type.Integer(),
  bytes: Type.Number({ description: 'Bytes removed (moved, for a move rule); for a dry run, bytes that would be' }),
  error: Nullable(Type.String()),
});

export const MailboxRunSchema = Type.Object({
  id: Type.Integer(),
  runId: Type.Integer(),
  mailboxId: Type.Integer(),
  address: Type.String(),
  status: Type.String({ description: 'pending | running | done | failed | skipped_hold | stopped_hold | skipped_disabled | skipped_locked | skipped_no_policy' }),
  dryRun: Type.Boolean(),
  startedAt: Nullable(DateTime),
  finishedAt: Nullable(DateTime),
  folders: Nullable(Type.Array(FolderFigures)),
  examined: Type.Integer(),
  matched: Type.Integer({ description: 'Messages the policy selected (for a dry run: what a real run would remove)' }),
  deleted: Type.Integer(),
  moved: Type.Integer(),
  bytesFreed: Type.Number({ description: 'Bytes deleted; for a dry run, bytes deletion would free' }),
  error: Nullable(Type.String()),
});

export const ExpiredMessageSchema = Type.Object({
  id: Type.Number(),
  mailboxRunId: Type.Integer(),
  runId: Type.Integer(),
  mailboxId: Type.Integer(),
  folder: Type.String(),
  uidValidity: Type.Number(),
  uid: Type.Integer(),
  action: Type.Enum(['delete', 'move']),
  movedTo: Nullable(Type.String()),
  state: Type.String({ description: 'pending (command issued, not yet confirmed) | done (removal confirmed)' }),
  messageId: Nullable(Type.String()),
  sentDate: Nullable(DateTime),
  internalDate: Nullable(DateTime),
  size: Type.Integer(),
  subject: Nullable(Type.String({ description: 'The subject, or "sha256:<hex>" when EXPIRY_AUDIT_SUBJECT=hash' })),
  at: DateTime,
});

const PreviewFolder = Type.Object({
  path: Type.String(),
  specialUse: Nullable(Type.String()),
  ruleId: Type.Integer(),
  rulePosition: Type.Integer(),
  action: Type.Enum(['delete', 'move']),
  moveTo: Nullable(Type.String()),
  ageBasis: Type.Enum(['received', 'sent', 'saved']),
  maxAgeDays: Type.Integer(),
  examined: Type.Integer({ description: 'Messages in the folder' }),
  count: Type.Integer({ description: 'Messages that would be removed now' }),
  awaitingNotice: Type.Integer({ description: 'Due by age, but kept until a pre-expiry notice naming them is noticeDays old (gone now only with withoutNotice)' }),
  bytes: Type.Number(),
  oldest: Nullable(Type.String({ format: 'date-time' })),
  newest: Nullable(Type.String({ format: 'date-time' })),
  sample: Type.Array(Type.Object({ uid: Type.Integer(), subject: Nullable(Type.String()), from: Nullable(Type.String()), date: Nullable(Type.String()), size: Type.Integer() }), { maxItems: 20 }),
  error: Nullable(Type.String()),
});

export const PreviewSchema = Type.Object({
  mailboxId: Type.Integer(),
  at: DateTime,
  policy: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  explanation: Type.Array(Type.String()),
  heldBy: Nullable(Type.Object({ id: Type.Integer(), reason: Type.String(), setBy: Type.String() }, { description: 'An active legal hold: a real run would remove nothing' })),
  folders: Type.Array(PreviewFolder),
  totals: Type.Object({ count: Type.Integer(), bytes: Type.Number(), awaitingNotice: Type.Integer() }),
});

export const ExpiryStatusSchema = Type.Object({
  paused: Type.Boolean(),
  jobs: Type.Record(Type.String(), Type.Integer(), { description: 'expiry jobs per state' }),
  schedule: Nullable(Type.Object({ pattern: Nullable(Type.String()), next: Nullable(DateTime) })),
  lastRun: Nullable(ExpiryRunSchema),
});
