// Reads what Dovecot's quota_clone plugin wrote to dovecot_quota_clone (prisma/migrations/*_quota_clone), matched to
// Mailwarden's mailboxes by IMAP login. Only active mailboxes: a suspended or disabled one is not measured.
import type { Db } from '../lib/prisma.ts';

export interface ClonedUsage { mailboxId: number; usedBytes: number; usedMessages: number }

/** The cloned usage of these IMAP logins, for those that are active mailboxes. */
export async function readClonedUsage(prisma: Db, logins: readonly string[]): Promise<ClonedUsage[]> {
  if (!logins.length) return [];
  return toUsage(await prisma.$queryRaw<CloneRow[]>`
    SELECT m.id, q.bytes, q.messages FROM dovecot_quota_clone q JOIN mailboxes m ON m.imap_login = q.username
    WHERE q.username = ANY(${logins}::text[]) AND m.status = 'active' ORDER BY m.id`);
}

/**
 * Active mailboxes whose cloned figures were written after Mailwarden last measured them: the writes a listener
 * missed (none was running, or its connection dropped). Read when a listener starts and after each reconnect. Only
 * newer rows: a clone row can be stale (Dovecot writes nothing for a `quota recalc`, and loses a write while
 * PostgreSQL is down), and then the scan's figure is the better one.
 */
export async function readMissedUsage(prisma: Db, limit: number): Promise<ClonedUsage[]> {
  return toUsage(await prisma.$queryRaw<CloneRow[]>`
    SELECT m.id, q.bytes, q.messages FROM dovecot_quota_clone q JOIN mailboxes m ON m.imap_login = q.username
    WHERE m.status = 'active' AND (m.scanned_at IS NULL OR q.changed_at > m.scanned_at)
    ORDER BY m.id LIMIT ${limit}`);
}

interface CloneRow { id: number; bytes: bigint; messages: number }

const toUsage = (rows: CloneRow[]): ClonedUsage[] => rows.map((r) => ({ mailboxId: r.id, usedBytes: Number(r.bytes), usedMessages: r.messages }));
