// Mailboxes: plain async methods, null for not found, byte counts converted to numbers at this edge.
import type { DbOrTx } from '../lib/prisma.ts';
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
