// A status change staff asked for (suspend, disable, delete, restore): checked by the lifecycle rules
// (core/domain/mailbox-lifecycle.ts), written with its reason and audited in one transaction, then announced to the
// policy service, and the user's open IMAP sessions are closed when login is no longer allowed. Deleting a mailbox
// under a legal hold is refused; the purge itself runs in the expiry worker (jobs/workers/expiry.ts), never here.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ConflictError, NotFoundError } from '../core/domain/errors.ts';
import { mayLogIn, planStatusChange, type MailboxStatus } from '../core/domain/mailbox-lifecycle.ts';
import { firstActiveHold } from '../core/repositories/legal-holds.ts';
import { createMailboxRepository } from '../core/repositories/mailboxes.ts';
import { publishMailboxChanged } from '../core/pubsub/notify-change.ts';
import { kickSessions } from '../core/services/session-kick.ts';

export async function changeMailboxStatus(app: FastifyInstance, request: FastifyRequest, id: number, wanted: MailboxStatus, reason: string, now = new Date()) {
  const after = await app.prisma.$transaction(async (tx) => {
    const repo = createMailboxRepository(tx);
    await repo.lockForUpdate(id); // a purge run or a directory sync changing it meanwhile waits for us, and we for them
    const before = await repo.findById(id);
    if (!before) throw new NotFoundError('Mailbox', id);
    const change = planStatusChange({ status: before.status, purgeAfter: before.purgeAfter, purgedAt: before.purgedAt }, wanted, now, app.config.MAILBOX_PURGE_GRACE_DAYS);
    if (wanted === 'deleted') {
      const hold = await firstActiveHold(tx, id, now);
      if (hold) throw new ConflictError(`legal hold #${hold.id} (set by ${hold.setBy}: ${hold.reason}) covers this mailbox: it cannot be deleted while the hold lasts`);
    }
    // A staff decision is theirs: the directory sync no longer treats this mailbox as one it took out (directoryGoneAt).
    await tx.mailbox.update({
      where: { id },
      data: { ...change, statusReason: reason.trim(), statusChangedAt: now, directoryGoneAt: null },
    });
    const after = (await repo.findById(id))!;
    const restored = before.status === 'deleted' && wanted !== 'deleted';
    await app.audit.record(request, {
      action: wanted === 'deleted' ? 'mailbox.delete' : restored ? 'mailbox.restore' : 'mailbox.status',
      entityType: 'mailbox', entityId: id,
      before: { status: before.status, purgeAfter: before.purgeAfter },
      after: { status: after.status, reason: after.statusReason, purgeAfter: after.purgeAfter },
    }, tx);
    return after;
  });

  // After the commit: the policy service answers for the new status within milliseconds (its periodic reload catches
  // a lost message), and sessions opened before the change end now instead of at their next login.
  await publishMailboxChanged(app.redis, app.config.QUEUE_PREFIX, [id]).catch((err: unknown) => app.log.warn({ err }, 'policy cache notification failed'));
  if (!mayLogIn(wanted)) await kickSessions(app.config, [after.imapLogin], app.log).catch((err: unknown) => app.log.warn({ err }, 'session kick failed'));
  return after;
}
