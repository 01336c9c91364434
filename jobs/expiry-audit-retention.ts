// Maintenance task 'prune-expiry-audit': deletes confirmed per-message expiry audit rows older than
// EXPIRY_AUDIT_KEEP_DAYS (0 = keep forever: the task does nothing), in batches of PRUNE_BATCH rows, each its own
// statement (short locks, bounded WAL per commit), for at most PRUNE_BUDGET_MS per run: the maintenance worker runs
// one task at a time, so a first run over years of rows must not hold up the per-minute tasks behind it. The next
// run (hourly) continues where the rows are. Pending rows and rows of mailboxes under a legal hold are kept
// (server/core/repositories/expiry-audit-retention.ts). A run that deleted rows records one audit event with the count.
import type { WorkerContext } from './context.ts';
import { createAuditLog } from '../server/core/repositories/audit-log.ts';
import { pruneExpiryAuditBatch, type PruneCursor } from '../server/core/repositories/expiry-audit-retention.ts';

const DAY_MS = 24 * 3_600_000;
export const PRUNE_BATCH = 5_000;
const PRUNE_BUDGET_MS = 2 * 60_000;

export interface PruneResult {
  keepDays: number;
  cutoff: string | null;
  deleted: number;
  /** Rows past the cutoff kept because their mailbox is under a legal hold (seen by this run). */
  keptForHolds: number;
  /** True when the time budget ended the run with rows past the cutoff still to look at. */
  more: boolean;
}

export async function pruneExpiryAudit(
  ctx: Pick<WorkerContext, 'prisma' | 'config'>, now = new Date(), opts: { batch?: number; budgetMs?: number } = {},
): Promise<PruneResult> {
  const keepDays = ctx.config.EXPIRY_AUDIT_KEEP_DAYS;
  if (!keepDays) return { keepDays, cutoff: null, deleted: 0, keptForHolds: 0, more: false };
  const cutoff = new Date(now.getTime() - keepDays * DAY_MS);
  const deadline = Date.now() + (opts.budgetMs ?? PRUNE_BUDGET_MS);
  let after: PruneCursor | null = null;
  let deleted = 0;
  let keptForHolds = 0;
  let more = false;
  for (;;) {
    const batch = await pruneExpiryAuditBatch(ctx.prisma, { cutoff, now, after, limit: opts.batch ?? PRUNE_BATCH });
    deleted += batch.deleted;
    keptForHolds += batch.held;
    if (!batch.next) break;
    after = batch.next;
    if (Date.now() >= deadline) {
      more = true;
      break;
    }
  }
  const result = { keepDays, cutoff: cutoff.toISOString(), deleted, keptForHolds, more };
  if (deleted) {
    await createAuditLog(ctx.prisma).record(null, { action: 'expiry_audit.pruned', entityType: 'expired_messages', after: result });
  }
  return result;
}
