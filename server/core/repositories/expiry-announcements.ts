// What pre-expiry notices announced (expiry_announcements): per notice, rule content and folder, the exact UIDs.
// The promise it keeps: nothing a rule with notices covers is removed unless a notice that named it was SENT
// (SMTP accepted: status `sent`) at least the rule's noticeDays before the removal. A notice whose delivery is
// pending, failed or unknown announces nothing yet.
import type { DbOrTx } from '../lib/prisma.ts';

export interface AnnouncedFolder { folder: string; uidValidity: bigint; uids: string }

/** "folder\0uidValidity" -> announced UIDs. */
export type Coverage = Map<string, Set<number>>;

export const coverageKey = (folder: string, uidValidity: bigint) => `${folder}\u0000${uidValidity}`;

/** Expands an IMAP UID set ("3,7:9") to its UIDs. */
export function uidsOfSet(set: string): number[] {
  const out: number[] = [];
  for (const part of set.split(',')) {
    const [a, b] = part.split(':').map(Number);
    if (!Number.isSafeInteger(a)) continue;
    const end = Number.isSafeInteger(b) ? b : a;
    for (let u = Math.min(a, end); u <= Math.max(a, end); u++) out.push(u);
  }
  return out;
}

function toCoverage(rows: { folder: string; uidValidity: bigint; uids: string }[]): Coverage {
  const coverage: Coverage = new Map();
  for (const row of rows) {
    const key = coverageKey(row.folder, row.uidValidity);
    const set = coverage.get(key) ?? new Set<number>();
    for (const uid of uidsOfSet(row.uids)) set.add(uid);
    coverage.set(key, set);
  }
  return coverage;
}

export function createExpiryAnnouncements(db: DbOrTx) {
  return {
    /** Messages announced by notices of this rule content that were sent at or before `sentBy`: these may go. */
    async sentBy(mailboxId: number, ruleKey: string, sentBy: Date): Promise<Coverage> {
      const rows = await db.expiryAnnouncement.findMany({
        where: { mailboxId, ruleKey, notification: { status: 'sent', sentAt: { lte: sentBy } } },
        select: { folder: true, uidValidity: true, uids: true },
      });
      return toCoverage(rows);
    },

    /**
     * Messages some notice of this rule content names and that was sent or is still on its way: not announced
     * twice. One that failed, or whose delivery is unknown, names nothing: the next window announces them again.
     */
    async named(mailboxId: number, ruleKey: string): Promise<Coverage> {
      const rows = await db.expiryAnnouncement.findMany({
        where: { mailboxId, ruleKey, notification: { status: { in: ['pending', 'sending', 'sent'] } } },
        select: { folder: true, uidValidity: true, uids: true },
      });
      return toCoverage(rows);
    },

    /** A resent notice names what the notice it repeats named (its own noticeDays count from its own sending). */
    async copy(fromNotificationId: number, toNotificationId: number) {
      await db.$executeRaw`
        INSERT INTO expiry_announcements (notification_id, mailbox_id, rule_key, folder, uid_validity, uids)
        SELECT ${toNotificationId}, mailbox_id, rule_key, folder, uid_validity, uids FROM expiry_announcements WHERE notification_id = ${fromNotificationId}`;
    },

    async record(notificationId: number, mailboxId: number, ruleKey: string, folders: AnnouncedFolder[]) {
      if (!folders.length) return;
      await db.expiryAnnouncement.createMany({ data: folders.map((f) => ({ notificationId, mailboxId, ruleKey, ...f })) });
    },
  };
}
