// Applies one rule to one folder over an open IMAP session. For each chunk of at most `chunkSize` UIDs (and a UID set
// short enough for one command line, see uidChunks):
//   1. FETCH size, dates and envelope of the chunk (only the chunk, 1,000 at a time: memory stays flat on huge folders);
//   2. write the audit rows as `pending` BEFORE touching IMAP, so a crash leaves a trace to reconcile;
//   3. remove: STORE \Deleted + UID EXPUNGE of exactly these UIDs (never a bare EXPUNGE, which would also
//      remove messages the user marked \Deleted), or MOVE;
//   4. check which UIDs are really gone: those become `done`; any still there lose their pending row and
//      the \Deleted we stored, because they were not removed.
// A dry run does the same SEARCH and FETCH and stops before step 2.
import type { ImapFlow } from 'imapflow';
import { removalMode, ruleSearch, RetentionCapabilityError } from '../../server/domain/retention/criteria.ts';
import type { Rule } from '../../server/domain/retention/rules.ts';
import type { FolderInfo } from '../../server/domain/retention/selectors.ts';
import type { ExpiryAudit, FolderIdentity, SubjectMode } from '../../server/repositories/expiry-audit.ts';
import { FETCH_BATCH, fetchMeta, folderKeepsSaveDates, presentUids, searchUids, uidChunks, uidSet, type MessageMeta } from './expiry-search.ts';

/** Test-only seams; production passes none. Called after the IMAP removal of a chunk, before it is marked done. */
export interface ExpiryHooks {
  afterRemove?: (info: { folder: string; uids: number[] }) => void | Promise<void>;
}

export interface FolderRun {
  client: ImapFlow;
  audit: ExpiryAudit;
  mailboxId: number;
  mailboxRunId: number;
  folder: FolderInfo;
  rule: Rule;
  moveTarget: string | null;
  now: Date;
  dryRun: boolean;
  allowPlainExpunge: boolean;
  subjectMode: SubjectMode;
  chunkSize: number;
  hooks?: ExpiryHooks;
  /** Lock check: throws (ExpiryLockLostError) once this attempt no longer owns the mailbox. Run before every removal. */
  assertLockHeld?: () => Promise<void>;
}

export interface FolderResult {
  path: string;
  specialUse: string | null;
  ruleId: number;
  rulePosition: number;
  action: 'delete' | 'move';
  moveTo: string | null;
  uidValidity: string | null;
  examined: number;
  matched: number;
  deleted: number;
  moved: number;
  bytes: number;
  /** Set when the folder was refused (a capability missing) or a removal did not complete. */
  error: string | null;
}

export function emptyResult(run: Pick<FolderRun, 'folder' | 'rule' | 'moveTarget'>): FolderResult {
  return {
    path: run.folder.path, specialUse: run.folder.specialUse, ruleId: run.rule.id, rulePosition: run.rule.position,
    action: run.rule.action, moveTo: run.moveTarget, uidValidity: null, examined: 0, matched: 0, deleted: 0, moved: 0, bytes: 0, error: null,
  };
}

export const capabilitiesOf = (client: ImapFlow) => new Set([...client.capabilities.keys()].map((c) => c.toUpperCase()));

/** Removes `uids` (all currently matching) by the rule's action; returns false when the server refused. */
export async function removeUids(client: ImapFlow, rule: Pick<Rule, 'action'>, moveTarget: string | null, uids: readonly number[]): Promise<boolean> {
  const set = uidSet(uids);
  if (rule.action === 'move') return Boolean(await client.messageMove(set, moveTarget!, { uid: true }));
  // .SILENT: the server need not echo 1,000 flag updates we are about to expunge anyway.
  return client.messageDelete(set, { uid: true, silent: true } as { uid: boolean });
}

/** Undo our \Deleted on messages that survived a failed removal: they must not vanish at the user's next expunge. */
export async function restoreSurvivors(client: ImapFlow, uids: readonly number[]) {
  if (uids.length) await client.messageFlagsRemove(uidSet(uids), ['\\Deleted'], { uid: true });
}

