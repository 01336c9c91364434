// Before expiring a mailbox, settle the `pending` audit rows an interrupted attempt left behind (a crash
// between writing them and confirming the removal). For each such message, by folder:
//   - folder gone, or its UIDVALIDITY changed: the UIDs cannot be checked any more -> drop the rows;
//   - message gone: the earlier command removed it -> `done` (kept under the run that removed it);
//   - message present and the folder's rule still selects it -> remove it now (this run finishes the work);
//     matched here without "not \Deleted", because the \Deleted may be the one the interrupted attempt stored;
//   - message present and no longer selected (flagged since, policy changed) -> drop the row and clear any
//     \Deleted we may have stored, so it survives.
import { removalMode, ruleSearch, RetentionCapabilityError } from '../../domain/retention/criteria.ts';
import type { FolderInfo } from '../../domain/retention/selectors.ts';
import type { PlannedFolder } from '../../domain/retention/plan.ts';
import { capabilitiesOf, removeChunk, restoreSurvivors, type FolderRun } from './expire-folder.ts';
import { presentUids, searchUids, uidSet } from './search-candidates.ts';


export interface ReconcileResult { confirmed: number; redone: number; dropped: number; otherRuns: number[] }

type Base = Omit<FolderRun, 'folder' | 'rule' | 'moveTarget' | 'dryRun'>;

// Map.groupBy arrives with Node 21; the worker runs on Node 20.
function groupBy<T, K>(items: T[], key: (t: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

export async function reconcilePending(base: Base, planned: PlannedFolder[], folders: FolderInfo[]): Promise<ReconcileResult> {
  const result: ReconcileResult = { confirmed: 0, redone: 0, dropped: 0, otherRuns: [] };
  const rows = await base.audit.pendingOf(base.mailboxId);
  if (!rows.length) return result;
  const caps = capabilitiesOf(base.client);
  const byFolder = groupBy(rows, (r) => r.folder);

  for (const [path, pending] of byFolder) {
    if (!folders.some((f) => f.path === path)) {
      result.dropped += (await base.audit.dropStalePending(base.mailboxId, path, null)).count;
      continue;
    }
    const lock = await base.client.getMailboxLock(path);
    try {
      const uidValidity = BigInt(base.client.mailbox ? base.client.mailbox.uidValidity : 0);
      result.dropped += (await base.audit.dropStalePending(base.mailboxId, path, uidValidity)).count;
      const current = pending.filter((r) => r.uidValidity === uidValidity);
      if (!current.length) continue;
      const identity = { mailboxId: base.mailboxId, folder: path, uidValidity };
      const present = await presentUids(base.client, current.map((r) => r.uid));

      // Gone: confirmed under the mailbox run that issued the command.
      for (const [runId, gone] of groupBy(current.filter((r) => !present.has(r.uid)), (r) => r.mailboxRunId)) {
        await base.audit.markDone(identity, gone.map((r) => r.uid), runId);
        result.confirmed += gone.length;
        if (runId !== base.mailboxRunId && !result.otherRuns.includes(runId)) result.otherRuns.push(runId);
      }

      const still = current.filter((r) => present.has(r.uid));
      if (!still.length) continue;
      const entry = planned.find((p) => p.folder.path === path);
      const selected = entry ? await stillSelected(base, entry, caps, still) : new Set<number>();
      const redo = still.filter((r) => selected.has(r.uid) && r.action === entry!.rule.action);
      const drop = still.filter((r) => !redo.includes(r)).map((r) => r.uid);
      if (drop.length) {
        await base.audit.dropPending(identity, drop);
        await restoreSurvivors(base.client, drop);
        result.dropped += drop.length;
      }
      if (redo.length) {
        const run: FolderRun = { ...base, folder: entry!.folder, rule: entry!.rule, moveTarget: entry!.moveTarget, dryRun: false };
        const meta = redo.map((r) => ({ uid: r.uid, size: r.size, internalDate: null, sentDate: null, messageId: null, subject: null, from: null }));
        const removed = await removeChunk(run, identity, meta, { alreadyPending: true });
        result.redone += removed.count;
        if (removed.failed) throw new Error(`${removed.failed} message(s) in ${path} could not be removed while reconciling`);
      }
    } finally {
      lock.release();
    }
  }
  return result;
}

/** Which of the pending rows' UIDs the folder's rule selects now (ignoring \Deleted, see above). */
async function stillSelected(base: Base, entry: PlannedFolder, caps: Set<string>, rows: { uid: number }[]): Promise<Set<number>> {
  try {
    removalMode(entry.rule.action, caps, base.allowPlainExpunge);
    const search = ruleSearch(entry.rule, base.now, caps, { includeDeleted: true });
    return new Set(await searchUids(base.client, search, uidSet(rows.map((r) => r.uid))));
  } catch (err) {
    if (err instanceof RetentionCapabilityError) return new Set();
    throw err;
  }
}
