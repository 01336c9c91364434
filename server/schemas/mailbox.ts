import { Type, type Static } from 'typebox';
import { DateTime, Nullable } from './common.ts';
import { LimitBytes } from './plan.ts';

const Address = Type.String({ format: 'email', maxLength: 254 });
const Status = Type.Enum(['active', 'suspended', 'disabled', 'deleted'], { description: 'docs/mailbox-lifecycle.md: what each status means for login and delivery' });

export const MailboxSchema = Type.Object({
  id: Type.Integer(),
  address: Type.String(),
  displayName: Type.String(),
  imapLogin: Type.String(),
  status: Status,
  statusReason: Nullable(Type.String({ description: 'The reason given with the last status change' })),
  statusChangedAt: Nullable(DateTime),
  deletedAt: Nullable(DateTime),
  /** Deleted: from when the purge may remove its mail; restorable until then. */
  purgeAfter: Nullable(DateTime),
  purgedAt: Nullable(DateTime),
  directorySource: Nullable(Type.String({ description: 'The directory source that manages it (null: made by hand or by CSV)' })),
  alternateEmail: Nullable(Type.String()),
  planId: Nullable(Type.Integer()),
  planName: Nullable(Type.String()),
  limitOverrideBytes: Nullable(Type.Number()),
  effectiveLimitBytes: Nullable(Type.Number()),
  usedBytes: Nullable(Type.Number()),
  usedMessages: Nullable(Type.Integer()),
  usagePercent: Nullable(Type.Number()),
  usageSource: Nullable(Type.String()),
  scannedAt: Nullable(DateTime),
  scanError: Nullable(Type.String()),
  serverLimitBytes: Nullable(Type.Number({ description: 'The storage limit the IMAP server reported at the last scan (null: none)' })),
  serverLimitMismatch: Type.Boolean({ description: 'At the last scan the server enforced another limit than effectiveLimitBytes (whole KiB)' }),
  probedAt: Nullable(DateTime),
  probeResult: Type.Unknown({ description: 'Capabilities, quota root and folders seen by the last probe' }),
  probeError: Nullable(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
});

const LimitPart = Type.Object({
  kind: Type.Enum(['plan', 'override', 'temporary-increase']),
  bytes: Type.Number(),
  label: Type.String(),
  expiresAt: Type.Optional(Type.String()),
});

export const MailboxDetailSchema = Type.Object({
  ...MailboxSchema.properties,
  limit: Nullable(Type.Object({
    effectiveLimitBytes: Nullable(Type.Number()),
    baseBytes: Nullable(Type.Number()),
    baseSource: Type.Enum(['override', 'plan', 'none']),
    parts: Type.Array(LimitPart),
  })),
  usageFolders: Type.Unknown({ description: '[{ path, specialUse, messages, bytes }] from the last scan' }),
});

export const MailboxCreateSchema = Type.Object(
  {
    address: Address,
    displayName: Type.Optional(Type.String({ maxLength: 200 })),
    imapLogin: Type.Optional(Type.String({ minLength: 1, maxLength: 254, pattern: '^[^\\s*]+$', description: 'Defaults to the address' })),
    status: Type.Optional(Type.Enum(['active', 'suspended', 'disabled'])),
    alternateEmail: Type.Optional(Nullable(Address)),
    planId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    limitOverrideBytes: Type.Optional(Nullable(LimitBytes)),
  },
  { additionalProperties: false },
);
export type MailboxCreate = Static<typeof MailboxCreateSchema>;

export const JobEnqueuedSchema = Type.Object({ jobId: Type.String(), queue: Type.String() });

/** Fields staff may change; react-admin's full-record PUT may carry the read-only ones too (ignored). */
export const MailboxUpdateSchema = Type.Object(
  {
    displayName: Type.Optional(Type.String({ maxLength: 200 })),
    planId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    limitOverrideBytes: Type.Optional(Nullable(LimitBytes)),
    alternateEmail: Type.Optional(Nullable(Address)),
    status: Type.Optional(Type.String({ description: 'Read-only here: a status change is POST /api/mailboxes/{id}/status (it needs a reason)' })),
    reason: Type.Optional(Type.String({ maxLength: 500, description: 'Why (kept in the audit log)' })),
  },
  { additionalProperties: true },
);
export type MailboxUpdate = Static<typeof MailboxUpdateSchema>;

export const UsageSampleSchema = Type.Object({
  at: DateTime,
  usedBytes: Type.Number(),
  usedMessages: Type.Integer(),
  limitBytes: Nullable(Type.Number()),
});

export const StatusChangeSchema = Type.Object(
  {
    status: Type.Enum(['active', 'suspended', 'disabled', 'deleted'], { description: 'active also restores a deleted mailbox within its grace period' }),
    reason: Type.String({ minLength: 3, maxLength: 500, pattern: '\\S', description: 'Why (kept in the audit log and on the mailbox)' }),
  },
  { additionalProperties: false },
);
