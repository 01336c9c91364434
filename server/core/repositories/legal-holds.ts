// Legal holds: plain async methods, null for not found. A hold is active from startsAt until it is lifted or its
// endsAt passes; activity is computed from the dates (nothing flips a flag on time), so "active" is a where clause.
import type { DbOrTx, Prisma } from '../lib/prisma.ts';
import type { ListQuery } from './list-query.ts';

export interface LegalHoldFilter { mailboxId?: number; active?: boolean; ids?: number[] }

/** A hold is active when it has started, was not lifted and has not passed its end date. */
export function activeHoldWhere(now: Date): Prisma.LegalHoldWhereInput {
  return { liftedAt: null, startsAt: { lte: now }, OR: [{ endsAt: null }, { endsAt: { gt: now } }] };
}

/**
 * The earliest active hold of a mailbox, or null: activeHoldWhere as one raw statement. Expiry asks this before
 * every STORE and every UID EXPUNGE, and a raw query skips the JS engine's per-query compilation (~1-2 ms of CPU).
 * Dates as UTC text cast to timestamp: the columns hold UTC without a zone, as Prisma writes them.
 */
export async function firstActiveHold(db: DbOrTx, mailboxId: number, now: Date): Promise<{ id: number; setBy: string; reason: string } | null> {
  const at = now.toISOString();
  const rows = await db.$queryRaw<{ id: number; setBy: string; reason: string }[]>`
    SELECT id, set_by AS "setBy", reason FROM legal_holds
    WHERE mailbox_id = ${mailboxId} AND lifted_at IS NULL AND starts_at <= ${at}::timestamp
      AND (ends_at IS NULL OR ends_at > ${at}::timestamp)
    ORDER BY starts_at ASC LIMIT 1`;
  return rows[0] ?? null;
}

export function createLegalHoldRepository(db: DbOrTx) {
  return {
    async list(query: ListQuery<LegalHoldFilter>, now: Date) {
      const { mailboxId, active, ids } = query.filter;
      const and: Prisma.LegalHoldWhereInput[] = [];
      if (mailboxId) and.push({ mailboxId });
      if (ids) and.push({ id: { in: ids } });
      if (active === true) and.push(activeHoldWhere(now));
      if (active === false) and.push({ NOT: activeHoldWhere(now) });
      const where = { AND: and };
      const [rows, total] = await Promise.all([
        db.legalHold.findMany({ where, orderBy: [{ [query.sortField]: query.sortOrder }, { id: 'desc' }], skip: query.skip, take: query.take }),
        db.legalHold.count({ where }),
      ]);
      return { rows, total };
    },

    findById: (id: number) => db.legalHold.findUnique({ where: { id } }),

    /** The mailbox's holds active at `now`, oldest first. */
    active: (mailboxId: number, now: Date) => db.legalHold.findMany({ where: { mailboxId, ...activeHoldWhere(now) }, orderBy: { startsAt: 'asc' } }),

    create: (data: { mailboxId: number; reason: string; startsAt: Date; endsAt: Date | null; setBy: string }) => db.legalHold.create({ data }),

    lift: (id: number, liftedBy: string, at: Date) => db.legalHold.update({ where: { id }, data: { liftedAt: at, liftedBy } }),
  };
}

export type LegalHoldRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createLegalHoldRepository>['findById']>>>;
