// Expiry run records: a run (a sweep, a policy preview or one mailbox) and one row per mailbox in it.
// A run is finished when every mailbox row reached a final status; whoever finishes the last one (a worker,
// or the fan-out itself for an empty run) closes the run with one conditional UPDATE, so racing workers
// close it exactly once.
import type { DbOrTx } from '../lib/prisma.ts';
import { toNumber } from '../lib/bigint.ts';
import { ConflictError } from '../domain/errors.ts';

export const MAILBOX_RUN_STATUSES = ['pending', 'running', 'done', 'failed', 'skipped_hold', 'stopped_hold', 'skipped_disabled', 'skipped_locked', 'skipped_no_policy'] as const;
export type MailboxRunStatus = (typeof MAILBOX_RUN_STATUSES)[number];
export const UNFINISHED: MailboxRunStatus[] = ['pending', 'running'];

export type RunTrigger = 'scheduled' | 'manual' | 'preview' | 'purge';

/** One expiry job per run and mailbox: BullMQ ignores a second add with the same id, so fan-outs can be retried. */
export const expiryJobId = (runId: number, mailboxId: number) => `expiry-${runId}-${mailboxId}`;

export async function createRun(db: DbOrTx, run: { scope: string; dryRun: boolean; trigger: RunTrigger; createdBy: string | null }) {
  return db.expiryRun.create({ data: run });
}

/** A single-mailbox run: the run and its only mailbox row, created together. */
export async function createMailboxRun(db: DbOrTx, opts: { mailboxId: number; dryRun: boolean; trigger: RunTrigger; createdBy: string | null }) {
  const run = await db.expiryRun.create({
    data: { scope: `mailbox:${opts.mailboxId}`, dryRun: opts.dryRun, trigger: opts.trigger, createdBy: opts.createdBy, mailboxesTotal: 1 },
  });
  const mailboxRun = await db.expiryMailboxRun.create({ data: { runId: run.id, mailboxId: opts.mailboxId, dryRun: opts.dryRun } });
  return { run, mailboxRun };
}

/** Closes the run if all its mailbox rows are final; failed when any mailbox failed. Returns true if it closed it now. */
export async function finishRunIfDone(db: DbOrTx, runId: number, now = new Date()): Promise<boolean> {
  const rows = await db.expiryMailboxRun.groupBy({ by: ['status'], where: { runId }, _count: { _all: true } });
  const count = (s: string) => rows.find((r) => r.status === s)?._count._all ?? 0;
  const total = rows.reduce((n, r) => n + r._count._all, 0);
  if (UNFINISHED.some((s) => count(s) > 0)) return false;
  const failed = count('failed');
  // Only asked once jobs exist, and the fan-out enqueues jobs only after creating every row: "all rows final"
  // is then the whole run. (Not compared with mailboxesTotal: a mailbox deleted meanwhile takes its row along.)
  const closed = await db.expiryRun.updateMany({
    where: { id: runId, status: 'running' },
    data: { status: failed ? 'failed' : 'completed', finishedAt: now, error: failed ? `${failed} of ${total} mailbox(es) failed` : null },
  });
  return closed.count > 0;
}

export interface RunTotals {
  mailboxes: Record<string, number>;
  examined: number;
  matched: number;
  deleted: number;
  moved: number;
  bytesFreed: number;
}

const emptyTotals = (): RunTotals => ({ mailboxes: {}, examined: 0, matched: 0, deleted: 0, moved: 0, bytesFreed: 0 });

/** Totals per run, aggregated from the mailbox rows in one query. */
export async function runTotals(db: DbOrTx, runIds: number[]): Promise<Map<number, RunTotals>> {
  const result = new Map<number, RunTotals>(runIds.map((id) => [id, emptyTotals()]));
  if (!runIds.length) return result;
  const groups = await db.expiryMailboxRun.groupBy({
    by: ['runId', 'status'],
    where: { runId: { in: runIds } },
    _count: { _all: true },
    _sum: { examined: true, matched: true, deleted: true, moved: true, bytesFreed: true },
  });
  for (const g of groups) {
    const t = result.get(g.runId)!;
    t.mailboxes[g.status] = g._count._all;
    t.examined += g._sum.examined ?? 0;
    t.matched += g._sum.matched ?? 0;
    t.deleted += g._sum.deleted ?? 0;
    t.moved += g._sum.moved ?? 0;
    t.bytesFreed += toNumber(g._sum.bytesFreed) ?? 0;
  }
  return result;
}

/** Pausing expiry means "touch nothing"; new runs are refused rather than left queued behind the pause. */
export async function refuseWhilePaused(queues: { expiry: { isPaused(): Promise<boolean> } }): Promise<void> {
  if (await queues.expiry.isPaused()) throw new ConflictError('Expiry is paused; resume it (POST /api/expiry/resume) before starting a run');
}

/** Runs as the API shows them: each with its totals aggregated from the mailbox rows. */
export async function withTotals<R extends { id: number }>(db: DbOrTx, runs: R[]): Promise<(R & { totals: RunTotals })[]> {
  const totals = await runTotals(db, runs.map((r) => r.id));
  return runs.map((r) => ({ ...r, totals: totals.get(r.id)! }));
}
