// Last night at a glance: the scheduled sweeps of every mailbox (not manual runs, not dry runs) of the last nights,
// each with a verdict (ran, skipped, failed, running), its counts and why mailboxes were skipped; and what is paused.
import type { Db } from '../core/lib/prisma.ts';
import type { Queues } from '../core/queues/registry.ts';
import { QUEUE_NAMES } from '../core/queues/registry.ts';
import { withTotals } from '../core/services/expiry-runs.ts';

export const NIGHTS = 14;

/** Why mailboxes were left out of a sweep, from their row statuses (skipped_hold, stopped_hold … → legal hold). */
const SKIP_REASONS: Record<string, 'legal hold' | 'disabled' | 'locked' | 'no policy'> = {
  skipped_hold: 'legal hold', stopped_hold: 'legal hold', skipped_disabled: 'disabled', skipped_locked: 'locked', skipped_no_policy: 'no policy',
};

export type SweepVerdict = 'ran' | 'skipped' | 'failed' | 'running';

/**
 * failed: the run failed or a mailbox did; running: not finished; skipped: no mailbox was worked on but some were left
 * out (a legal hold on every mailbox, say), so "completed, 0 done" does not pass for a good night; ran otherwise.
 */
export function sweepVerdict(status: string, counts: { done: number; failed: number; skipped: number }): SweepVerdict {
  if (status === 'failed' || counts.failed > 0) return 'failed';
  if (status === 'running') return 'running';
  if (counts.done === 0 && counts.skipped > 0) return 'skipped';
  return 'ran';
}

export async function nightlySweeps(prisma: Db, now = new Date()) {
  const since = new Date(now.getTime() - NIGHTS * 24 * 3600_000);
  const runs = await prisma.expiryRun.findMany({
    where: { trigger: 'scheduled', scope: 'all', dryRun: false, startedAt: { gte: since } },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take: NIGHTS * 4,
  });
  const seen = new Set<string>();
  const nights = [];
  for (const run of await withTotals(prisma, runs)) {
    const night = run.startedAt.toISOString().slice(0, 10);
    if (seen.has(night)) continue; // a re-run the same night: the latest counts
    seen.add(night);
    const skippedBy: Record<string, number> = {};
    let skipped = 0;
    for (const [status, n] of Object.entries(run.totals.mailboxes)) {
      const reason = SKIP_REASONS[status];
      if (reason) { skippedBy[reason] = (skippedBy[reason] ?? 0) + n; skipped += n; }
    }
    const done = run.totals.mailboxes.done ?? 0;
    const failed = run.totals.mailboxes.failed ?? 0;
    nights.push({
      night, runId: run.id, status: run.status, verdict: sweepVerdict(run.status, { done, failed, skipped }),
      startedAt: run.startedAt, finishedAt: run.finishedAt, mailboxesTotal: run.mailboxesTotal,
      mailboxesDone: done, mailboxesFailed: failed, mailboxesSkipped: skipped, skippedBy,
      messagesDeleted: run.totals.deleted, messagesMoved: run.totals.moved, bytesFreed: run.totals.bytesFreed, error: run.error,
    });
  }
  return nights.slice(0, NIGHTS);
}

/** Queues paused in Redis (expiry among them: the global expiry pause), for the dashboard's banner. */
export async function pausedQueues(queues: Pick<Queues, (typeof QUEUE_NAMES)[number]>): Promise<string[]> {
  const flags = await Promise.all(QUEUE_NAMES.map(async (name) => [name, await queues[name].isPaused()] as const));
  return flags.filter(([, paused]) => paused).map(([name]) => name);
}
