// Figures for the console's home dashboard, aggregated in PostgreSQL (never by loading rows into Node):
// mailboxes near/over quota, the last usage scan and expiry run, and per-day series for the charts.
// Days are UTC calendar days: timestamps are stored in UTC (TIMESTAMP(3) without time zone).
import type { Db } from '../core/lib/prisma.ts';
import type { Queues } from '../core/queues/registry.ts';
import { toNumber } from '../core/lib/bigint.ts';
import { DEFAULT_THRESHOLDS } from '../core/domain/plan-rules.ts';
import { withTotals } from '../core/services/expiry-runs.ts';
import { EXPIRY_SCHEDULER_ID } from '../core/queues/expiry-schedule.ts';

export const TOP_MAILBOXES = 10;

// "Near" starts at the first (lowest) warning threshold of the mailbox's plan; a mailbox without a plan follows the
// default plan (the mailbox_plan view, planFor's SQL twin), and without one the built-in thresholds, as the quota
// notices do (services/quota-notices.ts).
const FIRST_THRESHOLD_SQL = `
  WITH m AS (
    SELECT m.id, m.address, m.display_name, m.used_bytes, m.effective_limit_bytes, m.usage_percent, m.scanned_at,
           CASE WHEN p.id IS NULL THEN ${DEFAULT_THRESHOLDS[0]}
                ELSE (SELECT min(t) FROM unnest(p.warn_thresholds) t) END AS first
      FROM mailboxes m JOIN mailbox_plan mp ON mp.mailbox_id = m.id LEFT JOIN quota_plans p ON p.id = mp.plan_id
     WHERE m.status = 'active' AND m.usage_percent IS NOT NULL
  )`;

interface TopRow { id: number; address: string; display_name: string; used_bytes: bigint | null; effective_limit_bytes: bigint | null; usage_percent: number; scanned_at: Date | null; first: number | null }

export async function quotaSummary(prisma: Db) {
  const [counts] = await prisma.$queryRawUnsafe<{ near: number; over: number }[]>(`${FIRST_THRESHOLD_SQL}
    SELECT count(*) FILTER (WHERE usage_percent >= 100)::int AS over,
           count(*) FILTER (WHERE usage_percent >= first AND usage_percent < 100)::int AS near
      FROM m`);
  const top = await prisma.$queryRawUnsafe<TopRow[]>(`${FIRST_THRESHOLD_SQL}
    SELECT * FROM m WHERE usage_percent >= 100 OR usage_percent >= first
     ORDER BY usage_percent DESC, id LIMIT ${TOP_MAILBOXES}`);
  return {
    near: counts?.near ?? 0,
    over: counts?.over ?? 0,
    top: top.map((r) => ({
      id: r.id, address: r.address, displayName: r.display_name, usedBytes: toNumber(r.used_bytes), limitBytes: toNumber(r.effective_limit_bytes),
      usagePercent: r.usage_percent, scannedAt: r.scanned_at, nearThreshold: r.first,
    })),
  };
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
  const [row] = await prisma.$queryRaw<{ last: Date | null; active: number; never: number; failing: number; done: number }[]>`
    SELECT max(scanned_at) AS last, count(*)::int AS active,
           count(*) FILTER (WHERE scanned_at IS NULL)::int AS never,
           count(*) FILTER (WHERE scan_error IS NOT NULL)::int AS failing,
           count(*) FILTER (WHERE scanned_at >= ${startedAt ?? new Date(0)})::int AS done
      FROM mailboxes WHERE status = 'active'`;
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
    prisma.expiryRun.findFirst({ where: { dryRun: false }, orderBy: [{ startedAt: 'desc' }, { id: 'desc' }] }),
    queues['expiry-sweep'].getJobScheduler(EXPIRY_SCHEDULER_ID),
  ]);
  const nextRun = scheduler?.next ? new Date(scheduler.next) : null;
  if (!last) return { lastRun: null, nextRun };
  const [run] = await withTotals(prisma, [last]);
  const t = run.totals;
  return {
    lastRun: {
      id: run.id, scope: run.scope, trigger: run.trigger, status: run.status, startedAt: run.startedAt, finishedAt: run.finishedAt,
      durationMs: run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
      mailboxesTotal: run.mailboxesTotal, mailboxesDone: t.mailboxes.done ?? 0, mailboxesFailed: t.mailboxes.failed ?? 0,
      messagesDeleted: t.deleted, messagesMoved: t.moved, bytesFreed: t.bytesFreed, error: run.error,
    },
    nextRun,
  };
}

export interface DayFigures { day: string; bytesFreed: number; messagesExpired: number; usersOverQuota: number }

/**
 * One row per UTC day of the last `days` days (today included, oldest first, zeros for quiet days): bytes freed by
 * real expiry (mailbox runs, by the day they finished), messages expired (confirmed rows of the per-message audit,
 * deleted or moved) and mailboxes seen over their limit by at least one usage scan that day.
 */
export async function dailySeries(prisma: Db, days: number, now = new Date()): Promise<DayFigures[]> {
  const today = now.toISOString().slice(0, 10);
  const rows = await prisma.$queryRaw<{ day: string; bytes: bigint | null; messages: number | null; users: number | null }[]>`
    WITH days AS (
      SELECT d::date AS day FROM generate_series(${today}::date - (${days}::int - 1), ${today}::date, interval '1 day') d
    ), freed AS (
      SELECT finished_at::date AS day, sum(bytes_freed)::bigint AS bytes FROM expiry_mailbox_runs
       WHERE dry_run = false AND finished_at >= ${today}::date - (${days}::int - 1) GROUP BY 1
    ), expired AS (
      SELECT at::date AS day, count(*)::int AS messages FROM expired_messages
       WHERE state = 'done' AND at >= ${today}::date - (${days}::int - 1) GROUP BY 1
    ), over AS (
      SELECT at::date AS day, count(DISTINCT mailbox_id)::int AS users FROM usage_samples
       WHERE at >= ${today}::date - (${days}::int - 1) AND limit_bytes > 0 AND used_bytes >= limit_bytes GROUP BY 1
    )
    SELECT to_char(days.day, 'YYYY-MM-DD') AS day, freed.bytes, expired.messages, over.users
      FROM days LEFT JOIN freed USING (day) LEFT JOIN expired USING (day) LEFT JOIN over USING (day)
     ORDER BY days.day`;
  return rows.map((r) => ({ day: r.day, bytesFreed: toNumber(r.bytes) ?? 0, messagesExpired: r.messages ?? 0, usersOverQuota: r.users ?? 0 }));
}
