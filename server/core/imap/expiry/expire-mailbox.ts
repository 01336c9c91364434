// Expires one mailbox over one IMAP session: list the folders, plan the first matching rule per folder,
// settle interrupted work (real runs), then process each planned folder in turn. The figures of removed
// mail come from the audit rows (`done`), so a retried mailbox counts each message exactly once.
// Takes the session and audit store as arguments: tests call it directly, with a hook to simulate a crash.
import type { ImapFlow } from 'imapflow';
import { planFolders, resolveMoveTarget } from '../../domain/retention/plan.ts';
import type { Rule } from '../../domain/retention/rules.ts';
import type { FolderInfo } from '../../domain/retention/selectors.ts';
import type { ExpiryAudit, SubjectMode } from '../../repositories/expiry-audit.ts';
import { emptyResult, expireFolder, type Admit, type ExpiryHooks, type FolderResult } from './expire-folder.ts';
import { reconcilePending, type ReconcileResult } from './reconcile-interrupted.ts';
import type { PlannedFolder } from '../../domain/retention/plan.ts';
import { MAX_UID_SET_CHARS } from './search-candidates.ts';

/**
 * Most UIDs per chunk of a SEARCH result, i.e. per UID EXPUNGE (its FETCHes, pending audit rows and STOREs go
 * FETCH_BATCH at a time); the UID set's text also stays within the line budget (uidChunks, EXPIRY_MAX_UID_SET_CHARS).
 * On a 200,000-message Maildir every UID EXPUNGE costs Dovecot ~0.3-0.5 s of index and uidlist rewriting whatever
 * its size: 5,000 instead of 1,000 took expiring 89,000 of its messages from 85 s to 35 s (bench/huge-mailbox.ts),
 * 20,000 lets a folder of mostly consecutive expired UIDs go in a handful of expunges.
 */
export const CHUNK_SIZE = 20_000;

export interface MailboxExpiryInput {
  client: ImapFlow;
  audit: ExpiryAudit;
  mailboxId: number;
  mailboxRunId: number;
  rules: Rule[];
  now: Date;
  dryRun: boolean;
  allowPlainExpunge: boolean;
  subjectMode: SubjectMode;
  chunkSize?: number;
  /** Longest UID set text per command (EXPIRY_MAX_UID_SET_CHARS; default MAX_UID_SET_CHARS). */
  maxUidSetChars?: number;
  hooks?: ExpiryHooks;
  /** Lock and legal-hold check before each removal (see FolderRun.beforeRemoval); the worker always passes one. */
  beforeRemoval?: () => Promise<void>;
  /** The pre-expiry notice promise (notice-admission.ts); absent only when staff waived it for this run. */
  admit?: Admit;
}

export interface MailboxExpiryResult {
  folders: FolderResult[];
  planned: PlannedFolder[];
  reconciled: ReconcileResult | null;
  examined: number;
  matched: number;
  deleted: number;
  moved: number;
  /** Bytes removed by deletion; for a dry run, the bytes deletion would free. */
  bytesFreed: number;
  errors: string[];
}

export async function listFolders(client: ImapFlow): Promise<FolderInfo[]> {
  const listed = await client.list();
  return listed.map((f) => ({ path: f.path, specialUse: f.specialUse ?? null, flags: [...(f.flags ?? [])] }));
}

export function planMailbox(rules: Rule[], folders: FolderInfo[]): PlannedFolder[] {
  return planFolders(rules, folders)
    .filter((p): p is { folder: FolderInfo; rule: Rule } => p.rule !== null)
    .map((p) => ({ ...p, moveTarget: p.rule.action === 'move' ? resolveMoveTarget(p.rule.moveTo!, folders) : null }));
}

export async function expireMailbox(input: MailboxExpiryInput): Promise<MailboxExpiryResult> {
  const { client, dryRun } = input;
  const folders = await listFolders(client);
  const planned = planMailbox(input.rules, folders);
  const base = { ...input, chunkSize: input.chunkSize ?? CHUNK_SIZE, maxUidSetChars: input.maxUidSetChars ?? MAX_UID_SET_CHARS };
  const reconciled = dryRun ? null : await reconcilePending(base, planned, folders);

  const results: FolderResult[] = [];
  for (const p of planned) {
    const refusal = moveRefusal(p);
    if (refusal) {
      results.push({ ...emptyResult(p), error: `refused: ${refusal}` });
      continue;
    }
    if (p.moveTarget && !dryRun && !folders.some((f) => f.path === p.moveTarget)) {
      await client.mailboxCreate(p.moveTarget);
      folders.push({ path: p.moveTarget, specialUse: null, flags: [] });
    }
    results.push(await expireFolder({ ...base, folder: p.folder, rule: p.rule, moveTarget: p.moveTarget }));
  }

  if (!dryRun) await useAuditFigures(input, results);
  const sum = (k: 'examined' | 'matched' | 'deleted' | 'moved') => results.reduce((n, r) => n + r[k], 0);
  return {
    folders: results,
    planned,
    reconciled,
    examined: sum('examined'),
    matched: sum('matched'),
    deleted: sum('deleted'),
    moved: sum('moved'),
    bytesFreed: results.filter((r) => r.action === 'delete').reduce((n, r) => n + r.bytes, 0),
    errors: results.filter((r) => r.error).map((r) => `${r.path}: ${r.error}`),
  };
}

function moveRefusal(p: PlannedFolder): string | null {
  if (p.rule.action !== 'move') return null;
  if (!p.moveTarget) return `no folder has the special use ${p.rule.moveTo}, so there is nowhere to move to`;
  if (p.moveTarget === p.folder.path) return `the destination ${p.moveTarget} is the folder itself`;
  return null;
}

/** Replace per-attempt counts with what the audit confirms for this mailbox run (retries included). */
async function useAuditFigures(input: MailboxExpiryInput, results: FolderResult[]) {
  const totals = await input.audit.doneTotals(input.mailboxRunId);
  for (const r of results) {
    const mine = totals.filter((t) => t.folder === r.path);
    r.deleted = mine.find((t) => t.action === 'delete')?.count ?? 0;
    r.moved = mine.find((t) => t.action === 'move')?.count ?? 0;
    r.bytes = mine.reduce((n, t) => n + t.bytes, 0);
    // A retry matches only what the interrupted attempt left: what it already removed was matched too.
    r.matched = Math.max(r.matched, r.deleted + r.moved);
  }
}
