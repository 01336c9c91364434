// notify: send one recorded Notification, AT MOST ONCE. The row is the source of truth (recipient, data frozen at
// the crossing); the job carries only its id. Before talking SMTP the worker claims the row (pending -> sending,
// a conditional update only one worker can win: server/core/services/notice-delivery.ts), so a duplicated job or a
// stalled one BullMQ hands to a second worker finds it `sending` and sends nothing. The SMTP answer is kept on
// the job in Redis first and then written to the row: if that database write fails (or the worker stops right
// after it), the job's next attempt finds the answer and records it instead of sending again. A row left
// `sending` with no recorded answer is never re-sent; it becomes `unknown` for staff to resend explicitly, and so
// does a send whose connection died after the whole message went out (the server may have accepted it).
// Temporary SMTP refusals put the row back to pending and retry with backoff (server/core/queues/registry.ts); permanent ones (5xx, an
// address the mailer refuses) mark it failed and stop (UnrecoverableError). Every message carries Auto-Submitted
// (the mailer adds it) and a Message-ID derived from the row (noticeMessageKey), the same on every attempt.
import { Worker, UnrecoverableError, type Job, type WorkerOptions } from 'bullmq';
import type { WorkerContext } from '../context.ts';
import type { JobPayloads } from '../../server/core/queues/registry.ts';
import { createMailer, MailInputError, MailSendError, type Mailer } from '../../server/core/mail/mailer.ts';
import { DEFAULT_TEMPLATES, render, templateData, type NoticeFacts } from '../../server/core/domain/templates.ts';
import { noticeExportUrl } from '../../server/core/lib/export-tokens.ts';
import { claimNotice, markStaleSendsUnknown, recordAccepted, recordRefused, recordUnknown } from '../../server/core/services/notice-delivery.ts';

/** Same row, same key, whatever the attempt; the creation time keeps it unique should ids restart (a new database). */
export const noticeMessageKey = (n: { id: number; createdAt: Date }) => `notice-${n.id}.${n.createdAt.getTime().toString(36)}`;

/** What an attempt learnt from SMTP under one claim, kept as the job's progress in Redis (apart from the database). */
interface SmtpOutcome {
  claimedAt: string;
  accepted?: { at: string; messageId: string; refused: string[] };
  refused?: { error: string; final: boolean };
  unknown?: { error: string; messageId?: string };
}

/** The outcome an earlier attempt of this job recorded for the row's current claim, if any. */
function earlierOutcome(job: Job, claimedAt: Date | null): SmtpOutcome | null {
  const p = job.progress as Partial<SmtpOutcome> | number | null;
  return claimedAt && p && typeof p === 'object' && p.claimedAt === claimedAt.toISOString() ? (p as SmtpOutcome) : null;
}

// Best effort: with Redis unreachable the database write below still runs; only its own failure needs this record.
const remember = (job: Job, outcome: SmtpOutcome) => job.updateProgress(outcome as object).catch(() => undefined);

