// Pre-expiry notices: for each rule with noticeDays, count the mail that will pass its age within that many
// days (but has not yet) across the folders the rule governs, and record ONE Notification per rule and
// window (dedupe key expiry:<rule id>:<window start>): the unique (mailbox, dedupe key) makes a second
// one impossible however often the sweep runs. The notify worker sends it; the job carries only the id.
import type { ImapFlow } from 'imapflow';
import type { Db } from '../../server/lib/prisma.ts';
import { firstRemovalDate, noticeDedupeKey, ruleSearch, RetentionCapabilityError } from '../../server/domain/retention/criteria.ts';
import type { Rule } from '../../server/domain/retention/rules.ts';
import { capabilitiesOf } from './expire-folder.ts';
import { FETCH_BATCH, fetchMeta, searchUids, uidChunks, type MessageMeta } from './expiry-search.ts';
import type { PlannedFolder } from './expiry-reconcile.ts';

const MAX_SUBJECTS = 5;
export const NOTICE_ADVICE = 'Move the messages you want to keep to a folder that does not expire, or download them '
  + '(with your mail program\'s export, or a POP3 client that keeps a local copy) before that date.';

export interface NoticeMailbox { id: number; address: string; displayName: string }

/** Records the notices due; returns the ids of the rows created now (to enqueue after this returns). */
export async function recordExpiryNotices(client: ImapFlow, db: Db, mailbox: NoticeMailbox, planned: PlannedFolder[], now: Date): Promise<number[]> {
  const caps = capabilitiesOf(client);
  const rules = new Map<number, { rule: Rule; folders: string[] }>();
  for (const p of planned) {
    if (!p.rule.noticeDays) continue;
    const entry = rules.get(p.rule.id) ?? { rule: p.rule, folders: [] };
    entry.folders.push(p.folder.path);
    rules.set(p.rule.id, entry);
  }
  const created: number[] = [];
  for (const { rule, folders } of rules.values()) {
    const dedupeKey = noticeDedupeKey(rule.id, now, rule.noticeDays!);
    // Already told in this window: skip the searches too.
    if (await db.notification.findUnique({ where: { mailboxId_dedupeKey: { mailboxId: mailbox.id, dedupeKey } }, select: { id: true } })) continue;
    const found = await findSoonExpiring(client, rule, folders, now, caps);
    if (!found.count) continue;
    const oldestDate = found.oldest[0] ? basisDate(rule, found.oldest[0]) : null;
    const rows = await db.notification.createManyAndReturn({
      data: [{
        mailboxId: mailbox.id,
        kind: 'expiry_notice',
        dedupeKey,
        toAddress: mailbox.address,
        data: {
          name: mailbox.displayName, address: mailbox.address, count: found.count,
          subjects: found.oldest.map((m) => m.subject ?? '(no subject)'),
          expiresAt: firstRemovalDate(rule.ageBasis, rule.maxAgeDays, oldestDate, now).toISOString(),
          folders: found.folders, maxAgeDays: rule.maxAgeDays, ruleId: rule.id, advice: NOTICE_ADVICE,
        },
      }],
      skipDuplicates: true,
      select: { id: true },
    });
    created.push(...rows.map((r) => r.id));
  }
  return created;
}

const basisDate = (rule: Rule, m: MessageMeta) => (rule.ageBasis === 'sent' ? m.sentDate : m.internalDate);

async function findSoonExpiring(client: ImapFlow, rule: Rule, folders: string[], now: Date, caps: Set<string>) {
  let search;
  try {
    search = ruleSearch(rule, now, caps, { window: 'notice' });
  } catch (err) {
    if (err instanceof RetentionCapabilityError) return { count: 0, oldest: [], folders: [] };
    throw err;
  }
  let count = 0;
  let oldest: MessageMeta[] = [];
  const withMail: string[] = [];
  const byAge = (a: MessageMeta, b: MessageMeta) => (basisDate(rule, a)?.getTime() ?? 0) - (basisDate(rule, b)?.getTime() ?? 0);
  for (const path of folders) {
    const lock = await client.getMailboxLock(path, { readOnly: true });
    try {
      const uids = await searchUids(client, search);
      if (!uids.length) continue;
      count += uids.length;
      withMail.push(path);
      for (const chunk of uidChunks(uids, FETCH_BATCH)) {
        // Keep only the running five oldest: memory stays flat whatever the count.
        oldest = [...oldest, ...(await fetchMeta(client, chunk))].sort(byAge).slice(0, MAX_SUBJECTS);
      }
    } finally {
      lock.release();
    }
  }
  return { count, oldest, folders: withMail };
}
