// Notifications as the API shows them: plain async methods, null for not found. The message data (the facts a
// notice was rendered from) and the dedupe key stay internal: the select below is the API's view.
import type { DbOrTx } from '../lib/prisma.ts';
import type { ListQuery } from './list-query.ts';
import type { NotificationKind, NotificationStatus } from '../../generated/prisma/enums.ts';

export interface NotificationFilter { mailboxId?: number; kind?: NotificationKind; status?: NotificationStatus; ids?: number[] }

const select = { id: true, mailboxId: true, kind: true, threshold: true, toAddress: true, ccAddress: true, status: true, attempts: true, subject: true, smtpMessageId: true, error: true, sentAt: true, claimedAt: true, createdAt: true, resendOfId: true } as const;

export function createNotificationRepository(db: DbOrTx) {
  return {
    async list(query: ListQuery<NotificationFilter>) {
      const { ids, mailboxId, kind, status } = query.filter;
      const where = { mailboxId, kind, status, ...(ids ? { id: { in: ids } } : {}) };
      const [rows, total] = await Promise.all([
        db.notification.findMany({ where, orderBy: [{ [query.sortField]: query.sortOrder }, { id: 'desc' }], skip: query.skip, take: query.take, select }),
        db.notification.count({ where }),
      ]);
      return { rows, total };
    },

    findById: (id: number) => db.notification.findUnique({ where: { id }, select }),
  };
}
