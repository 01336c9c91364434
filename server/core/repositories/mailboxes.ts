// Mailboxes: plain async methods, null for not found, byte counts converted to numbers at this edge.
import type { DbOrTx, Prisma } from '../lib/prisma.ts';
import type { ListQuery } from './list-query.ts';
import { toNumber } from '../lib/bigint.ts';
import type { MailboxStatus } from '../domain/mailbox-lifecycle.ts';

export interface MailboxFilter {
  q?: string;
  status?: MailboxStatus;
  planId?: number;
  overQuota?: boolean;
  minPercent?: number;
  maxPercent?: number;
  /** Not scanned within this many hours (or never). */
  staleHours?: number;
  ids?: number[];
}

/**
 * Columns a list page never shows: per-folder usage (a JSON array per mailbox, only on the detail page) and the
 * notification state (internal). Reading them for 25 rows costs PostgreSQL, the wire and Prisma's JSON parsing.
 */
const LIST_OMIT = { usageFolders: true, noticeState: true } as const;

type FullRow = NonNullable<Awaited<ReturnType<DbOrTx['mailbox']['findUnique']>>>;
/** A row as read: lists leave out the per-folder usage and the notice state (see LIST_OMIT). */
type MailboxRow = Omit<FullRow, keyof typeof LIST_OMIT> & Partial<Pick<FullRow, keyof typeof LIST_OMIT>> & { plan?: { name: string } | null };

export function toApiMailbox<R extends MailboxRow>(m: R) {
  const { plan, noticeState: _state, ...rest } = m;
  return {
    ...rest,
    planName: plan?.name ?? null,
    limitOverrideBytes: toNumber(m.limitOverrideBytes),
    effectiveLimitBytes: toNumber(m.effectiveLimitBytes),
    usedBytes: toNumber(m.usedBytes),
    serverLimitBytes: toNumber(m.serverLimitBytes),
    serverLimitMismatch: serverLimitMismatch(m),
  };
}

/**
 * The IMAP server enforced another storage limit than Mailwarden's at the last scan (compared in whole KiB, as
 * servers count; a server reporting no limit while Mailwarden has one differs too). False before any scan.
 */
export function serverLimitMismatch(m: Pick<MailboxRow, 'scannedAt' | 'serverLimitBytes' | 'effectiveLimitBytes'>): boolean {
  if (!m.scannedAt) return false;
  const kib = (b: bigint | null) => (b === null ? null : b / 1024n);
  return kib(m.serverLimitBytes) !== kib(m.effectiveLimitBytes);
}

export function mailboxWhere(f: MailboxFilter, now = new Date()): Prisma.MailboxWhereInput {
  const and: Prisma.MailboxWhereInput[] = [];
  if (f.ids) and.push({ id: { in: f.ids } });
  if (f.status) and.push({ status: f.status });
  if (f.planId) and.push({ planId: f.planId });
  if (f.q) {
    // Prefix and substring search on the lower-cased address, case-insensitive on the name.
    and.push({ OR: [{ address: { contains: f.q.toLowerCase() } }, { displayName: { contains: f.q, mode: 'insensitive' } }] });
  }
  if (f.overQuota === true) and.push({ usagePercent: { gte: 100 } });
  if (f.overQuota === false) and.push({ OR: [{ usagePercent: { lt: 100 } }, { usagePercent: null }] });
  if (f.minPercent !== undefined) and.push({ usagePercent: { gte: f.minPercent } });
  if (f.maxPercent !== undefined) and.push({ usagePercent: { lte: f.maxPercent } });
  if (f.staleHours !== undefined) {
    and.push({ OR: [{ scannedAt: null }, { scannedAt: { lt: new Date(now.getTime() - f.staleHours * 3600_000) } }] });
  }
  return and.length ? { AND: and } : {};
}

export interface MailboxData {
  address: string;
  displayName?: string;
  imapLogin?: string;
  status?: 'active' | 'suspended' | 'disabled';
  alternateEmail?: string | null;
  planId?: number | null;
  limitOverrideBytes?: number | null;
}

