// Figures for the console's home dashboard: mailboxes near/over quota, the last usage scan and expiry run, and
// per-day series for the charts. The SQL is in core/repositories/dashboard-figures.ts; this file puts the database's
// figures and the queues' state together.
import type { Db } from '../core/lib/prisma.ts';
import type { Queues } from '../core/queues/registry.ts';
import { createDashboardFigures, type DayFigures } from '../core/repositories/dashboard-figures.ts';
import { createExpiryHistoryRepository } from '../core/repositories/expiry-history.ts';
import { withTotals } from '../core/services/expiry-runs.ts';
import { EXPIRY_SCHEDULER_ID } from '../core/queues/expiry-schedule.ts';
import { withScopeNames } from './entity-names.ts';
import { nightlySweeps, pausedQueues } from './nightly-sweeps.ts';

export const TOP_MAILBOXES = 10;

export async function quotaSummary(prisma: Db) {
  const figures = createDashboardFigures(prisma);
  const [counts, top] = await Promise.all([figures.quotaCounts(), figures.fullest(TOP_MAILBOXES)]);
  return { ...counts, top };
}

/**
 * The last usage scan. Scans are usage-scan jobs (batches of mailboxes) fanned out by the maintenance `scan-all` job,
 * so "the scan" is that fan-out (its time and mailbox count, while BullMQ still keeps the completed job) plus the
 * mailboxes' scan fields; it is running while usage-scan jobs wait.
 */
export async function scanSummary(prisma: Db, queues: Pick<Queues, 'maintenance' | 'usage-scan'>) {
  const [recent, counts, scheduler] = await Promise.all([
    queues.maintenance.getJobs(['completed'], 0, 199, false),
    queues['usage-scan'].getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed'),
    queues.maintenance.getJobScheduler('scan-all'),
  ]);
  const fanout = recent.find((j) => j?.data?.task === 'scan-all');
  const startedAt = fanout?.processedOn ? new Date(fanout.processedOn) : null;
  const row = await createDashboardFigures(prisma).scanFigures(startedAt ?? new Date(0));
  const pending = (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0);
  const finishedAt = startedAt && pending === 0 && row.last && row.last >= startedAt ? row.last : null;
  return {
    status: (pending > 0 ? 'running' : startedAt ? 'completed' : 'unknown') as 'running' | 'completed' | 'unknown',
    startedAt,
    finishedAt,
    durationMs: startedAt && finishedAt ? finishedAt.getTime() - startedAt.getTime() : null,
    mailboxes: (fanout?.returnvalue as { enqueued?: number } | undefined)?.enqueued ?? null,
    done: startedAt ? row.done : null,
    pending,
    failedJobs: counts.failed ?? 0,
    lastScanAt: row.last,
    activeMailboxes: row.active,
    neverScanned: row.never,
    failing: row.failing,
    nextRun: scheduler?.next ? new Date(scheduler.next) : null,
  };
}

/** The last expiry run that changed mail (not a dry run): a nightly sweep or a single mailbox. */
export async function expirySummary(prisma: Db, queues: Pick<Queues, 'expiry-sweep'>) {
  const [last, scheduler] = await Promise.all([
    createExpiryHistoryRepository(prisma).lastRun({ realOnly: true }),
    queues['expiry-sweep'].getJobScheduler(EXPIRY_SCHEDULER_ID),
  ]);
  const nextRun = scheduler?.next ? new Date(scheduler.next) : null;
  if (!last) return { lastRun: null, nextRun };
  const [run] = await withScopeNames(prisma, await withTotals(prisma, [last]));
  const t = run.totals;
  return {
    lastRun: {
      id: run.id, scope: run.scope, scopeName: run.scopeName, trigger: run.trigger, status: run.status, startedAt: run.startedAt, finishedAt: run.finishedAt,
      durationMs: run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
      mailboxesTotal: run.mailboxesTotal, mailboxesDone: t.mailboxes.done ?? 0, mailboxesFailed: t.mailboxes.failed ?? 0,
      messagesDeleted: t.deleted, messagesMoved: t.moved, bytesFreed: t.bytesFreed, error: run.error,
    },
    nextRun,
  };
}

export type { DayFigures };

/** Per UTC day of the last `days` days (today included): see DashboardFigures.dailySeries. */
export async function dailySeries(prisma: Db, days: number, now = new Date()): Promise<DayFigures[]> {
  return createDashboardFigures(prisma).dailySeries(days, now.toISOString().slice(0, 10));
}

/** What the dashboard routes call: the summary card figures and the chart series. */
export function createDashboardService(prisma: Db, queues: Queues) {
  return {
    async summary() {
      const [quota, scan, expiry, nights, paused] = await Promise.all([
        quotaSummary(prisma), scanSummary(prisma, queues), expirySummary(prisma, queues), nightlySweeps(prisma), pausedQueues(queues),
      ]);
      return { quota, scan, expiry: { ...expiry, nights }, pausedQueues: paused };
    },
    series: (days: number) => dailySeries(prisma, days),
  };
}
