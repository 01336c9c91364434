// Staff "resend this notice". A resend is a NEW notifications row linked to the notice it repeats
// (resend_of_id), never a reset of the original to pending: the original keeps its own send record
// (sent_at, SMTP Message-ID, attempts), the dedupe key of its crossing stays unique, and each row is
// exactly one email, so the history on the mailbox page and the audit log tell the same story.
//
// What the resend carries: the original's frozen facts (it repeats what was true at the crossing), sent to
// the mailbox's recipients as they are NOW (docs/notifications.md), because the usual reason to resend is a
// notice that did not reach anyone, fixed by setting an alternate address or an admin copy.
//
// Never twice by accident: the mailbox row is locked (as evaluateQuotaNotices does), a resend is refused
// while the notice or a resend of it is still pending or sending (a double click), and the dedupe key
// `resend:<original id>:<n>` is unique per mailbox, so even racing requests record one row each n.
import type { DbOrTx, Prisma } from '../core/lib/prisma.ts';
import { ConflictError, NotFoundError } from '../core/domain/errors.ts';
import { planFor, recipients } from '../core/services/quota-notices.ts';
import { createNotificationRepository } from '../core/repositories/notifications.ts';
import { createMailboxRepository } from '../core/repositories/mailboxes.ts';
import { createExpiryAnnouncements } from '../core/repositories/expiry-announcements.ts';

// Still on its way: a resend now could make two emails. An `unknown` notice (its worker stopped mid-send) may be
// resent: that is the explicit staff decision services/notice-delivery.ts leaves to them.
const IN_FLIGHT = new Set(['pending', 'sending']);

export interface ResendResult {
  /** The notice being repeated (the first one, when the notice asked for was itself a resend). */
  original: { id: number; mailboxId: number; kind: string; status: string; toAddress: string; sentAt: Date | null };
  resend: { id: number; toAddress: string; ccAddress: string | null; dedupeKey: string };
}

/** Records the resend row inside the caller's transaction; the caller audits it and enqueues it after the commit. */
export async function recordResend(tx: DbOrTx, notificationId: number): Promise<ResendResult> {
  const notifications = createNotificationRepository(tx);
  const mailboxes = createMailboxRepository(tx);
  const asked = await notifications.findForResend(notificationId);
  if (!asked) throw new NotFoundError('Notification', notificationId);
  // Serialises with threshold evaluations and other resends of this mailbox's notices.
  await mailboxes.lockForUpdate(asked.mailboxId);

  const rootId = asked.resendOfId ?? asked.id;
  const original = await notifications.findStored(rootId);
  if (!original) throw new NotFoundError('Notification', rootId);
  const previous = await notifications.resendStatuses(rootId);
  if (IN_FLIGHT.has(asked.status)) {
    throw new ConflictError(`Notification ${asked.id} is still being sent; resend it once it is sent or has failed`);
  }
  if (previous.some((status) => IN_FLIGHT.has(status))) {
    throw new ConflictError(`A resend of notification ${rootId} is already on its way`);
  }

  const mailbox = await mailboxes.findStored(original.mailboxId);
  if (!mailbox) throw new NotFoundError('Mailbox', original.mailboxId);
  const to = recipients(mailbox, await planFor(tx, mailbox));
  const created = await notifications.createResend({
    mailboxId: original.mailboxId,
    kind: original.kind,
    threshold: original.threshold,
    dedupeKey: `resend:${rootId}:${previous.length + 1}`,
    ...to,
    data: original.data as Prisma.InputJsonValue,
    resendOfId: rootId,
  });
  // A resent pre-expiry notice names the same messages: once it is sent, its own noticeDays count from then
  // (the way out for a notice that ended `unknown` or `failed`, whose messages are otherwise never removed).
  if (original.kind === 'expiry_notice') await createExpiryAnnouncements(tx).copy(rootId, created.id);
  return {
    original: { id: original.id, mailboxId: original.mailboxId, kind: original.kind, status: original.status, toAddress: original.toAddress, sentAt: original.sentAt },
    resend: created,
  };
}
