// Pre-expiry notices: for each rule with noticeDays, find the mail that is due now or within that many days and
// that no notice of this rule has named yet, across the folders the rule governs, and record ONE Notification per
// rule content and window (dedupe key expiry:<rule content key>:<window start>) together with exactly which
// messages it announces (expiry_announcements). The unique (mailbox, dedupe key) makes a second notice in a
// window impossible however often the sweep runs; the notify worker sends it (the job carries only the id).
// Removal then waits for the announcement: see announcedAdmit in notice-admission.ts.
import type { ImapFlow } from 'imapflow';
import type { Db } from '../../lib/prisma.ts';
import {
  basisDate, firstRemovalDate, isDueWithinNotice, isExempt, noticeDedupeKey, ruleContentKey, ruleSearch, RetentionCapabilityError,
} from '../../domain/retention/criteria.ts';
import type { Rule } from '../../domain/retention/rules.ts';
import { coverageKey, createExpiryAnnouncements, type AnnouncedFolder, type Coverage } from '../../repositories/expiry-announcements.ts';
import { capabilitiesOf } from './expire-folder.ts';
import { FETCH_BATCH, fetchMeta, searchUids, uidChunks, uidSet, type MessageMeta } from './search-candidates.ts';
import type { PlannedFolder } from '../../domain/retention/plan.ts';
import { planFor, recipients } from '../../services/quota-notices.ts';

const MAX_SUBJECTS = 5;
export const NOTICE_ADVICE = 'Move the messages you want to keep to a folder that does not expire, or download them '
  + '(with your mail program\'s export, or a POP3 client that keeps a local copy) before that date.';

export interface NoticeMailbox { id: number; address: string; displayName: string; alternateEmail: string | null; planId: number | null }

/** Records the notices due; returns the ids of the rows created now (to enqueue after this returns). */
export async function recordExpiryNotices(client: ImapFlow, db: Db, mailbox: NoticeMailbox, planned: PlannedFolder[], now: Date): Promise<number[]> {
  const caps = capabilitiesOf(client);
  const announcements = createExpiryAnnouncements(db);
  const rules = new Map<string, { rule: Rule; folders: string[] }>();
  for (const p of planned) {
    if (!p.rule.noticeDays) continue;
    const key = ruleContentKey(p.rule);
    const entry = rules.get(key) ?? { rule: p.rule, folders: [] };
    entry.folders.push(p.folder.path);
    rules.set(key, entry);
  }
  const created: number[] = [];
  // Like every notice: to the alternate address when there is one, with the plan's admin copy (docs/notifications.md).
  const to = rules.size ? recipients(mailbox, await planFor(db, mailbox)) : null;
  for (const [ruleKey, { rule, folders }] of rules) {
    const dedupeKey = noticeDedupeKey(ruleKey, now, rule.noticeDays!);
    // Already told in this window: skip the searches too.
    if (await db.notification.findUnique({ where: { mailboxId_dedupeKey: { mailboxId: mailbox.id, dedupeKey } }, select: { id: true } })) continue;
    const found = await findToAnnounce(client, rule, folders, now, caps, await announcements.named(mailbox.id, ruleKey));
    if (!found.count) continue;
    const oldestDate = found.oldest[0] ? basisDate(rule.ageBasis, found.oldest[0]) : null;
    const id = await db.$transaction(async (tx) => {
      const rows = await tx.notification.createManyAndReturn({
        data: [{
          mailboxId: mailbox.id,
          kind: 'expiry_notice',
          dedupeKey,
          ...to!,
          data: {
            name: mailbox.displayName, address: mailbox.address, count: found.count,
            subjects: found.oldest.map((m) => m.subject ?? '(no subject)'),
            expiresAt: firstRemovalDate(rule.ageBasis, rule, oldestDate, now).toISOString(),
            folders: found.announced.map((f) => f.folder), maxAgeDays: rule.maxAgeDays, ruleId: rule.id, ruleKey, advice: NOTICE_ADVICE,
          },
        }],
        skipDuplicates: true,
        select: { id: true },
      });
      if (!rows.length) return null;
      await createExpiryAnnouncements(tx).record(rows[0].id, mailbox.id, ruleKey, found.announced);
      return rows[0].id;
    });
    if (id !== null) created.push(id);
  }
  return created;
}

async function findToAnnounce(client: ImapFlow, rule: Rule, folders: string[], now: Date, caps: Set<string>, named: Coverage) {
  let search;
  try {
    search = ruleSearch(rule, now, caps, { window: 'notice' });
  } catch (err) {
    if (err instanceof RetentionCapabilityError) return { count: 0, oldest: [], announced: [] };
    throw err;
  }
  let count = 0;
  let oldest: MessageMeta[] = [];
  const announced: AnnouncedFolder[] = [];
  const age = (m: MessageMeta) => basisDate(rule.ageBasis, m)?.getTime() ?? 0;
  for (const path of folders) {
    const lock = await client.getMailboxLock(path, { readOnly: true });
    try {
      if (!client.mailbox || !client.mailbox.exists) continue;
      const uidValidity = BigInt(client.mailbox.uidValidity);
      const already = named.get(coverageKey(path, uidValidity));
      const candidates = (await searchUids(client, search)).filter((u) => !already?.has(u));
      const picked: number[] = [];
      for (const chunk of uidChunks(candidates, FETCH_BATCH)) {
        const fetched = await fetchMeta(client, chunk, { flags: true, saveDates: rule.ageBasis === 'saved' });
        const due = fetched.filter((m) => isDueWithinNotice(rule, m, now) && !isExempt(rule, m));
        picked.push(...due.map((m) => m.uid));
        // Keep only the running five oldest: memory stays flat whatever the count.
        oldest = [...oldest, ...due].sort((a, b) => age(a) - age(b)).slice(0, MAX_SUBJECTS);
      }
      if (!picked.length) continue;
      count += picked.length;
      announced.push({ folder: path, uidValidity, uids: uidSet(picked) });
    } finally {
      lock.release();
    }
  }
  return { count, oldest, announced };
}
