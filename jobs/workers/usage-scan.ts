// usage-scan: measure one mailbox over IMAP (imap/usage.ts), store the usage and a history sample in one
// transaction, then evaluate quota notices. Idempotent: a retry overwrites the same figures, and notices
// are deduplicated per crossing. A refused login is permanent (the mailbox is marked, UnrecoverableError:
// no retry storm); network trouble is transient and retried with backoff (queues.ts).
import { Worker, UnrecoverableError, type Job } from 'bullmq';
import type { WorkerContext } from '../context.ts';
import type { JobPayloads, Queues } from '../queues.ts';
import { ImapAuthError, openMailboxSession } from '../imap/connect.ts';
import { measureUsage, type MeasureOptions } from '../imap/usage.ts';
import { toNumber } from '../../server/lib/bigint.ts';
import { usagePercent } from '../../server/services/mailbox-limits.ts';
import { evaluateQuotaNotices, noticeSettings } from '../../server/services/quota-notices.ts';
import { publishMailboxChanged } from '../../server/policy/notify-change.ts';

export interface UsageScanDeps {
  notifyQueue: Queues['notify'];
  /** Force a usage source (tests, or servers whose QUOTA cannot be trusted). */
  measure?: MeasureOptions;
}

export async function runUsageScan(ctx: WorkerContext, deps: UsageScanDeps, job: Job<JobPayloads['usage-scan']>) {
  const { prisma } = ctx;
  const mailbox = await prisma.mailbox.findUnique({ where: { id: job.data.mailboxId } });
  if (!mailbox) throw new UnrecoverableError(`mailbox ${job.data.mailboxId} no longer exists`);
  if (mailbox.status !== 'active') return { skipped: 'disabled' };

  let client;
  try {
    client = await openMailboxSession(ctx.config, mailbox.imapLogin, ctx.logger);
  } catch (err) {
    if (err instanceof ImapAuthError) {
      await prisma.mailbox.update({ where: { id: mailbox.id }, data: { scanError: err.message } });
      throw new UnrecoverableError(err.message);
    }
    throw err;
  }
  let usage;
  try {
    usage = await measureUsage(client, deps.measure);
  } finally {
    await client.logout().catch(() => client.close());
  }

  const now = new Date();
  // The limit Mailwarden manages (and Dovecot reads from the view) is the row's, not the one IMAP echoed.
  const limit = toNumber(mailbox.effectiveLimitBytes);
  await prisma.$transaction([
    prisma.mailbox.update({
      where: { id: mailbox.id },
      data: {
        usedBytes: BigInt(usage.usedBytes),
        usedMessages: usage.usedMessages,
        usagePercent: usagePercent(usage.usedBytes, limit),
        usageSource: usage.source,
        usageFolders: usage.folders.map((f) => ({ ...f })),
        scannedAt: now,
        scanError: null,
      },
    }),
    prisma.usageSample.create({
      data: { mailboxId: mailbox.id, at: now, usedBytes: BigInt(usage.usedBytes), usedMessages: usage.usedMessages, limitBytes: mailbox.effectiveLimitBytes },
    }),
  ]);
  // The policy service re-reads this row: fresh usage, and its count of bytes accepted since the last scan restarts.
  await publishMailboxChanged(ctx.connection, ctx.config.QUEUE_PREFIX, [mailbox.id]).catch((err: unknown) => ctx.logger.warn({ err, mailboxId: mailbox.id }, 'policy cache notification failed'));
  const notifications = await evaluateQuotaNotices(prisma, deps.notifyQueue, mailbox.id, now, noticeSettings(ctx.config));
  return { usedBytes: usage.usedBytes, source: usage.source, notifications: notifications.length };
}

export function createUsageScanWorker(ctx: WorkerContext, deps: UsageScanDeps, opts: { concurrency?: number } = {}) {
  return new Worker<JobPayloads['usage-scan']>('usage-scan', (job) => runUsageScan(ctx, deps, job), {
    connection: ctx.connection,
    prefix: ctx.config.QUEUE_PREFIX,
    // SCAN_CONCURRENCY (default 4): each scan holds one IMAP session, i.e. one Dovecot imap process.
    concurrency: opts.concurrency ?? ctx.config.SCAN_CONCURRENCY,
    // SCAN_RATE_PER_SECOND (default 20) scans started per second across every worker host (the limiter is
    // kept in Redis per queue): each scan is an admin login, so this is the load a fan-out puts on auth.
    limiter: { max: ctx.config.SCAN_RATE_PER_SECOND, duration: 1000 },
  });
}
