// probe: connect to one mailbox through admin access, read capabilities / quota root / folders,
// store them on the mailbox. A refused login is permanent (UnrecoverableError: no retry storm);
// a network error is transient and retried with backoff (queues.ts).
import { Worker, UnrecoverableError, type Job } from 'bullmq';
import type { WorkerContext } from '../context.ts';
import type { JobPayloads } from '../queues.ts';
import { QUEUE_NAMES } from '../queues.ts';
import { ImapAuthError, openMailboxSession } from '../imap/connect.ts';
import { probeMailbox } from '../imap/probe.ts';
import { createMailboxRepository } from '../../server/repositories/mailboxes.ts';
import { createAuditLog } from '../../server/plugins/app/audit.ts';

export async function runProbe(ctx: WorkerContext, job: Job<JobPayloads['probe']>) {
  const mailboxes = createMailboxRepository(ctx.prisma);
  const mailbox = await mailboxes.findById(job.data.mailboxId);
  if (!mailbox) throw new UnrecoverableError(`mailbox ${job.data.mailboxId} no longer exists`);

  let client;
  try {
    client = await openMailboxSession(ctx.config, mailbox.imapLogin, ctx.logger);
  } catch (err) {
    if (err instanceof ImapAuthError) {
      await mailboxes.recordProbe(mailbox.id, { probeError: err.message });
      throw new UnrecoverableError(err.message);
    }
    throw err;
  }
  try {
    const result = await probeMailbox(client);
    await mailboxes.recordProbe(mailbox.id, { probeResult: result, probeError: null });
    await createAuditLog(ctx.prisma).record(null, {
      action: 'mailbox.probed', entityType: 'mailbox', entityId: mailbox.id,
      after: { capabilities: result.capabilities.length, folders: result.folders.length, quota: result.quota },
    });
    return { capabilities: result.capabilities.length, folders: result.folders.length };
  } finally {
    await client.logout().catch(() => client.close());
  }
}

export function createProbeWorker(ctx: WorkerContext, opts: { concurrency?: number } = {}) {
  return new Worker<JobPayloads['probe']>('probe', (job) => runProbe(ctx, job), {
    connection: ctx.connection,
    prefix: ctx.config.QUEUE_PREFIX,
    // Probes are short and read-only; 4 at once keeps the IMAP server's login rate modest.
    concurrency: opts.concurrency ?? 4,
  });
}

