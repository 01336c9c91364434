// maintenance: housekeeping started by the job schedulers (schedules.ts) or by staff.
//   scan-all            usage-scan jobs of SCAN_BATCH_SIZE active mailboxes each, in id order; jobIds
//                       scan-<first id>-<slot> make a retried or doubled fan-out within one slot (the minute the
//                       fan-out was due) a no-op. Also re-enqueues notifications whose enqueue was lost, and marks
//                       `unknown` the ones a worker claimed and never finished sending.
//   expire-increases    end temporary increases whose time is up: revert the limit, audit, tell the user.
//   prune-usage-samples thin the usage history: everything for 7 days, one per hour to 90 days, one per day beyond.
//   purge-deleted       a purge job for each deleted mailbox whose grace period is over (jobs/mailbox-purge.ts).
//   prune-expiry-audit  delete per-message expiry audit rows older than EXPIRY_AUDIT_KEEP_DAYS (jobs/expiry-audit-retention.ts).
import { Worker, type Job } from 'bullmq';
import type { WorkerContext } from '../context.ts';
import type { JobPayloads, Queues } from '../../server/core/queues/registry.ts';
import { toNumber } from '../../server/core/lib/bigint.ts';
import { createAuditLog } from '../../server/core/repositories/audit-log.ts';
import { loadLimitExplanation, recomputeEffectiveLimit, usagePercent } from '../../server/core/services/mailbox-limits.ts';
import { publishMailboxChanged } from '../../server/core/pubsub/notify-change.ts';
import { queueServerLimitSync } from '../../server/core/services/server-quota.ts';
import { kickOverLimit } from '../../server/core/services/session-kick.ts';
import { enqueueNotifications, evaluateQuotaNotices, noticeSettings, planFor, recipients } from '../../server/core/services/quota-notices.ts';
import { markStaleSendsUnknown } from '../../server/core/services/notice-delivery.ts';
import { SCAN_BATCH_SIZE } from '../../server/core/queues/registry.ts';
import { enqueueDuePurges } from '../mailbox-purge.ts';
import { pruneExpiryAudit } from '../expiry-audit-retention.ts';

export type MaintenanceDeps = Pick<Queues, 'usage-scan' | 'notify'> & Partial<Pick<Queues, 'expiry'>>;

// addBulk sends one Redis MULTI per call: 500 jobs keeps each round trip small (also for the notification re-enqueue).
const FANOUT_CHUNK = 500;
// Mailboxes read per query during a fan-out (a multiple of SCAN_BATCH_SIZE, so batches never straddle two pages),
// and increases ended per run (the next run, a minute later, does the rest).
const PAGE = 5000;
const EXPIRE_BATCH = 500;
// A notify job is enqueued within milliseconds of its row's commit; 10 minutes without one means it was lost.
const STRANDED_AFTER_MS = 10 * 60_000;
// Users are told this long before a temporary increase ends (a weekend plus a working day to make room).
const ENDING_NOTICE_MS = 3 * 24 * 3_600_000;

export async function runMaintenance(ctx: WorkerContext, queues: MaintenanceDeps, job: Job<JobPayloads['maintenance']>, now = new Date()) {
  switch (job.data.task) {
    // The minute the fan-out was due (a scheduler's job is created early, with a delay up to its run time).
    case 'scan-all': return {
      ...await scanAll(ctx, queues, Math.floor((job.timestamp + (job.delay ?? 0)) / 60_000)),
      requeued: await requeueStranded(ctx, queues, now),
      // Sends whose worker died mid-send: surfaced for staff, never re-sent by themselves (services/notice-delivery.ts).
      unknownOutcome: await markStaleSendsUnknown(ctx.prisma, now),
    };
    case 'expire-increases': return expireIncreases(ctx, queues, now);
    case 'prune-usage-samples': return { deleted: await pruneUsageSamples(ctx, now) };
    case 'purge-deleted': {
      if (!queues.expiry) throw new Error('purge-deleted needs the expiry queue');
      return enqueueDuePurges(ctx, { expiry: queues.expiry }, now);
    }
    case 'prune-expiry-audit': return pruneExpiryAudit(ctx, now);
  }
}

