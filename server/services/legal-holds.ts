// Legal holds for the API: while a hold on a mailbox is active no expiry of any kind removes mail from it
// (core/services/retention.ts is what the workers read). Placing checks the dates and the mailbox; lifting keeps
// the hold on record. Each change and its audit event commit together.
import type { Db } from '../core/lib/prisma.ts';
import type { AuditLog } from '../core/repositories/audit-log.ts';
import type { ListQuery } from '../core/repositories/list-query.ts';
import { createLegalHoldRepository, type LegalHoldFilter, type LegalHoldRow } from '../core/repositories/legal-holds.ts';
import { createMailboxRepository } from '../core/repositories/mailboxes.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../core/domain/errors.ts';
import { isHoldActive } from '../core/services/retention.ts';
import type { StaffActor } from './actor.ts';

const MAX_YEARS = 100;

const toApi = (h: LegalHoldRow, now = new Date()) => ({ ...h, active: isHoldActive(h, now) });

export interface HoldInput { mailboxId: number; reason: string; startsAt?: string; endsAt?: string | null }

export function createLegalHoldService(db: Db, audit: AuditLog) {
  const holds = createLegalHoldRepository(db);
  return {
    async list(query: ListQuery<LegalHoldFilter>) {
      const now = new Date();
      const { rows, total } = await holds.list(query, now);
      return { rows: rows.map((h) => toApi(h, now)), total };
    },

    async get(id: number) {
      const hold = await holds.findById(id);
      if (!hold) throw new NotFoundError('Legal hold', id);
      return toApi(hold);
    },

    /** Puts the mailbox on hold from startsAt (default now) until endsAt (default: until lifted). */
    async place(actor: StaffActor, input: HoldInput) {
      const { mailboxId, reason } = input;
      const now = new Date();
      const startsAt = input.startsAt ? new Date(input.startsAt) : now;
      const endsAt = input.endsAt ? new Date(input.endsAt) : null;
      if (endsAt && endsAt.getTime() <= Math.max(now.getTime(), startsAt.getTime())) throw new InvalidInputError('body.endsAt', 'must be in the future and after startsAt');
      if ((endsAt ?? startsAt).getTime() > now.getTime() + MAX_YEARS * 365.25 * 86_400_000) throw new InvalidInputError(endsAt ? 'body.endsAt' : 'body.startsAt', `must be within ${MAX_YEARS} years`);
      return db.$transaction(async (tx) => {
        if (!(await createMailboxRepository(tx).exists(mailboxId))) throw new InvalidInputError('body.mailboxId', `refers to no mailbox (${mailboxId})`);
        const row = toApi(await createLegalHoldRepository(tx).create({ mailboxId, reason, startsAt, endsAt, setBy: actor.staff.email }));
        await audit.record(actor, { action: 'mailbox.legal_hold_set', entityType: 'mailbox', entityId: mailboxId, after: row }, tx);
        return row;
      });
    },

    /** Lifts a hold now; a hold already lifted or ended is a conflict. */
    async lift(actor: StaffActor, id: number) {
      return db.$transaction(async (tx) => {
        const repo = createLegalHoldRepository(tx);
        const before = await repo.findById(id);
        if (!before) throw new NotFoundError('Legal hold', id);
        if (before.liftedAt) throw new ConflictError(`This hold was already lifted by ${before.liftedBy} on ${before.liftedAt.toISOString()}`);
        if (before.endsAt && before.endsAt.getTime() <= Date.now()) throw new ConflictError(`This hold already ended on ${before.endsAt.toISOString()}`);
        const after = toApi(await repo.lift(id, actor.staff.email, new Date()));
        await audit.record(actor, { action: 'mailbox.legal_hold_lifted', entityType: 'mailbox', entityId: before.mailboxId, before: toApi(before), after }, tx);
        return after;
      });
    },
  };
}