export async function expireFolder(run: FolderRun): Promise<FolderResult> {
  const result = emptyResult(run);
  const caps = capabilitiesOf(run.client);
  let search;
  try {
    search = ruleSearch(run.rule, run.now, caps);
    // Checked in dry runs too: a dry run must predict a refusal, not a removal that will not happen.
    removalMode(run.rule.action, caps, run.allowPlainExpunge);
  } catch (err) {
    if (err instanceof RetentionCapabilityError) return { ...result, error: `refused: ${err.message}` };
    throw err;
  }

  const lock = await run.client.getMailboxLock(run.folder.path);
  try {
    const box = run.client.mailbox;
    if (!box) throw new Error(`could not open ${run.folder.path}`);
    result.uidValidity = String(box.uidValidity);
    result.examined = box.exists;
    if (!box.exists) return result;
    if (run.rule.ageBasis === 'saved' && !(await folderKeepsSaveDates(run.client))) {
      return { ...result, error: `refused: ${run.folder.path} keeps no save dates (SAVEDATESUPPORTED matched nothing)` };
    }
    const uids = await searchUids(run.client, search);
    result.matched = uids.length;
    const identity: FolderIdentity = { mailboxId: run.mailboxId, folder: run.folder.path, uidValidity: BigInt(box.uidValidity) };

    for (const chunk of uidChunks(uids, run.chunkSize)) {
      const meta: MessageMeta[] = [];
      for (let i = 0; i < chunk.length; i += FETCH_BATCH) {
        // Dry runs need sizes only; the audit needs the envelope too.
        const fetched = await fetchMeta(run.client, chunk.slice(i, i + FETCH_BATCH), { envelope: !run.dryRun });
        if (run.dryRun) {
          result.bytes += fetched.reduce((n, m) => n + m.size, 0);
          continue;
        }
        await run.audit.recordPending(identity, run.mailboxRunId, pendingAction(run), fetched, run.subjectMode);
        meta.push(...fetched);
      }
      if (run.dryRun) continue;
      const removed = await removeChunk(run, identity, meta, { alreadyPending: true });
      if (run.rule.action === 'delete') result.deleted += removed.count;
      else result.moved += removed.count;
      result.bytes += removed.bytes;
      if (removed.failed) {
        result.error = `${removed.failed} message(s) in ${run.folder.path} were not removed (the server refused the ${run.rule.action === 'move' ? 'MOVE' : 'UID EXPUNGE'})`;
        throw new Error(result.error);
      }
    }
    return result;
  } finally {
    lock.release();
  }
}

const pendingAction = (run: FolderRun) => ({ action: run.rule.action, movedTo: run.rule.action === 'move' ? run.moveTarget : null });

/** Steps 2–4 for one chunk (step 2 skipped when its rows are `alreadyPending`). Exported for the reconciliation of interrupted work. */
export async function removeChunk(run: FolderRun, identity: FolderIdentity, meta: MessageMeta[], opts: { alreadyPending?: boolean } = {}) {
  const uids = meta.map((m) => m.uid);
  if (!uids.length) return { count: 0, bytes: 0, failed: 0 };
  if (!opts.alreadyPending) await run.audit.recordPending(identity, run.mailboxRunId, pendingAction(run), meta, run.subjectMode);
  // Lock check (jobs/expiry-lock.ts): a redelivered attempt may have taken this mailbox over. Checked after the
  // pending rows, right before the command: stopping here leaves pending rows (reconciled like a crash), never a removal.
  await run.assertLockHeld?.();
  await removeUids(run.client, run.rule, run.moveTarget, uids);
  await run.hooks?.afterRemove?.({ folder: run.folder.path, uids });
  // Whatever the command answered, the folder says what is gone.
  const still = await presentUids(run.client, uids);
  const gone = meta.filter((m) => !still.has(m.uid));
  await run.audit.markDone(identity, gone.map((m) => m.uid), run.mailboxRunId);
  const survivors = uids.filter((u) => still.has(u));
  if (survivors.length) {
    await run.audit.dropPending(identity, survivors);
    // Also after a COPY + UID EXPUNGE move whose EXPUNGE failed: the copy exists, the original stays visible.
    await restoreSurvivors(run.client, survivors);
  }
  return { count: gone.length, bytes: gone.reduce((n, m) => n + m.size, 0), failed: survivors.length };
}
