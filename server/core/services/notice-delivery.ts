// The send record of one notification row, kept so that a notice goes out AT MOST ONCE (docs/notifications.md).
//
//   pending --claim--> sending --SMTP accepted--> sent
//                         |----SMTP refused-----> pending (temporary: the job retries) | failed
//                         |----no answer after---> unknown (connection lost after the whole message went out)
//                         '----nobody recorded---> unknown (the worker died mid-send)
//
// Every step is a conditional update on (status, claimed_at), so of two workers holding the same row (a
// duplicated job, a stalled job BullMQ handed to a second worker) exactly one wins the claim, and only the claim
// that sent the message may write its outcome. A row found in `sending` is never sent again: either its sender is
// still at work, or it died after the SMTP server may already have taken the message. Once no send can still be
// running (SEND_DEADLINE_MS after the claim) the row becomes `unknown`, for staff to resend explicitly. So does a
// send whose connection died after the whole message was handed to the server: it may have been accepted.
import type { DbOrTx } from '../lib/prisma.ts';

/**
 * Longer than any send can take: the mailer gives up after 10 s connecting + 10 s greeting + 60 s of silence
 * (server/core/mail/mailer.ts), so after 10 minutes a `sending` row has no live sender left.
 */
export const SEND_DEADLINE_MS = 10 * 60_000;

export const UNKNOWN_OUTCOME_ERROR =
  'The worker stopped after claiming this notice and before recording the SMTP answer: it may or may not have been delivered. It is not retried automatically; resend it if needed.';

/**
 * pending -> sending. Returns the claim (its time), or null when another worker claimed it first or it is not pending.
 * `content` is what this claim is about to send: kept on the row, so staff can read what the user got.
 */
export async function claimNotice(db: DbOrTx, id: number, now = new Date(), content?: { subject: string; bodyText: string }): Promise<Date | null> {
  const { count } = await db.notification.updateMany({
    where: { id, status: 'pending' },
    data: { status: 'sending', claimedAt: now, attempts: { increment: 1 }, ...(content ?? {}) },
  });
  return count ? now : null;
}

export interface Accepted {
  at: Date;
  messageId: string;
  subject: string;
  /** Recipients the server refused while it took the message for the others (kept as the row's error). */
  refused?: string[];
}

/** The SMTP server accepted the message sent under `claimedAt`: sending -> sent. False if the claim is no longer current. */
export async function recordAccepted(db: DbOrTx, id: number, claimedAt: Date, accepted: Accepted): Promise<boolean> {
  const { count } = await db.notification.updateMany({
    where: { id, status: 'sending', claimedAt },
    data: {
      status: 'sent', sentAt: accepted.at, smtpMessageId: accepted.messageId, subject: accepted.subject,
      error: accepted.refused?.length ? `Accepted for the other recipients; refused for ${accepted.refused.join(', ')}` : null,
    },
  });
  return count === 1;
}

/** The SMTP server (or the mailer) refused it, so nothing was delivered: back to pending for a retry, or failed. */
export async function recordRefused(db: DbOrTx, id: number, claimedAt: Date, refused: { error: string; subject: string; final: boolean }): Promise<boolean> {
  const { count } = await db.notification.updateMany({
    where: { id, status: 'sending', claimedAt },
    data: { status: refused.final ? 'failed' : 'pending', error: refused.error, subject: refused.subject },
  });
  return count === 1;
}

/**
 * The whole message went to the server and no answer came back: it may have been accepted, so it is not retried.
 * The Message-ID it carried is kept, to match a copy that did arrive.
 */
export async function recordUnknown(db: DbOrTx, id: number, claimedAt: Date, outcome: { error: string; subject: string; messageId?: string }): Promise<boolean> {
  const { count } = await db.notification.updateMany({
    where: { id, status: 'sending', claimedAt },
    data: { status: 'unknown', error: outcome.error, subject: outcome.subject, smtpMessageId: outcome.messageId ?? null },
  });
  return count === 1;
}

/** Rows claimed more than SEND_DEADLINE_MS ago and still `sending` (one row, or all) become `unknown`. */
export async function markStaleSendsUnknown(db: DbOrTx, now = new Date(), id?: number): Promise<number> {
  const { count } = await db.notification.updateMany({
    where: { status: 'sending', claimedAt: { lt: new Date(now.getTime() - SEND_DEADLINE_MS) }, ...(id === undefined ? {} : { id }) },
    data: { status: 'unknown', error: UNKNOWN_OUTCOME_ERROR },
  });
  return count;
}
