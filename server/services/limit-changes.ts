// After a committed limit change: re-evaluate quota warnings for the affected mailboxes (so a lowered
// quota warns now, not at the next delivery) and tell the policy service's cache.
import type { FastifyInstance } from 'fastify';
import { evaluateQuotaNotices, noticeSettings } from './quota-notices.ts';
import { publishMailboxChanged } from '../policy/notify-change.ts';
import { queueServerLimitSync } from './server-quota.ts';

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
}
