// Which messages one export takes (#20), over an open session as the mailbox: UID, folder, received date and size,
// in received-date order across folders (so an interrupted download resumes by date). Nothing is read but metadata
// here; stream-messages.ts fetches the bodies. Folders are opened read-only (EXAMINE): an export changes no flag.
//  - expiring: the retention plan's folders, each rule's own SEARCH and exact checks (isDue at the given date,
//    keep-flagged / keep-unread) as the expiry preview makes them: the mail the /me page lists for that date.
//  - folder: every message of one folder of this mailbox (a name LIST does not show here is refused).
import type { ImapFlow } from 'imapflow';
import { isDue, isExempt, ruleSearch, RetentionCapabilityError } from '../../domain/retention/criteria.ts';
import type { Rule } from '../../domain/retention/rules.ts';
import { inRange, type ExportRange, type ExportScope } from '../../domain/export/request.ts';
import { capabilitiesOf } from '../expiry/expire-folder.ts';
import { listFolders, planMailbox } from '../expiry/expire-mailbox.ts';
import { FETCH_BATCH, fetchMeta, folderKeepsSaveDates, searchUids, uidChunks } from '../expiry/search-candidates.ts';

/** One selected message. `received` is epoch ms, not a Date: a 100,000-message export holds 100,000 of these for its
 *  whole length, and Date objects would double their heap (~17 MB instead of ~8 MB, measured). */
export interface ExportItem { folder: string; uid: number; received: number | null; size: number }

export class UnknownFolderError extends Error {
  constructor() {
    super('No such folder in this mailbox');
    this.name = 'UnknownFolderError';
  }
}

const byReceived = (a: ExportItem, b: ExportItem) =>
  (a.received ?? 0) - (b.received ?? 0) || (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0) || a.uid - b.uid;

export async function selectForExport(client: ImapFlow, scope: ExportScope, range: ExportRange, rules: Rule[]): Promise<ExportItem[]> {
  const items = scope.kind === 'folder' ? await wholeFolder(client, scope.path, range) : await expiring(client, rules, scope.by, range);
  return items.sort(byReceived);
}

async function wholeFolder(client: ImapFlow, path: string, range: ExportRange): Promise<ExportItem[]> {
  const folder = (await listFolders(client)).find((f) => f.path === path && !(f.flags ?? []).some((x) => /^\\(noselect|nonexistent)$/i.test(x)));
  if (!folder) throw new UnknownFolderError();
  const lock = await client.getMailboxLock(folder.path, { readOnly: true });
  try {
    if (!client.mailbox || !client.mailbox.exists) return [];
    const uids = await client.search({ all: true }, { uid: true });
    if (!uids) throw new Error('the IMAP server refused the SEARCH');
    const out: ExportItem[] = [];
    for (const chunk of uidChunks([...uids].sort((a, b) => a - b), FETCH_BATCH)) {
      for (const m of await fetchMeta(client, chunk, { envelope: false })) {
        if (inRange(m.internalDate, range)) out.push({ folder: folder.path, uid: m.uid, received: m.internalDate?.getTime() ?? null, size: m.size });
      }
    }
    return out;
  } finally {
    lock.release();
  }
}

async function expiring(client: ImapFlow, rules: Rule[], by: Date, range: ExportRange): Promise<ExportItem[]> {
  const caps = capabilitiesOf(client);
  const out: ExportItem[] = [];
  for (const p of planMailbox(rules, await listFolders(client))) {
    let search;
    try {
      search = ruleSearch(p.rule, by, caps);
    } catch (err) {
      if (err instanceof RetentionCapabilityError) continue; // the server cannot run this rule: nothing of it expires
      throw err;
    }
    const lock = await client.getMailboxLock(p.folder.path, { readOnly: true });
    try {
      if (!client.mailbox || !client.mailbox.exists) continue;
      const saved = p.rule.ageBasis === 'saved';
      if (saved && !(await folderKeepsSaveDates(client))) continue;
      for (const chunk of uidChunks(await searchUids(client, search), FETCH_BATCH)) {
        for (const m of await fetchMeta(client, chunk, { envelope: false, auditHeaders: p.rule.ageBasis === 'sent', flags: true, saveDates: saved })) {
          if (isDue(p.rule, m, by) && !isExempt(p.rule, m) && inRange(m.internalDate, range)) {
            out.push({ folder: p.folder.path, uid: m.uid, received: m.internalDate?.getTime() ?? null, size: m.size });
          }
        }
      }
    } finally {
      lock.release();
    }
  }
  return out;
}
