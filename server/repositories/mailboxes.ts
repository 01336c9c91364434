// Mailboxes: plain async methods, null for not found, byte counts converted to numbers at this edge.
import type { DbOrTx } from '../lib/prisma.ts';
import type { ListQuery } from '../domain/list-query.ts';
import { toNumber } from '../lib/bigint.ts';

export interface MailboxFilter { q?: string; status?: 'active' | 'disabled'; ids?: number[] }

type MailboxRow = NonNullable<Awaited<ReturnType<DbOrTx['mailbox']['findUnique']>>>;

export function toApiMailbox(m: MailboxRow) {
  return {
    ...m,
    limitOverrideBytes: toNumber(m.limitOverrideBytes),
    effectiveLimitBytes: toNumber(m.effectiveLimitBytes),
    usedBytes: toNumber(m.usedBytes),
  };
}

export function createMailboxRepository(prisma: DbOrTx) {
  const where = (f: MailboxFilter) => ({
    ...(f.ids ? { id: { in: f.ids } } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.q
      ? { OR: [{ address: { contains: f.q.toLowerCase() } }, { displayName: { contains: f.q, mode: 'insensitive' as const } }] }
      : {}),
  });

  return {
    async list(query: ListQuery<MailboxFilter>) {
      const [rows, total] = await Promise.all([
        prisma.mailbox.findMany({ where: where(query.filter), orderBy: [{ [query.sortField]: query.sortOrder }, { id: 'asc' }], skip: query.skip, take: query.take }),
        prisma.mailbox.count({ where: where(query.filter) }),
      ]);
      return { rows: rows.map(toApiMailbox), total };
    },

    async findById(id: number) {
      const row = await prisma.mailbox.findUnique({ where: { id } });
      return row ? toApiMailbox(row) : null;
    },

    async create(data: { address: string; displayName?: string; imapLogin?: string; status?: 'active' | 'disabled'; alternateEmail?: string | null }) {
      const address = data.address.trim().toLowerCase();
      const row = await prisma.mailbox.create({
        data: { ...data, address, imapLogin: data.imapLogin ?? address, displayName: data.displayName ?? '' },
      });
      return toApiMailbox(row);
    },

    async recordProbe(id: number, result: { probeResult?: object; probeError?: string | null }) {
      await prisma.mailbox.update({
        where: { id },
        data: { probedAt: new Date(), probeResult: result.probeResult ?? undefined, probeError: result.probeError ?? null },
      });
    },
  };
}

export type MailboxRepository = ReturnType<typeof createMailboxRepository>;
