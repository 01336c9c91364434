import { Type, type Static } from 'typebox';
import { Nullable } from './common.ts';

/** 1 KiB .. 1 PiB: anything outside is a typo, not a quota. */
export const LimitBytes = Type.Integer({ minimum: 1024, maximum: 2 ** 50, description: 'bytes' });

const planFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  storageLimitBytes: LimitBytes,
  messageLimit: Nullable(Type.Integer({ minimum: 1, maximum: 100_000_000 })),
  warnThresholds: Type.Array(Type.Integer({ minimum: 1, maximum: 100 }), { maxItems: 10, description: 'percent, ascending' }),
  gracePercent: Type.Integer({ minimum: 0, maximum: 100 }),
  overQuotaReply: Type.Enum(['permanent', 'temporary']),
  adminCopyEmail: Nullable(Type.String({ format: 'email', maxLength: 254 })),
  isDefault: Type.Boolean(),
};

export const PlanSchema = Type.Object({
  id: Type.Integer(),
  ...planFields,
  mailboxCount: Type.Integer(),
  retentionPolicyId: Nullable(Type.Integer({ description: 'Retention policy of mailboxes on this plan (null = the default policy); set with PUT /api/plans/:id/retention-policy' })),
});

export const PlanCreateSchema = Type.Object(
  {
    name: planFields.name,
    storageLimitBytes: planFields.storageLimitBytes,
    messageLimit: Type.Optional(planFields.messageLimit),
    warnThresholds: Type.Optional(planFields.warnThresholds),
    gracePercent: Type.Optional(planFields.gracePercent),
    overQuotaReply: Type.Optional(planFields.overQuotaReply),
    adminCopyEmail: Type.Optional(planFields.adminCopyEmail),
    isDefault: Type.Optional(planFields.isDefault),
  },
  { additionalProperties: false },
);
export type PlanCreate = Static<typeof PlanCreateSchema>;

export const PlanUpdateSchema = Type.Object(
  {
    name: Type.Optional(planFields.name),
    storageLimitBytes: Type.Optional(planFields.storageLimitBytes),
    messageLimit: Type.Optional(planFields.messageLimit),
    warnThresholds: Type.Optional(planFields.warnThresholds),
    gracePercent: Type.Optional(planFields.gracePercent),
    overQuotaReply: Type.Optional(planFields.overQuotaReply),
    adminCopyEmail: Type.Optional(planFields.adminCopyEmail),
    isDefault: Type.Optional(planFields.isDefault),
    // react-admin sends the whole record back; read-only fields are accepted and ignored.
    id: Type.Optional(Type.Integer()),
    mailboxCount: Type.Optional(Type.Integer()),
    // Accepted unchanged only: a different value is refused (400), as the assignment has its own route and audit.
    retentionPolicyId: Type.Optional(Nullable(Type.Integer())),
    reason: Type.Optional(Type.String({ maxLength: 500, description: 'Why (a ticket, a request): kept in the audit log with the change' })),
  },
  { additionalProperties: false },
);
export type PlanUpdate = Static<typeof PlanUpdateSchema>;
