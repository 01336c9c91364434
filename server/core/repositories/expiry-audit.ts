// The per-message expiry audit (expired_messages). A row is written `pending` before the IMAP command
// that removes the message and turned `done` once the message is confirmed gone; a pending row whose
// message is still there is deleted, because the audit lists only what was really removed.
// A message's identity is (mailbox, folder, UIDVALIDITY, UID): unique, so a retry never records it twice.
import { createHash } from 'node:crypto';
import type { DbOrTx } from '../lib/prisma.ts';

export interface FolderIdentity { mailboxId: number; folder: string; uidValidity: bigint }

export interface PendingMessage {
  uid: number;
  size: number;
  internalDate: Date | null;
  sentDate: Date | null;
  messageId: string | null;
  subject: string | null;
}

export type SubjectMode = 'subject' | 'hash';

const MAX_TEXT = 998; // RFC 5322's line limit: longer values are not real headers

function auditSubject(subject: string | null, mode: SubjectMode): string | null {
  if (subject === null) return null;
  return mode === 'hash' ? `sha256:${createHash('sha256').update(subject).digest('hex')}` : subject.slice(0, MAX_TEXT);
}

export function createExpiryAudit(db: DbOrTx) {
  const ids = (f: FolderIdentity, uids: readonly number[]) => ({ mailboxId: f.mailboxId, folder: f.folder, uidValidity: f.uidValidity, uid: { in: [...uids] } });
  return {
    /**
     * One INSERT … SELECT FROM unnest per chunk, ON CONFLICT DO NOTHING on the message identity: Prisma's
     * createMany took ~0.9 s per 1,000 rows on the JS engine, this takes milliseconds. Dates go as ISO text
     * cast to timestamp (the columns hold UTC without a zone, as Prisma writes them).
     */
    async recordPending(f: FolderIdentity, mailboxRunId: number, action: { action: 'delete' | 'move'; movedTo: string | null }, messages: PendingMessage[], subjectMode: SubjectMode) {
      if (!messages.length) return;
      const iso = (d: Date | null) => (d ? d.toISOString() : null);
      await db.$executeRaw`
        INSERT INTO expired_messages (mailbox_run_id, mailbox_id, folder, uid_validity, uid, action, moved_to, state, message_id, sent_date, internal_date, size, subject)
        SELECT ${mailboxRunId}, ${f.mailboxId}, ${f.folder}, ${f.uidValidity}, m.uid, ${action.action}::"RetentionAction", ${action.movedTo}, 'pending',
               m.message_id, m.sent_date::timestamp, m.internal_date::timestamp, m.size, m.subject
        FROM unnest(${messages.map((m) => m.uid)}::int[], ${messages.map((m) => m.messageId?.slice(0, MAX_TEXT) ?? null)}::text[],
                    ${messages.map((m) => iso(m.sentDate))}::text[], ${messages.map((m) => iso(m.internalDate))}::text[],
                    ${messages.map((m) => m.size)}::int[], ${messages.map((m) => auditSubject(m.subject, subjectMode))}::text[])
             AS m(uid, message_id, sent_date, internal_date, size, subject)
        ON CONFLICT (mailbox_id, folder, uid_validity, uid) DO NOTHING`;
    },

    /** Confirms removal; moves the rows to `mailboxRunId` (the run that finished the work). */
    async markDone(f: FolderIdentity, uids: readonly number[], mailboxRunId: number) {
      if (!uids.length) return;
      // One int[] parameter: Prisma's updateMany with a 1,000-value IN list cost ~40 ms of worker CPU per chunk
      // on the JS engine (bench/expiry.ts), this costs a few. `at` as UTC text, like recordPending's dates.
      await db.$executeRaw`
        UPDATE expired_messages SET state = 'done', mailbox_run_id = ${mailboxRunId}, at = ${new Date().toISOString()}::timestamp
        WHERE mailbox_id = ${f.mailboxId} AND folder = ${f.folder} AND uid_validity = ${f.uidValidity}
          AND uid = ANY(${[...uids]}::int[]) AND state = 'pending'`;
    },

    async dropPending(f: FolderIdentity, uids: readonly number[]) {
      if (!uids.length) return;
      await db.expiredMessage.deleteMany({ where: { ...ids(f, uids), state: 'pending' } });
    },

    /** Rows of a folder whose UIDVALIDITY changed: their UIDs mean nothing any more and cannot be verified. */
    async dropStalePending(mailboxId: number, folder: string, uidValidity: bigint | null) {
      return db.expiredMessage.deleteMany({ where: { mailboxId, folder, state: 'pending', ...(uidValidity === null ? {} : { uidValidity: { not: uidValidity } }) } });
    },

    pendingOf: (mailboxId: number) =>
      db.expiredMessage.findMany({ where: { mailboxId, state: 'pending' }, select: { folder: true, uidValidity: true, uid: true, size: true, action: true, movedTo: true, mailboxRunId: true }, orderBy: [{ folder: 'asc' }, { uid: 'asc' }] }),

    /** Done rows of a mailbox run per folder and action: the exact figures, whatever retries happened. */
    async doneTotals(mailboxRunId: number) {
      const groups = await db.expiredMessage.groupBy({ by: ['folder', 'action'], where: { mailboxRunId, state: 'done' }, _count: { _all: true }, _sum: { size: true } });
      return groups.map((g) => ({ folder: g.folder, action: g.action, count: g._count._all, bytes: g._sum.size ?? 0 }));
    },
  };
}

export type ExpiryAudit = ReturnType<typeof createExpiryAudit>;