async function scanAll(ctx: WorkerContext, queues: MaintenanceDeps, slot: number) {
  let enqueued = 0;
  let jobs = 0;
  let after = 0;
  for (;;) {
    const page = await ctx.prisma.mailbox.findMany({ where: { status: 'active', id: { gt: after } }, select: { id: true }, orderBy: { id: 'asc' }, take: PAGE });
    if (!page.length) break;
    const batches = [];
    for (let i = 0; i < page.length; i += SCAN_BATCH_SIZE) batches.push(page.slice(i, i + SCAN_BATCH_SIZE).map((m) => m.id));
    await queues['usage-scan'].addBulk(batches.map((mailboxIds) => ({
      name: 'usage-scan', data: { mailboxIds, reason: 'scheduled' as const }, opts: { jobId: `scan-${mailboxIds[0]}-${slot}` },
    })));
    enqueued += page.length;
    jobs += batches.length;
    after = page[page.length - 1].id;
  }
  return { enqueued, jobs, slot };
}

/**
 * Notifications still pending a while after they were recorded lost their enqueue (Redis gone right after the
 * commit). Re-adding is safe: a row with a live or retrying job keeps that job (same jobId), a sent one is skipped.
 */
async function requeueStranded(ctx: WorkerContext, queues: MaintenanceDeps, now: Date): Promise<number> {
  const stranded = await ctx.prisma.notification.findMany({
    where: { status: 'pending', createdAt: { lt: new Date(now.getTime() - STRANDED_AFTER_MS) } }, select: { id: true }, take: FANOUT_CHUNK,
  });
  await enqueueNotifications(queues.notify, stranded.map((n) => n.id));
  return stranded.length;
}

async function expireIncreases(ctx: WorkerContext, queues: MaintenanceDeps, now: Date) {
  const { prisma } = ctx;
  const due = await prisma.temporaryIncrease.findMany({
    where: { endedAt: null, expiresAt: { lte: now } }, orderBy: { expiresAt: 'asc' }, take: EXPIRE_BATCH,
  });
  const audit = createAuditLog(prisma);
  let ended = 0;
  for (const inc of due) {
    const notificationIds = await prisma.$transaction(async (tx) => {
      // Conditional update: if staff (or another run) ended it meanwhile, nothing happens twice.
      const claimed = await tx.temporaryIncrease.updateMany({ where: { id: inc.id, endedAt: null }, data: { endedAt: now } });
      if (!claimed.count) return null;
      const limits = await recomputeEffectiveLimit(tx, inc.mailboxId, now);
      const mailbox = await tx.mailbox.findUniqueOrThrow({ where: { id: inc.mailboxId } });
      await audit.record(null, {
        action: 'mailbox.increase_expired', entityType: 'mailbox', entityId: inc.mailboxId,
        before: { effectiveLimitBytes: limits.before }, after: { effectiveLimitBytes: limits.after, increaseId: inc.id, extraBytes: Number(inc.extraBytes), reason: inc.reason },
      }, tx);
      const used = toNumber(mailbox.usedBytes);
      const created = await tx.notification.createManyAndReturn({
        data: [{
          mailboxId: inc.mailboxId, kind: 'increase_ended', dedupeKey: `increase-ended:${inc.id}`,
          ...recipients(mailbox, await planFor(tx, mailbox)),
          data: { name: mailbox.displayName, address: mailbox.address, usedBytes: used, limitBytes: limits.after, percent: usagePercent(used, limits.after), expiresAt: inc.expiresAt.toISOString() },
        }],
        skipDuplicates: true,
        select: { id: true },
      });
      return created.map((c) => c.id);
    });
    if (notificationIds === null) continue;
    ended++;
    await enqueueNotifications(queues.notify, notificationIds);
    // The lower limit may put the user past a threshold: warn now, not at the next scan.
    await evaluateQuotaNotices(prisma, queues.notify, inc.mailboxId, now, noticeSettings(ctx.config));
    // Sessions opened under the increased limit keep it until they log in again.
    await kickOverLimit(prisma, ctx.config, [inc.mailboxId], ctx.logger);
    await publishMailboxChanged(ctx.connection, ctx.config.QUEUE_PREFIX, [inc.mailboxId]).catch(() => undefined); // the periodic reload catches a miss
    // Servers that do not read Mailwarden's limits get the lower one with SETQUOTA (QUOTA_SYNC).
    await queueServerLimitSync(queues, ctx.config, [inc.mailboxId]).catch(() => undefined); // the next scheduled scan syncs
  }
  return { ended, endingNotices: await noticeEndingIncreases(ctx, queues, now) };
}

