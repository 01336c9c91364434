// The pre-expiry notice promise, applied at removal time: for a rule with noticeDays, a due message may go only if
// a notice of that rule's content named it and was sent (SMTP accepted) at least noticeDays before `now`. Loaded
// once per mailbox run, before any folder is touched; a notice sent later counts from the next run on.
// Staff may waive the promise for one run ("expire now without notice"): the run records who and why.
import { DAY_MS, ruleContentKey } from '../../domain/retention/criteria.ts';
import { coverageKey, createExpiryAnnouncements, type Coverage } from '../../repositories/expiry-announcements.ts';
import type { DbOrTx } from '../../lib/prisma.ts';
import type { Rule } from '../../domain/retention/rules.ts';
import type { Admit } from './expire-folder.ts';

export async function loadAdmit(db: DbOrTx, mailboxId: number, rules: Rule[], now: Date): Promise<Admit> {
  const announcements = createExpiryAnnouncements(db);
  const byRule = new Map<string, Coverage>();
  for (const rule of rules) {
    if (!rule.noticeDays) continue;
    const key = ruleContentKey(rule);
    if (!byRule.has(key)) byRule.set(key, await announcements.sentBy(mailboxId, key, new Date(now.getTime() - rule.noticeDays * DAY_MS)));
  }
  return (folder, uidValidity, due, rule) => {
    if (!rule.noticeDays) return due;
    const announced = byRule.get(ruleContentKey(rule))?.get(coverageKey(folder, uidValidity));
    return announced ? due.filter((m) => announced.has(m.uid)) : [];
  };
}
