// After a committed limit change: re-evaluate quota warnings for the affected mailboxes (so a lowered
// quota warns now, not at the next delivery) and tell the policy service's cache. A plan's change is handed to
// the plan-limits job instead (jobs/workers/plan-limits.ts): it may concern 100,000 mailboxes.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { JobPayloads } from '../core/queues/registry.ts';
import { evaluateQuotaNotices, noticeSettings } from '../core/services/quota-notices.ts';
import { publishMailboxChanged } from '../core/pubsub/notify-change.ts';
import { queueServerLimitSync } from '../core/services/server-quota.ts';
import { kickOverLimit } from '../core/services/session-kick.ts';

export async function afterLimitChange(app: FastifyInstance, mailboxIds: number[]): Promise<void> {
  // First, so SMTP-time decisions follow within milliseconds; a lost message is caught by the policy service's periodic reload.
  await publishMailboxChanged(app.redis, app.config.QUEUE_PREFIX, mailboxIds).catch((err: unknown) => app.log.warn({ err, mailboxIds: mailboxIds.length }, 'policy cache notification failed'));
  for (const id of mailboxIds) {
    try {
      await evaluateQuotaNotices(app.prisma, app.queues.notify, id, new Date(), noticeSettings(app.config));
    } catch (err) {
      // The change itself is committed; a failed evaluation is retried by the next scan.
      app.log.error({ err, mailboxId: id }, 'quota notice evaluation failed after a limit change');
    }
  }
  // Servers that do not read Mailwarden's limits get the new one with SETQUOTA (QUOTA_SYNC, services/server-quota.ts).
  await queueServerLimitSync(app.queues, app.config, mailboxIds).catch((err: unknown) => app.log.warn({ err }, 'quota sync scan not queued; the next scheduled scan syncs'));
  // Sessions opened under the old limit keep it until they log in again (services/session-kick.ts).
  await kickOverLimit(app.prisma, app.config, mailboxIds, app.log).catch((err: unknown) => app.log.warn({ err }, 'session kick failed'));
}

/** Queue the recomputation of a plan's mailboxes; a job per change, so two quick changes both run (order does not matter: each recomputes from the database). */
export async function enqueuePlanLimits(app: FastifyInstance, data: JobPayloads['plan-limits']): Promise<void> {
  try {
    await app.queues['plan-limits'].add('plan-limits', data, { jobId: `plan-limits-${data.planId}-${randomUUID()}` });
  } catch (err) {
    // The plan is committed and Dovecot already applies it (its view computes limits); only the stored limits,
    // the policy service and the warnings wait for the job, so say so in the log rather than fail the request.
    app.log.error({ err, planId: data.planId }, 'plan-limits job not queued: stored limits of this plan stay stale until it is saved again');
  }
}
