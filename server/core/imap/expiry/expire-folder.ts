// Applies one rule to one folder over an open IMAP session. The SEARCH finds candidates (widened to whole days,
// see criteria.ts); then, for each chunk of at most `chunkSize` UIDs (one UID EXPUNGE each, see expire.ts):
//   1. per 1,000 UIDs: FETCH size, dates, the audit's header fields and the flags as they are now (with their
//      mod-sequence), and keep only messages that are
//      due to the second (isDue), carry no flag the rule keeps them for (isExempt), and whose removal policy allows
//      now (`admit`: the pre-expiry notice promise);
//   2. right before touching the batch: `beforeRemoval` (the worker's lock and legal-hold check) and the folder's
//      UIDVALIDITY; then write the audit rows as `pending` BEFORE the command, so a crash leaves a trace;
//   3. mark them \Deleted with a conditional STORE (CONDSTORE UNCHANGEDSINCE the FETCH's mod-sequence: a message
//      the user changed meanwhile is refused by the server and kept), or MOVE them;
//   4. before the chunk's UID EXPUNGE: `beforeRemoval` again, and the flags once more: a message flagged or marked
//      unread since the STORE loses our \Deleted and is kept (with CONDSTORE this FETCH asks only for messages
//      changed since the STORE, CHANGEDSINCE the mod-sequence the STORE reported, so it usually answers nothing).
//      A legal hold found here or in step 2 stops the run: the \Deleted we stored is taken back and nothing more
//      is removed;
//   5. UID EXPUNGE exactly the marked UIDs (never a bare EXPUNGE, which would also remove messages the user marked
//      \Deleted), then check which are really gone: those become `done`; any still there lose their pending row
//      and our \Deleted.
// A dry run does the same SEARCH, FETCH and checks and stops before step 2.
import type { ImapFlow } from 'imapflow';
import { isDue, isExempt, removalMode, ruleSearch, RetentionCapabilityError } from '../../domain/retention/criteria.ts';
import type { Rule } from '../../domain/retention/rules.ts';
import { folderUnderRule, type FolderUnderRule } from '../../domain/retention/plan.ts';
import type { FolderInfo } from '../../domain/retention/selectors.ts';
import type { ExpiryAudit, FolderIdentity, SubjectMode } from '../../repositories/expiry-audit.ts';
import { FETCH_BATCH, fetchSaveDates, folderKeepsSaveDates, presentUids, searchUids, uidChunks, uidSet, type MessageMeta } from './search-candidates.ts';
import { storeDeleted, storeDeletedUnchangedSince, supportsCondstore, uidExpunge } from './conditional-commands.ts';
import { fetchForExpiry } from './fetch-candidates.ts';

/** Thrown by `beforeRemoval` when a legal hold now covers the mailbox: the run stops, and takes back its marks. */
export class LegalHoldPlacedError extends Error {
  constructor(readonly holdId: number, message: string) {
    super(message);
    this.name = 'LegalHoldPlacedError';
  }
}

/** The folder was replaced (UIDVALIDITY changed) while we worked on it: its UIDs no longer name the same messages. */
export class FolderChangedError extends Error {
  constructor(path: string) {
    super(`${path} changed its UIDVALIDITY during the run; stopped before touching it`);
    this.name = 'FolderChangedError';
  }
}

/** Test-only seams; production passes none. */
export interface ExpiryHooks {
  /** After the IMAP removal of a chunk, before it is marked done. */
  afterRemove?: (info: { folder: string; uids: number[] }) => void | Promise<void>;
  /** After a batch's FETCH, before its checks and STORE (where a user or staff could act mid-run). */
  afterFetch?: (info: { folder: string; uids: number[] }) => void | Promise<void>;
  /** After a chunk's STOREs, before its UID EXPUNGE. */
  beforeExpunge?: (info: { folder: string; uids: number[] }) => void | Promise<void>;
}

/** Which due messages policy allows removing now; see expiry-announcements.ts. */
export type Admit = (folder: string, uidValidity: bigint, due: MessageMeta[], rule: Rule) => MessageMeta[];

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
  /** Longest UID set text per command (uidChunks); default MAX_UID_SET_CHARS. */
  maxUidSetChars?: number;
  hooks?: ExpiryHooks;
  /**
   * Run right before every STORE/MOVE and every EXPUNGE: throws once this attempt may no longer remove mail
   * (ExpiryLockLostError: the lock passed to another attempt; LegalHoldPlacedError: a hold now covers the mailbox).
   */
  beforeRemoval?: () => Promise<void>;
  /** The pre-expiry notice promise (absent: every due message may go). */
  admit?: Admit;
}

