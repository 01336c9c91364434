// plan-limits: after a plan's limit or the default flag changed (routes/plans), pages through the mailboxes the plan
// governs in id order, BATCH at a time: recomputes each one's stored limit with the one TypeScript rule
// (services/mailbox-limits.ts, rows locked meanwhile), tells the policy service, and evaluates quota notices where
// one is due. Dovecot does not wait for this: its userdb view computes the limit at every login.
// Retry-safe: a retried or repeated job recomputes from the database (a mailbox already done does not move), and
// the notice decision comes from the state stored on each mailbox (domain/quota-notices.ts) with one row per
// crossing, so no crossing is notified twice. Notices are evaluated for every mailbox of a batch that has one due,
// not only for those whose limit moved in this attempt, so an attempt that died between the two steps leaves no
// crossing unannounced.
import { isDeepStrictEqual } from 'node:util';
import { Worker, type Job } from 'bullmq';
import type { WorkerContext } from '../context.ts';
import type { JobPayloads, Queues } from '../../server/core/queues/registry.ts';
import type { Db } from '../../server/core/lib/prisma.ts';
import { plansFor, recomputeEffectiveLimits, type LimitMove } from '../../server/core/services/mailbox-limits.ts';
import { decideNotices, evaluateQuotaNoticesMany, noticeSettings, type NoticeSettings } from '../../server/core/services/quota-notices.ts';
import { publishMailboxChanged } from '../../server/core/pubsub/notify-change.ts';
import { kickOverLimit } from '../../server/core/services/session-kick.ts';
import { queueServerLimitSync } from '../../server/core/services/server-quota.ts';

// One lock set and one UPDATE per 1,000 mailboxes keeps each transaction short (~0.1 s) while a plan of
// 100,000 mailboxes takes ~100 round trips.
const BATCH = 1000;
// Notices are evaluated 100 mailboxes per transaction: row locks held well under a second.
const NOTICE_CHUNK = 100;

export type PlanLimitsContext = Pick<WorkerContext, 'prisma' | 'connection' | 'config'> & { logger: Pick<WorkerContext['logger'], 'warn'> };

export interface PlanLimitsResult { mailboxes: number; moved: number; evaluated: number; notices: number }

export async function runPlanLimits(
  ctx: PlanLimitsContext,
  queues: Pick<Queues, 'notify' | 'usage-scan'>,
  data: JobPayloads['plan-limits'],
  now = new Date(),
  /** Called with the moves of each batch once its notices are recorded (limit-change follow-ups hook in here). */
  afterBatch?: (moves: LimitMove[]) => Promise<void>,
): Promise<PlanLimitsResult> {
  const settings = noticeSettings(ctx.config);
  const result: PlanLimitsResult = { mailboxes: 0, moved: 0, evaluated: 0, notices: 0 };
  for (let after = 0; ;) {
    const page = await ctx.prisma.$queryRaw<{ id: number }[]>`
      SELECT id FROM mailboxes WHERE id > ${after} AND (plan_id = ${data.planId} OR (${data.withoutPlan} AND plan_id IS NULL)) ORDER BY id LIMIT ${BATCH}`;
    if (!page.length) break;
    const ids = page.map((m) => m.id);
    const moves = await ctx.prisma.$transaction((tx) => recomputeEffectiveLimits(tx, ids, now), { timeout: 60_000 });
    // The periodic reload of the policy service catches a lost message.
    await publishMailboxChanged(ctx.connection, ctx.config.QUEUE_PREFIX, moves.map((m) => m.id))
      .catch((err: Error) => ctx.logger.warn({ err: err.message }, 'policy cache notification failed'));
    // Servers that do not read Mailwarden's limits get the new one with SETQUOTA (QUOTA_SYNC); the next scan syncs a miss.
    await queueServerLimitSync(queues, ctx.config, moves.map((m) => m.id))
      .catch((err: Error) => ctx.logger.warn({ err: err.message }, 'quota sync scans not queued'));
    const due = await noticesDue(ctx.prisma, ids, now, settings);
    for (let i = 0; i < due.length; i += NOTICE_CHUNK) {
      result.notices += (await evaluateQuotaNoticesMany(ctx.prisma, queues.notify, due.slice(i, i + NOTICE_CHUNK), now, settings)).length;
    }
    await afterBatch?.(moves);
    result.mailboxes += ids.length;
    result.moved += moves.length;
    result.evaluated += due.length;
    after = ids[ids.length - 1];
  }
  return result;
}

/**
 * The mailboxes of a batch whose notice decision has a notice to send, or moves a state already stored (a threshold
 * re-armed by a higher limit), decided from the rows as read. evaluateQuotaNotices then decides again under the row
 * lock, so a race only costs an evaluation that records nothing.
 */
async function noticesDue(prisma: Db, ids: number[], now: Date, settings: NoticeSettings): Promise<number[]> {
  // Plain SQL: Prisma's row mapping of 1,000 mailboxes costs ~100 ms of CPU.
  const rows = await prisma.$queryRaw<{ id: number; plan_id: number | null; used_bytes: bigint | null; effective_limit_bytes: bigint | null; notice_state: unknown }[]>`
    SELECT id, plan_id, used_bytes, effective_limit_bytes, notice_state FROM mailboxes WHERE id = ANY(${ids}::int[]) AND status = 'active'`;
  const plans = await plansFor(prisma, rows.map((m) => m.plan_id));
  return rows.filter((m) => {
    const decision = decideNotices({ usedBytes: m.used_bytes, effectiveLimitBytes: m.effective_limit_bytes, noticeState: m.notice_state }, plans.get(m.plan_id) ?? null, now, settings);
    return decision.notices.length > 0 || (m.notice_state !== null && !isDeepStrictEqual(decision.state, m.notice_state));
  }).map((m) => m.id);
}

/** Mailboxes whose limit dropped to or below their last measured usage: their open sessions are kicked. */
export const droppedBelowUsage = (moves: LimitMove[]) => moves
  .filter((m) => m.after !== null && (m.before === null || m.after < m.before) && m.usedBytes !== null && m.usedBytes >= m.after)
  .map((m) => m.id);

export function createPlanLimitsWorker(ctx: WorkerContext, queues: Pick<Queues, 'notify' | 'usage-scan'>) {
  const kick = async (moves: LimitMove[]) => { await kickOverLimit(ctx.prisma, ctx.config, droppedBelowUsage(moves), ctx.logger); };
  return new Worker<JobPayloads['plan-limits']>('plan-limits', (job: Job<JobPayloads['plan-limits']>) => runPlanLimits(ctx, queues, job.data, new Date(), kick), {
    connection: ctx.connection,
    prefix: ctx.config.QUEUE_PREFIX,
    // Plan changes are rare and each job walks a whole plan: one at a time per worker process keeps the database
    // free for scans; several worker processes may still run changes of different plans side by side.
    concurrency: 1,
    // BullMQ renews the job lock while it runs; a batch waiting on row locks held by a scan should not let it lapse.
    lockDuration: 60_000,
  });
}
