// notify: send one recorded Notification. The row is the source of truth (recipient, data frozen at the
// crossing); the job carries only its id. Idempotent: a row already sent is skipped, so a retried or
// re-enqueued job never mails twice once the first send is recorded. Temporary SMTP failures are recorded
// and retried with backoff (queues.ts); permanent ones (5xx, an address the mailer refuses) mark the row
// failed and stop (UnrecoverableError). Every message carries Auto-Submitted (the mailer adds it).
// The Message-ID is derived from the row (noticeMessageKey): should the SMTP reply be lost after the server
// accepted a notice, the retry sends the same Message-ID again, and receivers can drop the copy.
import { Worker, UnrecoverableError, type Job } from 'bullmq';
import type { WorkerContext } from '../context.ts';
import type { JobPayloads } from '../queues.ts';
import { createMailer, MailInputError, MailSendError, type Mailer } from '../../server/mail/mailer.ts';
import { DEFAULT_TEMPLATES, render, templateData, type NoticeFacts } from '../../server/domain/templates.ts';

/** Same row, same key, whatever the attempt; the creation time keeps it unique should ids restart (a new database). */
export const noticeMessageKey = (n: { id: number; createdAt: Date }) => `notice-${n.id}.${n.createdAt.getTime().toString(36)}`;

export async function runNotify(ctx: WorkerContext, mailer: Mailer, job: Job<JobPayloads['notify']>) {
  const { prisma } = ctx;
  const id = job.data.notificationId;
  const n = await prisma.notification.findUnique({ where: { id } });
  if (!n) throw new UnrecoverableError(`notification ${id} no longer exists`);
  if (n.status !== 'pending') return { skipped: n.status };

  const template = (await prisma.notificationTemplate.findUnique({ where: { kind: n.kind } })) ?? DEFAULT_TEMPLATES[n.kind];
  const facts = n.data as unknown as NoticeFacts;
  // The public help page (server/routes/public/help.ts) gives personal advice for the address it is given.
  const helpUrl = `${ctx.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/help?email=${encodeURIComponent(facts.address)}`;
  const rendered = render(template, templateData(facts, helpUrl));
  try {
    const sent = await mailer.send({
      to: n.toAddress,
      cc: n.ccAddress ?? undefined,
      ...rendered,
      headers: { 'X-Mailwarden-Notice': `${n.kind}; id=${n.id}` },
      stableId: noticeMessageKey(n),
    });
    await prisma.notification.update({
      where: { id },
      data: { status: 'sent', sentAt: new Date(), smtpMessageId: sent.messageId, subject: rendered.subject, attempts: { increment: 1 }, error: null },
    });
    return { messageId: sent.messageId };
  } catch (err) {
    const permanent = err instanceof MailInputError || (err instanceof MailSendError && !err.temporary);
    // The last attempt of a temporary failure is final too: the row must not stay "pending" for ever.
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const error = (err as Error).message;
    await prisma.notification.update({
      where: { id },
      data: { attempts: { increment: 1 }, error, subject: rendered.subject, ...(permanent || lastAttempt ? { status: 'failed' } : {}) },
    });
    if (permanent) throw new UnrecoverableError(error);
    throw err;
  }
}

export function createNotifyWorker(ctx: WorkerContext, opts: { concurrency?: number } = {}) {
  // One pooled SMTP transport per worker (the mailer keeps at most 2 connections), closed with the worker.
  const mailer = createMailer(ctx.config);
  const worker = new Worker<JobPayloads['notify']>('notify', (job) => runNotify(ctx, mailer, job), {
    connection: ctx.connection,
    prefix: ctx.config.QUEUE_PREFIX,
    // Matches the mailer's 2 pooled SMTP connections: more would only queue inside nodemailer.
    concurrency: opts.concurrency ?? 2,
  });
  worker.on('closed', () => mailer.close());
  return worker;
}
