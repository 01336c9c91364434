// Temporary quota increases for the API: extra bytes until a date, with a reason. The effective limit (and so
// Dovecot's) changes in the same transaction as the increase and its audit event; after the commit, the
// limit-change follow-ups run (services/limit-changes.ts). The maintenance job ends expired ones.
import type { Db } from '../core/lib/prisma.ts';
import type { AuditLog } from '../core/repositories/audit-log.ts';
import type { ListQuery } from '../core/repositories/list-query.ts';
import { createTemporaryIncreaseRepository, type IncreaseFilter } from '../core/repositories/temporary-increases.ts';
import { createMailboxRepository } from '../core/repositories/mailboxes.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../core/domain/errors.ts';
import { recomputeEffectiveLimit } from '../core/services/mailbox-limits.ts';
import type { StaffActor } from './actor.ts';

const MAX_DAYS = 366;

export interface IncreaseInput { mailboxId: number; extraBytes: number; expiresAt: string; reason: string }

/** afterLimitChange: what follows a committed limit change of these mailboxes (notices, policy cache, sessions). */
export function createTemporaryIncreaseService(db: Db, audit: AuditLog, afterLimitChange: (mailboxIds: number[]) => Promise<void>) {
  return {
    list: (query: ListQuery<IncreaseFilter>) => createTemporaryIncreaseRepository(db).list(query, new Date()),

    async grant(actor: StaffActor, input: IncreaseInput) {
      const { mailboxId, extraBytes, reason } = input;
      const expiresAt = new Date(input.expiresAt);
      const now = Date.now();
      if (expiresAt.getTime() <= now) throw new InvalidInputError('body.expiresAt', 'must be in the future');
      if (expiresAt.getTime() > now + MAX_DAYS * 86_400_000) throw new InvalidInputError('body.expiresAt', `must be within ${MAX_DAYS} days`);
      const created = await db.$transaction(async (tx) => {
        if (!(await createMailboxRepository(tx).exists(mailboxId))) throw new InvalidInputError('body.mailboxId', `refers to no mailbox (${mailboxId})`);
        const row = await createTemporaryIncreaseRepository(tx).create({ mailboxId, extraBytes, reason, expiresAt, createdBy: actor.staff.email });
        const limit = await recomputeEffectiveLimit(tx, mailboxId);
        await audit.record(actor, { action: 'mailbox.increase_granted', entityType: 'mailbox', entityId: mailboxId, before: { effectiveLimitBytes: limit.before }, after: { ...row, effectiveLimitBytes: limit.after } }, tx);
        return row;
      });
      await afterLimitChange([mailboxId]);
      return created;
    },

    /** Ends an increase now: the limit reverts at once. An increase already ended is a conflict. */
    async end(actor: StaffActor, id: number) {
      const row = await db.$transaction(async (tx) => {
        const increases = createTemporaryIncreaseRepository(tx);
        const existing = await increases.findById(id);
        if (!existing) throw new NotFoundError('Temporary increase', id);
        if (existing.endedAt) throw new ConflictError('This increase has already ended');
        const row = await increases.end(id, new Date());
        const limit = await recomputeEffectiveLimit(tx, existing.mailboxId);
        await audit.record(actor, { action: 'mailbox.increase_ended', entityType: 'mailbox', entityId: existing.mailboxId, before: { ...existing, effectiveLimitBytes: limit.before }, after: { ...row, effectiveLimitBytes: limit.after } }, tx);
        return row;
      });
      await afterLimitChange([row.mailboxId]);
      return row;
    },
  };
}
