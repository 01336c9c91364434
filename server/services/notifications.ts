// Notifications for the API: the history on the mailbox page, and a staff resend (services/notice-resend.ts
// records it). The resend row and its audit event commit together; the notify job is queued after the commit,
// so the worker finds the row.
import type { Db } from '../core/lib/prisma.ts';
import type { Queues } from '../core/queues/registry.ts';
import type { AuditLog } from '../core/repositories/audit-log.ts';
import type { ListQuery } from '../core/repositories/list-query.ts';
import { createNotificationRepository, type NotificationFilter } from '../core/repositories/notifications.ts';
import { NotFoundError } from '../core/domain/errors.ts';
import { DEFAULT_TEMPLATES, render, templateData, type NoticeFacts } from '../core/domain/templates.ts';
import { createNotificationTemplateRepository } from '../core/repositories/notification-templates.ts';
import { enqueueNotifications } from '../core/services/quota-notices.ts';
import { recordResend } from './notice-resend.ts';
import type { StaffActor } from './actor.ts';

/** The help link a notice carries (the worker builds the same one: jobs/workers/notify.ts). */
const helpUrlFor = (publicBaseUrl: string, address: string) => `${publicBaseUrl.replace(/\/$/, '')}/help?email=${encodeURIComponent(address)}`;

export function createNotificationService(db: Db, audit: AuditLog, notifyQueue: Queues['notify'], publicBaseUrl: string) {
  const notifications = createNotificationRepository(db);
  return {
    list: (query: ListQuery<NotificationFilter>) => notifications.list(query),

    async get(id: number) {
      const row = await notifications.findById(id);
      if (!row) throw new NotFoundError('Notification', id);
      return row;
    },

    /**
     * What a notice said: the text kept when it was sent (source 'sent'), or, for a notice not sent yet or sent before
     * bodies were kept, the current template rendered with its frozen figures (source 'template'); and those figures.
     */
    async content(id: number) {
      const row = await notifications.findStored(id);
      if (!row) throw new NotFoundError('Notification', id);
      const facts = row.data as unknown as NoticeFacts;
      const values = templateData(facts, helpUrlFor(publicBaseUrl, facts.address));
      const template = (await createNotificationTemplateRepository(db).find(row.kind)) ?? DEFAULT_TEMPLATES[row.kind];
      const rendered = render(template, values);
      const sent = row.bodyText !== null;
      return {
        id: row.id, kind: row.kind, status: row.status, toAddress: row.toAddress, ccAddress: row.ccAddress,
        createdAt: row.createdAt, sentAt: row.sentAt, attempts: row.attempts,
        subject: sent ? row.subject ?? rendered.subject : rendered.subject,
        text: sent ? row.bodyText! : rendered.text,
        source: sent ? 'sent' as const : 'template' as const,
        values: values as Record<string, string>,
      };
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