export async function runNotify(ctx: WorkerContext, mailer: Mailer, job: Job<JobPayloads['notify']>) {
  const { prisma } = ctx;
  const id = job.data.notificationId;
  const n = await prisma.notification.findUnique({ where: { id } });
  if (!n) throw new UnrecoverableError(`notification ${id} no longer exists`);

  const template = (await prisma.notificationTemplate.findUnique({ where: { kind: n.kind } })) ?? DEFAULT_TEMPLATES[n.kind];
  const facts = n.data as unknown as NoticeFacts;
  // The public help page (server/routes/public/help.ts) gives personal advice for the address it is given.
  const helpUrl = `${ctx.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/help?email=${encodeURIComponent(facts.address)}`;
  const rendered = render(template, templateData(facts, helpUrl));
  // Only the email sent to the user holds the signed download link (#20); `rendered`, which is what gets kept and
  // shown to staff, says where it went instead (EXPORT_URL_WITHHELD). Valid until the mail's removal date.
  const sending = n.kind === 'expiry_notice' && facts.expiresAt
    ? render(template, templateData(facts, helpUrl, { exportUrl: noticeExportUrl(ctx.config.PUBLIC_BASE_URL, ctx.config.EXPORT_LINK_KEY, n.mailboxId, facts.address, new Date(facts.expiresAt)) }))
    : rendered;

  if (n.status === 'sending') {
    const earlier = earlierOutcome(job, n.claimedAt);
    if (earlier?.accepted) {
      // This job's previous attempt was accepted by SMTP but could not write it down: write it now, send nothing.
      await recordAccepted(prisma, id, n.claimedAt!, { ...earlier.accepted, at: new Date(earlier.accepted.at), subject: rendered.subject });
      return { messageId: earlier.accepted.messageId, recovered: true };
    }
    if (earlier?.unknown) {
      await recordUnknown(prisma, id, n.claimedAt!, { ...earlier.unknown, subject: rendered.subject });
      return { skipped: 'unknown' };
    }
    if (!earlier?.refused) {
      // Another worker is sending it, or one stopped mid-send after the server may have taken it: never send again.
      return { skipped: (await markStaleSendsUnknown(prisma, new Date(), id)) ? 'unknown' : 'sending' };
    }
    // Refused last time (nothing delivered) and not written down: write it, then carry on as the retry.
    await recordRefused(prisma, id, n.claimedAt!, { error: earlier.refused.error, subject: rendered.subject, final: earlier.refused.final });
    if (earlier.refused.final) throw new UnrecoverableError(earlier.refused.error);
  } else if (n.status !== 'pending') {
    return { skipped: n.status };
  }

  const claimedAt = await claimNotice(prisma, id, new Date(), { subject: rendered.subject, bodyText: rendered.text });
  if (!claimedAt) return { skipped: (await prisma.notification.findUnique({ where: { id }, select: { status: true } }))?.status ?? 'deleted' };
  let sent;
  try {
    sent = await mailer.send({
      to: n.toAddress,
      cc: n.ccAddress ?? undefined,
      ...sending,
      headers: { 'X-Mailwarden-Notice': `${n.kind}; id=${n.id}` },
      stableId: noticeMessageKey(n),
    });
  } catch (err) {
    if (err instanceof MailSendError && err.maybeDelivered) {
      // At most once: a retry could deliver a second copy. Staff see `unknown` and may resend.
      const unknown = { error: err.message, messageId: err.messageId };
      await remember(job, { claimedAt: claimedAt.toISOString(), unknown });
      await recordUnknown(prisma, id, claimedAt, { ...unknown, subject: rendered.subject });
      throw new UnrecoverableError(`outcome unknown, not retried: ${err.message}`);
    }
    const permanent = err instanceof MailInputError || (err instanceof MailSendError && !err.temporary);
    // The last attempt of a temporary failure is final too: the row must not stay "pending" for ever.
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const refused = { error: (err as Error).message, final: permanent || lastAttempt };
    await remember(job, { claimedAt: claimedAt.toISOString(), refused });
    await recordRefused(prisma, id, claimedAt, { ...refused, subject: rendered.subject });
    if (permanent) throw new UnrecoverableError(refused.error);
    throw err;
  }
  // A refused recipient (the user's full mailbox refused at RCPT TO) is recorded, not retried: the others have it.
  const accepted = { at: new Date(), messageId: sent.messageId, refused: sent.rejected };
  await remember(job, { claimedAt: claimedAt.toISOString(), accepted: { ...accepted, at: accepted.at.toISOString() } });
  await recordAccepted(prisma, id, claimedAt, { ...accepted, subject: rendered.subject });
  return { messageId: sent.messageId };
}

/** Lock settings are for fault tests that make a job stall (a worker whose lock lapses); production keeps BullMQ's. */
type NotifyWorkerOptions = { concurrency?: number } & Pick<WorkerOptions, 'lockDuration' | 'stalledInterval' | 'skipLockRenewal'>;

export function createNotifyWorker(ctx: WorkerContext, opts: NotifyWorkerOptions = {}) {
  // One pooled SMTP transport per worker (the mailer keeps at most 2 connections), closed with the worker.
  const mailer = createMailer(ctx.config);
  const { concurrency, ...lock } = opts;
  const worker = new Worker<JobPayloads['notify']>('notify', (job) => runNotify(ctx, mailer, job), {
    connection: ctx.connection,
    prefix: ctx.config.QUEUE_PREFIX,
    // Matches the mailer's 2 pooled SMTP connections: more would only queue inside nodemailer.
    concurrency: concurrency ?? 2,
    ...lock,
  });
  worker.on('closed', () => mailer.close());
  return worker;
}
