// Users' requests for more space (#20): plain async methods, null for not found, bytes as numbers at this edge.
// A decision is a conditional update from `pending`, so two staff members deciding at once cannot both win.
import type { DbOrTx } from '../lib/prisma.ts';
import type { ListQuery } from './list-query.ts';

export type SpaceRequestStatus = 'pending' | 'approved' | 'refused';
export interface SpaceRequestFilter { mailboxId?: number; status?: SpaceRequestStatus; ids?: number[] }

type Row = NonNullable<Awaited<ReturnType<DbOrTx['spaceRequest']['findUnique']>>> & { mailbox: { address: string } };
const include = { mailbox: { select: { address: true } } } as const;
const toApi = ({ mailbox, ...r }: Row) => ({ ...r, address: mailbox.address, extraBytes: Number(r.extraBytes) });
export type ApiSpaceRequest = ReturnType<typeof toApi>;

export function createSpaceRequestRepository(db: DbOrTx) {
  return {
    async list(query: ListQuery<SpaceRequestFilter>) {
      const { mailboxId, status, ids } = query.filter;
      const where = { ...(mailboxId ? { mailboxId } : {}), ...(status ? { status } : {}), ...(ids ? { id: { in: ids } } : {}) };
      const [rows, total] = await Promise.all([
        db.spaceRequest.findMany({ where, include, orderBy: [{ [query.sortField]: query.sortOrder }, { id: 'desc' }], skip: query.skip, take: query.take }),
        db.spaceRequest.count({ where }),
      ]);
      return { rows: rows.map(toApi), total };
    },

    async findById(id: number) {
      const row = await db.spaceRequest.findUnique({ where: { id }, include });
      return row ? toApi(row) : null;
    },

    async countPending(mailboxId: number) {
      return db.spaceRequest.count({ where: { mailboxId, status: 'pending' } });
    },

    async create(data: { mailboxId: number; extraBytes: number; reason: string; until: Date }) {
      return toApi(await db.spaceRequest.create({ data: { ...data, extraBytes: BigInt(data.extraBytes) }, include }));
    },

    /** pending -> approved | refused; false when it was no longer pending. */
    async decide(id: number, decision: { status: 'approved' | 'refused'; decidedBy: string; decisionNote: string | null; at: Date }) {
      const { count } = await db.spaceRequest.updateMany({
        where: { id, status: 'pending' },
        data: { status: decision.status, decidedBy: decision.decidedBy, decisionNote: decision.decisionNote, decidedAt: decision.at },
      });
      return count === 1;
    },

    async linkIncrease(id: number, increaseId: number) {
      await db.spaceRequest.update({ where: { id }, data: { increaseId } });
    },
  };
}
