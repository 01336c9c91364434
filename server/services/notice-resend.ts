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
  const asked = await tx.notification.findUnique({ where: { id: notificationId }, select: { id: true, mailboxId: true, resendOfId: true, status: true } });
  if (!asked) throw new NotFoundError('Notification', notificationId);
  // Serialises with threshold evaluations and other resends of this mailbox's notices.
  await tx.$queryRaw`SELECT id FROM mailboxes WHERE id = ${asked.mailboxId} FOR UPDATE`;

  const rootId = asked.resendOfId ?? asked.id;
  const original = await tx.notification.findUnique({ where: { id: rootId } });
  if (!original) throw new NotFoundError('Notification', rootId);
  const previous = await tx.notification.findMany({ where: { resendOfId: rootId }, select: { status: true } });
  if (IN_FLIGHT.has(asked.status)) {
    throw new ConflictError(`Notification ${asked.id} is still being sent; resend it once it is sent or has failed`);
  }
  if (previous.some((p) => IN_FLIGHT.has(p.status))) {
    throw new ConflictError(`A resend of notification ${rootId} is already on its way`);
  }

  const mailbox = await tx.mailbox.findUniqueOrThrow({ where: { id: original.mailboxId } });
  const to = recipients(mailbox, await planFor(tx, mailbox));
  const dedupeKey = `resend:${rootId}:${previous.length + 1}`;
  const created = await tx.notification.create({
    data: {
      mailboxId: original.mailboxId,
      kind: original.kind,
      threshold: original.threshold,
      dedupeKey,
      ...to,
      data: original.data as Prisma.InputJsonValue,
      resendOfId: rootId,
    },
    select: { id: true, toAddress: true, ccAddress: true, dedupeKey: true },
  });
  if (original.kind === 'expiry_notice') {
    // A resent pre-expiry notice names the same messages: once it is sent, its own noticeDays count from then
    // (the way out for a notice that ended `unknown` or `failed`, whose messages are otherwise never removed).
    await tx.$executeRaw`
      INSERT INTO expiry_announcements (notification_id, mailbox_id, rule_key, folder, uid_validity, uids)
      SELECT ${created.id}, mailbox_id, rule_key, folder, uid_validity, uids FROM expiry_announcements WHERE notification_id = ${rootId}`;
  }
  return {
    original: { id: original.id, mailboxId: original.mailboxId, kind: original.kind, status: original.status, toAddress: original.toAddress, sentAt: original.sentAt },
    resend: created,
  };
}
