// Notifications for the API: the history on the mailbox page, and a staff resend (services/notice-resend.ts
// records it). The resend row and its audit event commit together; the notify job is queued after the commit,
// so the worker finds the row.
import type { Db } from '../core/lib/prisma.ts';
import type { Queues } from '../core/queues/registry.ts';
import type { AuditLog } from '../core/repositories/audit-log.ts';
import type { ListQuery } from '../core/repositories/list-query.ts';
import { createNotificationRepository, type NotificationFilter } from '../core/repositories/notifications.ts';
import { NotFoundError } from '../core/domain/errors.ts';
import { enqueueNotifications } from '../core/services/quota-notices.ts';
import { recordResend } from './notice-resend.ts';
import type { StaffActor } from './actor.ts';

export function createNotificationService(db: Db, audit: AuditLog, notifyQueue: Queues['notify']) {
  const notifications = createNotificationRepository(db);
  return {
    list: (query: ListQuery<NotificationFilter>) => notifications.list(query),

    async get(id: number) {
      const row = await notifications.findById(id);
      if (!row) throw new NotFoundError('Notification', id);
      return row;
    },

    /** Sends a notice again, as a new notification linked to it; `reason` goes to the audit log. */
    async resend(actor: StaffActor, id: number, reason: string) {
      const resend = await db.$transaction(async (tx) => {
        const { original, resend } = await recordResend(tx, id);
        await audit.record(actor, {
          action: 'mailbox.notice_resent', entityType: 'mailbox', entityId: original.mailboxId,
          before: { notificationId: original.id, kind: original.kind, status: original.status, toAddress: original.toAddress, sentAt: original.sentAt },
          after: { notificationId: resend.id, resendOf: original.id, toAddress: resend.toAddress, ccAddress: resend.ccAddress, reason },
        }, tx);
        return (await createNotificationRepository(tx).findById(resend.id))!;
      });
      // jobId notification-<id> makes a repeat a no-op.
      await enqueueNotifications(notifyQueue, [resend.id]);
      return resend;
    },
  };
}
