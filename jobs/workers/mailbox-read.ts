// mailbox-read: the read-only looks into one mailbox that an API request waits for (server/core/queues/mailbox-read.ts):
// the expiry preview (the same folder plan, search, exact date and flag checks and notice admission as a real run,
// with folders opened read-only), the live folder list, the largest messages (imap/largest-messages.ts), and the /me sign-in check (a LOGIN as the user, with the
// password unsealed here and nowhere else). Not retried: the person who asked asks again.
import { Worker, UnrecoverableError, type Job } from 'bullmq';
import type { WorkerContext } from '../context.ts';
import type { JobPayloads } from '../../server/core/queues/registry.ts';
import { LOGIN_REFUSED, type MailboxReadRequest, type MailboxReadResult } from '../../server/core/queues/mailbox-read.ts';
import { ImapAuthError, openMailboxSession } from '../../server/core/imap/connect.ts';
import { listFolders } from '../../server/core/imap/expiry/expire-mailbox.ts';
import { previewMailbox } from '../../server/core/imap/expiry/preview.ts';
import { loadAdmit } from '../../server/core/imap/expiry/notice-admission.ts';
import { loadMailboxPolicy } from '../../server/core/services/retention.ts';
import { previewWithoutMetadata } from '../../server/core/domain/message-metadata.ts';
import { findLargestMessages } from '../../server/core/imap/largest-messages.ts';
import { checkUserLogin } from '../../server/core/imap/user-login.ts';
import { createLoginSeal, sealId } from '../../server/core/lib/login-seal.ts';

type VerifyLogin = Extract<MailboxReadRequest, { kind: 'verify-login' }>;

/** The user's own LOGIN. A seal that does not open, is past its deadline or was already used is refused without
 *  asking the server (UnrecoverableError: nothing to retry, and its message names no secret). */
async function verifyLogin(ctx: WorkerContext, request: VerifyLogin): Promise<MailboxReadResult> {
  if (!ctx.config.MAIL_LOGIN_KEY) throw new UnrecoverableError('MAIL_LOGIN_KEY is not set on this worker: /me sign-in cannot be checked');
  const notAfter = new Date(request.notAfter);
  if (!(notAfter.getTime() > Date.now())) throw new UnrecoverableError('verify-login: the seal is past its deadline');
  const password = createLoginSeal(ctx.config.MAIL_LOGIN_KEY).open(request.sealed, request.login, notAfter);
  if (password === null) throw new UnrecoverableError('verify-login: the seal does not open (another MAIL_LOGIN_KEY, or tampered)');
  // One use per seal: a job copied from Redis and added again is refused, even before its deadline.
  const ttlMs = Math.max(1_000, notAfter.getTime() - Date.now());
  const first = await ctx.connection.set(`${ctx.config.QUEUE_PREFIX}:verify-login:used:${sealId(request.sealed)}`, '1', 'PX', ttlMs, 'NX');
  if (first !== 'OK') throw new UnrecoverableError('verify-login: this seal was already used');
  return { kind: 'verify-login', ok: await checkUserLogin(ctx.config, request.login, password) };
}

export async function runMailboxRead(ctx: WorkerContext, request: MailboxReadRequest): Promise<MailboxReadResult> {
  if (request.kind === 'verify-login') return verifyLogin(ctx, request);
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
    // Subjects and senders are not even fetched for a requester who may not see them.
    if (request.kind === 'largest-messages') return { kind: 'largest-messages', ...await findLargestMessages(client, request.limit, request.withMetadata) };
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