/** One increase_ending notice per increase that ends within ENDING_NOTICE_MS (dedupe key per increase). */
async function noticeEndingIncreases(ctx: WorkerContext, queues: MaintenanceDeps, now: Date): Promise<number> {
  const { prisma } = ctx;
  const soon = await prisma.temporaryIncrease.findMany({
    where: { endedAt: null, expiresAt: { gt: now, lte: new Date(now.getTime() + ENDING_NOTICE_MS) }, mailbox: { status: 'active' } },
    include: { mailbox: true },
    take: EXPIRE_BATCH,
  });
  let count = 0;
  for (const inc of soon) {
    const { mailbox } = inc;
    const used = toNumber(mailbox.usedBytes);
    // The limit once it has ended (and every other increase ending by then).
    const after = (await loadLimitExplanation(prisma, mailbox.id, inc.expiresAt))?.effectiveLimitBytes ?? null;
    const created = await prisma.notification.createManyAndReturn({
      data: [{
        mailboxId: mailbox.id, kind: 'increase_ending', dedupeKey: `increase-ending:${inc.id}`,
        ...recipients(mailbox, await planFor(prisma, mailbox)),
        data: { name: mailbox.displayName, address: mailbox.address, usedBytes: used, limitBytes: after, percent: usagePercent(used, after), expiresAt: inc.expiresAt.toISOString() },
      }],
      skipDuplicates: true,
      select: { id: true },
    });
    await enqueueNotifications(queues.notify, created.map((c) => c.id));
    count += created.length;
  }
  return count;
}

/**
 * Keeps every sample of the last 7 days, the newest per mailbox and hour up to 90 days, the newest per
 * mailbox and day beyond. One DELETE in PostgreSQL: nothing is read into the worker.
 */
export async function pruneUsageSamples(ctx: Pick<WorkerContext, 'prisma'>, now = new Date()): Promise<number> {
  return ctx.prisma.$executeRaw`
    DELETE FROM usage_samples s USING (
      SELECT id, row_number() OVER (
        PARTITION BY mailbox_id,
          date_trunc(CASE WHEN at >= ${now}::timestamp - interval '90 days' THEN 'hour' ELSE 'day' END, at)
        ORDER BY at DESC, id DESC) AS rank
      FROM usage_samples
      WHERE at < ${now}::timestamp - interval '7 days'
    ) old
    WHERE s.id = old.id AND old.rank > 1`;
}

export function createMaintenanceWorker(ctx: WorkerContext, queues: MaintenanceDeps) {
  return new Worker<JobPayloads['maintenance']>('maintenance', (job) => runMaintenance(ctx, queues, job), {
    connection: ctx.connection,
    prefix: ctx.config.QUEUE_PREFIX,
    // Housekeeping runs are few and each is one loop or one statement; one at a time keeps them from racing.
    concurrency: 1,
  });
}