export interface FolderResult extends FolderUnderRule {
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
    ...folderUnderRule(run), uidValidity: null, examined: 0, matched: 0, deleted: 0, moved: 0, bytes: 0, error: null,
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
    const identity: FolderIdentity = { mailboxId: run.mailboxId, folder: run.folder.path, uidValidity: BigInt(box.uidValidity) };

    for (const chunk of uidChunks(uids, run.chunkSize, run.maxUidSetChars)) {
      const removed = await expireChunk(run, identity, chunk, result);
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

const NONE = { count: 0, bytes: 0, failed: 0 };

/** Steps 1–5 for one chunk of candidate UIDs; adds what it selects to `result.matched` (and, in dry runs, bytes). */
async function expireChunk(run: FolderRun, identity: FolderIdentity, chunk: number[], result: FolderResult) {
  // The audit's header fields are needed by real runs (the audit rows) and by rules by sent date (the Date: header).
  const fetchOpts = { meta: true, headers: !run.dryRun || run.rule.ageBasis === 'sent', modseq: supportsCondstore(run.client) };
  const marked: MessageMeta[] = [];
  /** Each STORE's marked UIDs with the mod-sequence it reported (see exemptSinceMarked). */
  const stores: MarkedBatch[] = [];
  let moved = { ...NONE };
  try {
    for (let i = 0; i < chunk.length; i += FETCH_BATCH) {
      const fetched = await fetchForExpiry(run.client, chunk.slice(i, i + FETCH_BATCH), fetchOpts);
      if (run.rule.ageBasis === 'saved') await addSaveDates(run.client, fetched);
      await run.hooks?.afterFetch?.({ folder: run.folder.path, uids: fetched.map((m) => m.uid) });
      const due = fetched.filter((m) => isDue(run.rule, m, run.now) && !isExempt(run.rule, m));
      const selected = run.admit ? run.admit(run.folder.path, identity.uidValidity, due, run.rule) : due;
      result.matched += selected.length;
      if (run.dryRun) {
        result.bytes += selected.reduce((n, m) => n + m.size, 0);
        continue;
      }
      if (!selected.length) continue;
      await checkBeforeRemoval(run, identity);
      await run.audit.recordPending(identity, run.mailboxRunId, pendingAction(run), selected, run.subjectMode);
      if (run.rule.action === 'move') {
        // A move is not destructive (the mail lands in the archive folder): one MOVE per batch, right after its checks.
        const r = await removeChunk(run, identity, selected, { alreadyPending: true });
        moved = { count: moved.count + r.count, bytes: moved.bytes + r.bytes, failed: moved.failed + r.failed };
        continue;
      }
      const { refused, modseq } = await markDeleted(run.client, selected);
      if (refused.length) await run.audit.dropPending(identity, refused);
      const refusedSet = new Set(refused);
      const stored = selected.filter((m) => !refusedSet.has(m.uid));
      marked.push(...stored);
      stores.push({ uids: stored.map((m) => m.uid), modseq });
    }
    if (run.rule.action === 'move' || !marked.length) return moved;
    await run.hooks?.beforeExpunge?.({ folder: run.folder.path, uids: marked.map((m) => m.uid) });
    await checkBeforeRemoval(run, identity);
    const keep = await exemptSinceMarked(run, stores);
    if (keep.length) {
      await run.audit.dropPending(identity, keep);
      await restoreSurvivors(run.client, keep);
    }
    const keepSet = new Set(keep);
    const targets = marked.filter((m) => !keepSet.has(m.uid));
    marked.length = 0; // from here on, the EXPUNGE is under way: settled by confirmRemoval, or by reconciliation after a crash
    return await confirmRemoval(run, identity, targets, () => uidExpunge(run.client, targets.map((m) => m.uid)));
  } catch (err) {
    if (err instanceof LegalHoldPlacedError && marked.length) {
      // The hold came before the EXPUNGE: take back our marks, so neither we nor the user's client remove them.
      const uids = marked.map((m) => m.uid);
      await restoreSurvivors(run.client, uids);
      await run.audit.dropPending(identity, uids);
    }
    throw err;
  }
}

async function checkBeforeRemoval(run: FolderRun, identity: FolderIdentity) {
  await run.beforeRemoval?.();
  const current = run.client.mailbox;
  if (!current || current.path !== identity.folder || BigInt(current.uidValidity) !== identity.uidValidity) throw new FolderChangedError(identity.folder);
}

interface MarkedBatch { uids: number[]; modseq: bigint | null }

async function addSaveDates(client: ImapFlow, fetched: MessageMeta[]) {
  if (!fetched.length) return;
  const saved = await fetchSaveDates(client, fetched.map((m) => m.uid));
  for (const m of fetched) m.savedDate = saved.get(m.uid) ?? null;
}

/**
 * Marks \Deleted; returns the UIDs the server refused because the user changed them after our FETCH (CONDSTORE),
 * and the STORE's mod-sequence (null without CONDSTORE).
 */
async function markDeleted(client: ImapFlow, batch: MessageMeta[]): Promise<{ refused: number[]; modseq: bigint | null }> {
  const uids = batch.map((m) => m.uid);
  const modseqs = batch.map((m) => m.modseq).filter((v): v is bigint => typeof v === 'bigint');
  if (supportsCondstore(client) && modseqs.length === batch.length) {
    // One FETCH answers from one view of the folder, so any later change carries a higher mod-sequence than all of these.
    const highest = modseqs.reduce((a, b) => (b > a ? b : a));
    return storeDeletedUnchangedSince(client, uids, highest);
  }
  await storeDeleted(client, uids);
  return { refused: [], modseq: null };
}

/**
 * Marked messages that the user flagged or marked unread since the FETCH (the flags survive our +FLAGS). Per
 * STORE: a change after it carries a mod-sequence above the lowest one the STORE reported, so `CHANGEDSINCE` that
 * value returns every message changed since (and its flags as they are now); messages not returned are as our
 * STORE left them. A STORE that reported no mod-sequence (no CONDSTORE) has all its UIDs fetched again.
 */
async function exemptSinceMarked(run: FolderRun, stores: MarkedBatch[]): Promise<number[]> {
  if (!run.rule.keepFlagged && !run.rule.keepUnread) return [];
  const keep: number[] = [];
  for (const s of stores) {
    if (!s.uids.length) continue;
    const now = await fetchForExpiry(run.client, s.uids, { meta: false, modseq: s.modseq !== null, ...(s.modseq === null ? {} : { changedSince: s.modseq }) });
    keep.push(...now.filter((m) => isExempt(run.rule, m, { includeDeleted: true })).map((m) => m.uid));
  }
  return keep;
}

const pendingAction = (run: FolderRun) => ({ action: run.rule.action, movedTo: run.rule.action === 'move' ? run.moveTarget : null });

/** Whatever the command answered, the folder says what is gone: gone -> `done`; still there -> unrecorded, our \Deleted taken back. */
async function confirmRemoval(run: FolderRun, identity: FolderIdentity, meta: MessageMeta[], command: () => Promise<unknown>) {
  const uids = meta.map((m) => m.uid);
  if (!uids.length) return { ...NONE };
  await command();
  await run.hooks?.afterRemove?.({ folder: run.folder.path, uids });
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

/**
 * STORE + UID EXPUNGE (or MOVE) of messages just checked, and step 5. Step 2's pending rows are written here
 * unless `alreadyPending`. Used for moves and for the reconciliation of interrupted work.
 */
export async function removeChunk(run: FolderRun, identity: FolderIdentity, meta: MessageMeta[], opts: { alreadyPending?: boolean } = {}) {
  const uids = meta.map((m) => m.uid);
  if (!uids.length) return { ...NONE };
  if (!opts.alreadyPending) await run.audit.recordPending(identity, run.mailboxRunId, pendingAction(run), meta, run.subjectMode);
  // Checked after the pending rows, right before the command: stopping here leaves pending rows (reconciled like a
  // crash), never a removal.
  await checkBeforeRemoval(run, identity);
  return confirmRemoval(run, identity, meta, () => removeUids(run.client, run.rule, run.moveTarget, uids));
}
