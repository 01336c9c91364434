// One directory sync run: read the whole directory (nothing is compared before the last page arrived), compute the
// diff against the mailboxes, check the safety stop, and, unless it is a dry run or the stop trips, apply it. The
// diff is computed, stored and applied in one transaction under an advisory lock, so two runs never interleave,
// a dry run shows exactly what a real run at that moment applies, and a failure leaves nothing half-applied.
import type { Redis } from 'ioredis';
import type { Db } from '../lib/prisma.ts';
import { createAuditLog } from '../repositories/audit-log.ts';
import { diffDirectory, type SyncDiff } from '../domain/directory/diff.ts';
import { isProblem, mapEntry, type AttributeMapping, type DirectoryEntry, type EntryProblem, type RawEntry } from '../domain/directory/mapping.ts';
import { safetyStop, type SafetyVerdict } from '../domain/directory/safety.ts';
import { finishRun, loadMailboxes, planNames, pruneChanges, storeChanges } from '../repositories/directory-sync-runs.ts';
import { publishMailboxChanged } from '../pubsub/notify-change.ts';
import { applyDiff } from './apply.ts';
import { DirectoryReadError } from './ldap-source.ts';

export interface SyncDeps {
  prisma: Db;
  redis: Redis;
  queuePrefix: string;
  /** The name stored on the mailboxes a source manages ('ldap'). */
  source: string;
  mapping: AttributeMapping;
  /** The directory, page by page; throws DirectoryReadError when it cannot be read completely. */
  read: () => AsyncIterable<RawEntry[]>;
  maxDisablePercent: number;
  /** What a gone mailbox becomes (DIRECTORY_GONE_STATUS) and the grace period of a deleted one (MAILBOX_PURGE_GRACE_DAYS). */
  gone?: { status: 'disabled' | 'deleted'; graceDays: number };
  /** Runs whose diff lines are kept (DIRECTORY_KEEP_RUNS); older runs' lines are pruned after each run. */
  keepRuns?: number;
  logger: { warn(obj: object, msg: string): void };
}

export interface SyncOutcome {
  status: 'completed' | 'stopped';
  entries: number;
  diff: SyncDiff;
  safety: SafetyVerdict;
  applied: boolean;
  touched: number;
  /** Where the time went, in ms: reading the directory, computing the diff (mailboxes loaded), applying it, storing it. */
  ms: { read: number; diff: number; apply: number; store: number };
}

// One key for every directory sync of the installation (pg_advisory_xact_lock takes a bigint): 0x4d57_1818.
const LOCK_KEY = 1297553432;
// A first sync of 100,000 people applies in ~30 s on a busy 2-core machine: 10 minutes is far above any real run.
const TX_TIMEOUT_MS = 600_000;

export async function runDirectorySync(deps: SyncDeps, run: { runId: number; dryRun: boolean }, now = new Date()): Promise<SyncOutcome> {
  const ms = { read: 0, diff: 0, apply: 0, store: 0 };
  let t = performance.now();
  const lap = (key: keyof typeof ms) => { const now = performance.now(); ms[key] = Math.round(now - t); t = now; };
  const entries: Array<DirectoryEntry | EntryProblem> = [];
  for await (const page of deps.read()) for (const raw of page) entries.push(mapEntry(raw, deps.mapping)); // raw pages are dropped as they go
  lap('read');

  const audit = createAuditLog(deps.prisma);
  const outcome = await deps.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_KEY}::bigint)`;
    const diff = diffDirectory(entries, await loadMailboxes(tx), { source: deps.source, plans: await planNames(tx) });
    const safety = safetyStop(diff.gone.length, diff.managed, deps.maxDisablePercent);
    const apply = !run.dryRun && !safety.tripped;
    lap('diff');
    const touched = apply ? await applyDiff({ tx, audit, source: deps.source, runId: run.runId, now, gone: deps.gone ?? { status: 'disabled', graceDays: 30 } }, diff) : [];
    lap('apply');
    await storeChanges(tx, run.runId, diff);
    const status = safety.tripped ? 'stopped' as const : 'completed' as const;
    await finishRun(tx, run.runId, { status, entries: entries.length, diff, safety, applied: apply });
    if (safety.tripped) {
      await audit.record(null, { action: 'directory.safety_stop', entityType: 'directory_sync_run', entityId: run.runId, after: { ...safety, dryRun: run.dryRun } }, tx);
    }
    return { status, entries: entries.length, diff, safety, applied: apply, touched };
  }, { timeout: TX_TIMEOUT_MS, maxWait: TX_TIMEOUT_MS });
  lap('store'); // storing the diff, the run row and the commit

  // After the commit: the policy service re-reads these mailboxes (its periodic reload catches a lost message).
  await publishMailboxChanged(deps.redis, deps.queuePrefix, outcome.touched)
    .catch((err: Error) => deps.logger.warn({ err: err.message }, 'policy cache notification failed'));
  // Old diffs go after each run: a 100,000-line first sync and hourly runs would otherwise grow without bound. A failed
  // prune changes nothing (one transaction) and the next run tries again.
  if (deps.keepRuns) await pruneChanges(deps.prisma, deps.keepRuns).catch((err: Error) => deps.logger.warn({ err: err.message }, 'pruning old directory diffs failed'));
  return { ...outcome, touched: outcome.touched.length, ms };
}

/** Records a run that could not complete. Its diff is not stored: nothing was compared, nothing changed. */
export async function failRun(prisma: Db, runId: number, err: unknown): Promise<void> {
  const message = err instanceof DirectoryReadError ? err.message : `sync failed: ${(err as Error).message ?? String(err)}`;
  await finishRun(prisma, runId, { status: 'failed', error: message.slice(0, 2000) });
}
