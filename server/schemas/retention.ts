// TypeBox schemas for retention policies, rules, legal holds and policy assignment.
import { Type, type Static } from 'typebox';
import { DateTime, Nullable } from './common.ts';

const AgeBasis = Type.Enum(['received', 'sent', 'saved'], {
  description: 'received = INTERNALDATE; sent = the Date: header; saved = RFC 8514 save date (e.g. when moved to Trash), needs SAVEDATE',
});
const Action = Type.Enum(['delete', 'move']);

const ruleFields = {
  folderSelector: Type.String({ minLength: 1, maxLength: 255, description: 'INBOX, an exact folder name, a glob with * and ? (e.g. "Lists/*"), or a SPECIAL-USE flag (\\Trash, \\Junk, \\Sent, \\Archive, \\Drafts, \\All, \\Flagged, \\Important)' }),
  maxAgeDays: Type.Integer({ minimum: 1, maximum: 36500 }),
  ageBasis: AgeBasis,
  action: Action,
  moveTo: Nullable(Type.String({ minLength: 1, maxLength: 255, description: 'Destination folder (name or special-use flag); required for move, empty for delete' })),
  keepFlagged: Type.Boolean({ description: 'Exempt \\Flagged messages' }),
  keepUnread: Type.Boolean({ description: 'Exempt unread (not \\Seen) messages' }),
  noticeDays: Nullable(Type.Integer({ minimum: 1, maximum: 365, description: 'Warn the user this many days before removal' })),
};

export const RuleSchema = Type.Object({ id: Type.Integer(), position: Type.Integer(), ...ruleFields });

export const RuleInputSchema = Type.Object(
  {
    folderSelector: ruleFields.folderSelector,
    maxAgeDays: ruleFields.maxAgeDays,
    ageBasis: Type.Optional(ruleFields.ageBasis),
    action: Type.Optional(ruleFields.action),
    moveTo: Type.Optional(ruleFields.moveTo),
    keepFlagged: Type.Optional(ruleFields.keepFlagged),
    keepUnread: Type.Optional(ruleFields.keepUnread),
    noticeDays: Type.Optional(ruleFields.noticeDays),
    // react-admin sends rows back with these; the order of the array is what counts.
    id: Type.Optional(Type.Integer()),
    position: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);
export type RuleInput = Static<typeof RuleInputSchema>;

const Rules = Type.Array(RuleInputSchema, { maxItems: 50, description: 'Ordered: for each folder the first matching rule wins' });

export const PolicySchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: Type.String(),
  isDefault: Type.Boolean(),
  rules: Type.Array(RuleSchema),
  planCount: Type.Integer({ description: 'Plans assigning this policy' }),
  mailboxCount: Type.Integer({ description: 'Mailboxes assigned this policy directly' }),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const PolicyCreateSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    isDefault: Type.Optional(Type.Boolean()),
    rules: Rules,
  },
  { additionalProperties: false },
);
export type PolicyCreate = Static<typeof PolicyCreateSchema>;

export const PolicyUpdateSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    isDefault: Type.Optional(Type.Boolean()),
    rules: Type.Optional(Rules),
    // Read-only fields of a full-record PUT are accepted and ignored.
    id: Type.Optional(Type.Integer()),
    planCount: Type.Optional(Type.Integer()),
    mailboxCount: Type.Optional(Type.Integer()),
    createdAt: Type.Optional(Type.String()),
    updatedAt: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type PolicyUpdate = Static<typeof PolicyUpdateSchema>;

export const PolicyAssignSchema = Type.Object(
  { policyId: Nullable(Type.Integer({ minimum: 1, description: 'null removes the assignment' })) },
  { additionalProperties: false },
);

export const LegalHoldSchema = Type.Object({
  id: Type.Integer(),
  mailboxId: Type.Integer(),
  reason: Type.String(),
  setBy: Type.String(),
  startsAt: DateTime,
  endsAt: Nullable(DateTime),
  liftedAt: Nullable(DateTime),
  liftedBy: Nullable(Type.String()),
  createdAt: DateTime,
  active: Type.Boolean({ description: 'Started, not lifted and not past endsAt' }),
});

export const LegalHoldCreateSchema = Type.Object(
  {
    mailboxId: Type.Integer({ minimum: 1 }),
    reason: Type.String({ minLength: 3, maxLength: 1000 }),
    startsAt: Type.Optional(Type.String({ format: 'date-time', description: 'Default: now' })),
    endsAt: Type.Optional(Nullable(Type.String({ format: 'date-time', description: 'The hold ends by itself then; null = until lifted' }))),
  },
  { additionalProperties: false },
);

const FolderRule = Type.Object({
  path: Type.String(),
  specialUse: Nullable(Type.String()),
  rule: Nullable(RuleSchema),
  moveTarget: Nullable(Type.String()),
  note: Nullable(Type.String({ description: 'Why this folder will not be processed as the rule says, e.g. a missing capability' })),
});

export const MailboxRetentionSchema = Type.Object({
  mailboxId: Type.Integer(),
  policy: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  source: Type.Enum(['mailbox', 'plan', 'default', 'none']),
  explanation: Type.Array(Type.String()),
  holds: Type.Array(LegalHoldSchema, { description: 'Active legal holds: while there is one, nothing expires' }),
  foldersSource: Type.Enum(['probe', 'scan', 'live', 'none'], { description: 'Where the folder list comes from' }),
  folders: Type.Array(FolderRule),
});
