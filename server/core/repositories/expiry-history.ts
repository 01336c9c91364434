// The read side of expiry as the API shows it: runs, their per-mailbox rows and the per-message audit (written by
// the workers through services/expiry-runs.ts and repositories/expiry-audit.ts). Plain async methods, null for not
// found, byte counts and bigint ids converted to numbers at this edge.
import type { DbOrTx, Prisma } from '../lib/prisma.ts';
import type { ListQuery } from './list-query.ts';
import { toNumber } from '../lib/bigint.ts';

export interface RunFilter { status?: 'running' | 'completed' | 'failed'; dryRun?: boolean; trigger?: 'scheduled' | 'manual' | 'preview' | 'purge'; ids?: number[] }
export interface MailboxRunFilter { runId?: number; mailboxId?: number; status?: string; ids?: number[] }
export interface ExpiredMessageFilter {
  mailboxRunId?: number; mailboxId?: number; runId?: number; messageId?: string; folder?: string;
  /** Subject contains, any case. */
  q?: string;
  state?: 'pending' | 'done';
}

type MailboxRunRow = NonNullable<Awaited<ReturnType<DbOrTx['expiryMailboxRun']['findUnique']>>> & { mailbox: { address: string } };
const toApiMailboxRun = ({ mailbox, ...r }: MailboxRunRow) => ({ ...r, address: mailbox.address, bytesFreed: toNumber(r.bytesFreed)!, folders: r.folders as never });

type MessageRow = NonNullable<Awaited<ReturnType<DbOrTx['expiredMessage']['findUnique']>>> & { mailboxRun: { runId: number } };
const toApiMessage = ({ mailboxRun, ...m }: MessageRow) => ({ ...m, id: Number(m.id), uidValidity: Number(m.uidValidity), runId: mailboxRun.runId });

const withAddress = { mailbox: { select: { address: true } } } as const;

export function createExpiryHistoryRepository(db: DbOrTx) {
  return {
    async listRuns(query: ListQuery<RunFilter>) {
      const { ids, ...f } = query.filter;
      const where = { ...f, ...(ids ? { id: { in: ids } } : {}) };
      const [rows, total] = await Promise.all([
        db.expiryRun.findMany({ where, orderBy: [{ [query.sortField]: query.sortOrder }, { id: 'desc' }], skip: query.skip, take: query.take }),
        db.expiryRun.count({ where }),
      ]);
      return { rows, total };
    },

    findRun: (id: number) => db.expiryRun.findUnique({ where: { id } }),

    /** The latest run (by id), or with realOnly the latest that changed mail (not a dry run, by start time). */
    lastRun: (opts: { realOnly?: boolean } = {}) => opts.realOnly
      ? db.expiryRun.findFirst({ where: { dryRun: false }, orderBy: [{ startedAt: 'desc' }, { id: 'desc' }] })
      : db.expiryRun.findFirst({ orderBy: { id: 'desc' } }),

    async listMailboxRuns(query: ListQuery<MailboxRunFilter>) {
      const { ids, ...f } = query.filter;
      const where = { ...f, ...(ids ? { id: { in: ids } } : {}) };
      const [rows, total] = await Promise.all([
        db.expiryMailboxRun.findMany({ where, orderBy: [{ [query.sortField]: query.sortOrder }, { id: 'desc' }], skip: query.skip, take: query.take, include: withAddress }),
        db.expiryMailboxRun.count({ where }),
      ]);
      return { rows: rows.map(toApiMailboxRun), total };
    },

    async findMailboxRun(id: number) {
      const row = await db.expiryMailboxRun.findUnique({ where: { id }, include: withAddress });
      return row ? toApiMailboxRun(row) : null;
    },

    async listExpiredMessages(query: ListQuery<ExpiredMessageFilter>) {
      const { runId, q, ...f } = query.filter;
      const where: Prisma.ExpiredMessageWhereInput = {
        ...f,
        ...(runId ? { mailboxRun: { runId } } : {}),
        ...(q ? { subject: { contains: q, mode: 'insensitive' } } : {}),
      };
      const [rows, total] = await Promise.all([
        db.expiredMessage.findMany({ where, orderBy: [{ [query.sortField]: query.sortOrder }, { id: 'desc' }], skip: query.skip, take: query.take, include: { mailboxRun: { select: { runId: true } } } }),
        db.expiredMessage.count({ where }),
      ]);
      return { rows: rows.map(toApiMessage), total };
    },
  };
}