export function createMailboxRepository(db: DbOrTx) {
  const include = { plan: { select: { name: true } } } as const;
  return {
    async list(query: ListQuery<MailboxFilter>) {
      const where = mailboxWhere(query.filter);
      // NULL usage sorts last whichever the direction, so "most full first" starts with real numbers.
      const orderBy = { [query.sortField]: ['usagePercent', 'usedBytes', 'scannedAt', 'effectiveLimitBytes'].includes(query.sortField) ? { sort: query.sortOrder, nulls: 'last' } : query.sortOrder };
      const rows = await db.mailbox.findMany({ where, orderBy: [orderBy, { id: 'asc' }], skip: query.skip, take: query.take, include, omit: LIST_OMIT });
      // react-admin needs the exact total. A short page already tells it (most searches end on their first
      // page), which saves counting. Otherwise count(*): ~10–40 ms over 100,000 mailboxes from the index alone,
      // ~100 ms while a usage scan has rewritten rows autovacuum has not yet visited (bench/api.ts measures both).
      const pageTellsTotal = rows.length < query.take && (rows.length > 0 || query.skip === 0);
      const total = pageTellsTotal ? query.skip + rows.length : await db.mailbox.count({ where });
      return { rows: rows.map(toApiMailbox), total };
    },

    async findById(id: number) {
      const row = await db.mailbox.findUnique({ where: { id }, include });
      return row ? toApiMailbox(row) : null;
    },

    /** The row as stored (bigints, probe result and per-folder usage included), for services that apply rules to it. */
    findStored: (id: number) => db.mailbox.findUnique({ where: { id } }),

    /** Locks the row until the end of the transaction `db` belongs to: serialises work on one mailbox's notices. */
    async lockForUpdate(id: number) {
      await db.$queryRaw`SELECT id FROM mailboxes WHERE id = ${id} FOR UPDATE`;
    },

    /** For a reference check ("refers to no mailbox") without reading the row. */
    async exists(id: number): Promise<boolean> {
      return (await db.mailbox.findUnique({ where: { id }, select: { id: true } })) !== null;
    },

    /** The id of the mailbox with this (lower-cased) address, or null. */
    async findIdByAddress(address: string): Promise<number | null> {
      return (await db.mailbox.findUnique({ where: { address }, select: { id: true } }))?.id ?? null;
    },

    /** The mailbox's own retention policy id; null when the mailbox does not exist (the policy id itself may be null). */
    async findRetentionPolicyId(id: number): Promise<{ retentionPolicyId: number | null } | null> {
      return db.mailbox.findUnique({ where: { id }, select: { retentionPolicyId: true } });
    },

    async setRetentionPolicy(id: number, policyId: number | null) {
      await db.mailbox.update({ where: { id }, data: { retentionPolicyId: policyId } });
    },

    async create(data: MailboxData) {
      const address = data.address.trim().toLowerCase();
      const row = await db.mailbox.create({
        data: {
          ...data,
          address,
          imapLogin: data.imapLogin ?? address,
          displayName: data.displayName ?? '',
          limitOverrideBytes: data.limitOverrideBytes === undefined || data.limitOverrideBytes === null ? data.limitOverrideBytes : BigInt(data.limitOverrideBytes),
        },
        include,
      });
      return toApiMailbox(row);
    },

    async update(id: number, data: Omit<Partial<MailboxData>, 'address'>) {
      const { limitOverrideBytes, ...rest } = data;
      const row = await db.mailbox.update({
        where: { id },
        data: { ...rest, ...(limitOverrideBytes === undefined ? {} : { limitOverrideBytes: limitOverrideBytes === null ? null : BigInt(limitOverrideBytes) }) },
        include,
      });
      return toApiMailbox(row);
    },

    async recordProbe(id: number, result: { probeResult?: object; probeError?: string | null }) {
      await db.mailbox.update({
        where: { id },
        data: { probedAt: new Date(), probeResult: result.probeResult ?? undefined, probeError: result.probeError ?? null },
      });
    },
  };
}

export type MailboxRepository = ReturnType<typeof createMailboxRepository>;
