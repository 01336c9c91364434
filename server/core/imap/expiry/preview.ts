// Dry-run preview of one mailbox, synchronously over an open session: per planned folder, what the rule
// would remove now (count, bytes, oldest/newest date) and a sample of up to 20 messages. Read-only:
// folders are opened with EXAMINE, and only the same SEARCH, FETCH (no body, no \Seen) and checks as a real
// run: exact age, flags, and the pre-expiry notice promise (`admit`).
import type { ImapFlow } from 'imapflow';
import { basisDate, isDue, isExempt, removalMode, ruleSearch, RetentionCapabilityError } from '../../domain/retention/criteria.ts';
import type { Rule } from '../../domain/retention/rules.ts';
import { capabilitiesOf, type Admit } from './expire-folder.ts';
import { listFolders, planMailbox } from './expire-mailbox.ts';
import type { PreviewFolder } from '../../queues/mailbox-read.ts';
import { folderUnderRule } from '../../domain/retention/plan.ts';
import { FETCH_BATCH, fetchMeta, folderKeepsSaveDates, searchUids, uidChunks, type MessageMeta } from './search-candidates.ts';

export const SAMPLE_SIZE = 20;
export type { PreviewFolder };

export async function previewMailbox(client: ImapFlow, rules: Rule[], now: Date, opts: { allowPlainExpunge: boolean; admit?: Admit }): Promise<PreviewFolder[]> {
  const caps = capabilitiesOf(client);
  const planned = planMailbox(rules, await listFolders(client));
  const out: PreviewFolder[] = [];
  for (const p of planned) {
    const entry: PreviewFolder = {
      ...folderUnderRule(p), ageBasis: p.rule.ageBasis, maxAgeDays: p.rule.maxAgeDays, examined: 0, count: 0, awaitingNotice: 0, bytes: 0,
      oldest: null, newest: null, sample: [], error: null,
    };
    out.push(entry);
    let search;
    try {
      search = ruleSearch(p.rule, now, caps);
      removalMode(p.rule.action, caps, opts.allowPlainExpunge);
    } catch (err) {
      if (!(err instanceof RetentionCapabilityError)) throw err;
      entry.error = `refused: ${err.message}`;
      continue;
    }
    if (p.rule.action === 'move' && (!p.moveTarget || p.moveTarget === p.folder.path)) {
      entry.error = `refused: ${p.moveTarget ? 'the destination is the folder itself' : `no folder has the special use ${p.rule.moveTo}`}`;
      continue;
    }
    const lock = await client.getMailboxLock(p.folder.path, { readOnly: true });
    try {
      entry.examined = client.mailbox ? client.mailbox.exists : 0;
      if (!entry.examined) continue;
      if (p.rule.ageBasis === 'saved' && !(await folderKeepsSaveDates(client))) {
        entry.error = `refused: ${p.folder.path} keeps no save dates`;
        continue;
      }
      const uids = await searchUids(client, search);
      const uidValidity = BigInt(client.mailbox ? client.mailbox.uidValidity : 0);
      let oldest = Infinity;
      let newest = -Infinity;
      const first: MessageMeta[] = [];
      for (const chunk of uidChunks(uids, FETCH_BATCH)) {
        const fetched = await fetchMeta(client, chunk, { flags: true, saveDates: p.rule.ageBasis === 'saved' });
        const due = fetched.filter((m) => isDue(p.rule, m, now) && !isExempt(p.rule, m));
        const selected = opts.admit ? opts.admit(p.folder.path, uidValidity, due, p.rule) : due;
        entry.count += selected.length;
        entry.awaitingNotice += due.length - selected.length;
        for (const m of selected) {
          entry.bytes += m.size;
          const t = basisDate(p.rule.ageBasis, m)?.getTime();
          if (t !== undefined) [oldest, newest] = [Math.min(oldest, t), Math.max(newest, t)];
          if (first.length < SAMPLE_SIZE) first.push(m);
        }
      }
      if (Number.isFinite(oldest)) [entry.oldest, entry.newest] = [new Date(oldest).toISOString(), new Date(newest).toISOString()];
      entry.sample = first.map((m) => ({
        uid: m.uid, subject: m.subject, from: m.from, date: (m.sentDate ?? m.internalDate)?.toISOString() ?? null, size: m.size,
      }));
    } finally {
      lock.release();
    }
  }
  return out;
}
