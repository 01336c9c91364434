import { Type, type Static } from 'typebox';
import { DateTime, Nullable } from './common.ts';

const Address = Type.String({ format: 'email', maxLength: 254 });

export const MailboxSchema = Type.Object({
  id: Type.Integer(),
  address: Type.String(),
  displayName: Type.String(),
  imapLogin: Type.String(),
  status: Type.Enum(['active', 'disabled']),
  alternateEmail: Nullable(Type.String()),
  planId: Nullable(Type.Integer()),
  limitOverrideBytes: Nullable(Type.Number()),
  effectiveLimitBytes: Nullable(Type.Number()),
  usedBytes: Nullable(Type.Number()),
  usedMessages: Nullable(Type.Integer()),
  usagePercent: Nullable(Type.Number()),
  usageSource: Nullable(Type.String()),
  scannedAt: Nullable(DateTime),
  scanError: Nullable(Type.String()),
  probedAt: Nullable(DateTime),
  probeResult: Type.Unknown({ description: 'Capabilities, quota root and folders seen by the last probe' }),
  probeError: Nullable(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const MailboxCreateSchema = Type.Object(
  {
    address: Address,
    displayName: Type.Optional(Type.String({ maxLength: 200 })),
    imapLogin: Type.Optional(Type.String({ minLength: 1, maxLength: 254, pattern: '^[^\\s*]+$', description: 'Defaults to the address' })),
    status: Type.Optional(Type.Enum(['active', 'disabled'])),
    alternateEmail: Type.Optional(Nullable(Address)),
  },
  { additionalProperties: false },
);
export type MailboxCreate = Static<typeof MailboxCreateSchema>;

export const JobEnqueuedSchema = Type.Object({ jobId: Type.String(), queue: Type.String() });
