// mailbox-read: the read-only looks into one mailbox that an API request waits for (server/core/queues/mailbox-read.ts):
// the expiry preview (the same folder plan, search, exact date and flag checks and notice admission as a real run,
// with folders opened read-only) and the live folder list. Not retried: the person who asked asks again.
import { Worker, UnrecoverableError, type Job } from 'bullmq';
import type { WorkerContext } from '../context.ts';
import type { JobPayloads } from '../../server/core/queues/registry.ts';
import { LOGIN_REFUSED, type MailboxReadRequest, type MailboxReadResult } from '../../server/core/queues/mailbox-read.ts';
import { ImapAuthError, openMailboxSession } from '../../server/core/imap/connect.ts';
import { listFolders } from '../../server/core/imap/expire.ts';
import { previewMailbox } from '../../server/core/imap/expiry-preview.ts';
import { loadAdmit } from '../../server/core/imap/expiry-admit.ts';
import { loadMailboxPolicy } from '../../server/core/services/retention.ts';
import { previewWithoutMetadata } from '../../server/core/domain/message-metadata.ts';

export async function runMailboxRead(ctx: WorkerContext, request: MailboxReadRequest): Promise<MailboxReadResult> {
  const mailbox = await ctx.prisma.mailbox.findUnique({ where: { id: request.mailboxId } });
  if (!mailbox) throw new UnrecoverableError(`mailbox ${request.mailboxId} no longer exists`);
  const policy = request.kind === 'expiry-preview' ? await loadMailboxPolicy(ctx.prisma, mailbox) : null;
  if (policy && !policy.rules.length) return { kind: 'expiry-preview', folders: [] };

  const client = await openMailboxSession(ctx.config, mailbox.imapLogin, ctx.logger).catch((err: Error) => {
    throw err instanceof ImapAuthError ? new UnrecoverableError(`${LOGIN_REFUSED}: ${err.message}`) : err;
  });
  try {
    if (request.kind === 'folders') {
      return { kind: 'folders', folders: await listFolders(client), capabilities: [...client.capabilities.keys()] };
    }
    const now = new Date(request.at);
    const folders = await previewMailbox(client, policy!.rules, now, {
      allowPlainExpunge: ctx.config.EXPIRY_ALLOW_PLAIN_EXPUNGE, admit: await loadAdmit(ctx.prisma, mailbox.id, policy!.rules, now),
    });
    // Subjects and senders never reach Redis for a requester who may not see them.
    return { kind: 'expiry-preview', folders: request.withMetadata ? folders : previewWithoutMetadata(folders) };
  } finally {
    await client.logout().catch(() => client.close());
  }
}

export function createMailboxReadWorker(ctx: WorkerContext) {
  return new Worker<JobPayloads['mailbox-read'], MailboxReadResult>('mailbox-read', (job: Job<JobPayloads['mailbox-read']>) => runMailboxRead(ctx, job.data), {
    connection: ctx.connection,
    prefix: ctx.config.QUEUE_PREFIX,
    concurrency: ctx.config.MAILBOX_READ_CONCURRENCY,
  });
}
