// Temporary quota increases: plain async methods, null for not found, extra bytes converted to numbers at this edge.
// An increase is active until it is ended or its expiresAt passes.
import type { DbOrTx } from '../lib/prisma.ts';
import type { ListQuery } from './list-query.ts';

export interface IncreaseFilter { mailboxId?: number; active?: boolean }

type IncreaseRow = NonNullable<Awaited<ReturnType<DbOrTx['temporaryIncrease']['findUnique']>>>;
const toApi = (i: IncreaseRow) => ({ ...i, extraBytes: Number(i.extraBytes) });
export type ApiIncrease = ReturnType<typeof toApi>;

export function createTemporaryIncreaseRepository(db: DbOrTx) {
  return {
    async list(query: ListQuery<IncreaseFilter>, now: Date) {
      const { mailboxId, active } = query.filter;
      const where = {
        ...(mailboxId ? { mailboxId } : {}),
        ...(active === true ? { endedAt: null, expiresAt: { gt: now } } : {}),
        ...(active === false ? { OR: [{ endedAt: { not: null } }, { expiresAt: { lte: now } }] } : {}),
      };
      const [rows, total] = await Promise.all([
        db.temporaryIncrease.findMany({ where, orderBy: [{ [query.sortField]: query.sortOrder }, { id: 'desc' }], skip: query.skip, take: query.take }),
        db.temporaryIncrease.count({ where }),
      ]);
      return { rows: rows.map(toApi), total };
    },

    async findById(id: number) {
      const row = await db.temporaryIncrease.findUnique({ where: { id } });
      return row ? toApi(row) : null;
    },

    async create(data: { mailboxId: number; extraBytes: number; reason: string; expiresAt: Date; createdBy: string }) {
      return toApi(await db.temporaryIncrease.create({ data: { ...data, extraBytes: BigInt(data.extraBytes) } }));
    },

    async end(id: number, at: Date) {
      return toApi(await db.temporaryIncrease.update({ where: { id }, data: { endedAt: at } }));
    },
  };
}
