// probe: connect to one mailbox through admin access, read capabilities / quota root / folders,
// store them on the mailbox. A refused login is permanent (UnrecoverableError: no retry storm);
// a network error or a temporary server failure is transient and retried with backoff (server/core/queues/registry.ts).
// Every failed attempt is recorded on the mailbox (probeError, probedAt), so staff see why a probe has no
// result; the next success clears it.
import { Worker, UnrecoverableError, type Job } from 'bullmq';
import type { WorkerContext } from '../context.ts';
import type { JobPayloads } from '../../server/core/queues/registry.ts';
import { QUEUE_NAMES } from '../../server/core/queues/registry.ts';
import { ImapAuthError, openMailboxSession } from '../../server/core/imap/connect.ts';
import { probeMailbox } from '../../server/core/imap/probe.ts';
import { createMailboxRepository } from '../../server/core/repositories/mailboxes.ts';
import { createAuditLog } from '../../server/core/repositories/audit-log.ts';

export async function runProbe(ctx: WorkerContext, job: Job<JobPayloads['probe']>) {
  const mailboxes = createMailboxRepository(ctx.prisma);
  const mailbox = await mailboxes.findById(job.data.mailboxId);
  if (!mailbox) throw new UnrecoverableError(`mailbox ${job.data.mailboxId} no longer exists`);

  try {
    return await probeAndRecord(ctx, mailbox);
  } catch (err) {
    const permanent = err instanceof ImapAuthError;
    const attempts = job.opts.attempts ?? 1;
    const retried = !permanent && job.attemptsMade + 1 < attempts;
    const probeError = `${describeFailure(err)}${retried ? ` (attempt ${job.attemptsMade + 1} of ${attempts}, retried)` : ''}`;
    // Recording must not hide the probe's own failure (PostgreSQL may be what failed).
    await mailboxes.recordProbe(mailbox.id, { probeError }).catch((dbErr: Error) => ctx.logger.warn({ err: dbErr.message, mailboxId: mailbox.id }, 'probe failure not recorded'));
    throw permanent ? new UnrecoverableError((err as Error).message) : err;
  }
}

/**
 * What went wrong, for staff: imapflow's own message plus the server's response code and text when it gave one
 * (e.g. "[UNAVAILABLE] Temporary authentication failure"). It carries no credentials: imapflow never puts them in
 * errors, and the login named is the mailbox's.
 */
export function describeFailure(err: unknown): string {
  const e = err as { message?: string; serverResponseCode?: string; responseText?: string };
  const server = [e.serverResponseCode ? `[${e.serverResponseCode}]` : '', e.responseText ?? ''].join(' ').trim();
  const text = [e.message ?? String(err), server && !(e.message ?? '').includes(server) ? `(server: ${server})` : ''].join(' ').trim();
  return text.slice(0, 500);
}

async function probeAndRecord(ctx: WorkerContext, mailbox: { id: number; imapLogin: string }) {
  const mailboxes = createMailboxRepository(ctx.prisma);
  const client = await openMailboxSession(ctx.config, mailbox.imapLogin, ctx.logger);
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

