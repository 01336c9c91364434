// Notifications as the API shows them: plain async methods, null for not found. The message data (the facts a
// notice was rendered from) and the dedupe key stay internal: the select below is the API's view.
import type { DbOrTx, Prisma } from '../lib/prisma.ts';
import type { ListQuery } from './list-query.ts';
import type { NotificationKind, NotificationStatus } from '../../generated/prisma/enums.ts';

export interface ResendData {
  mailboxId: number; kind: NotificationKind; threshold: number | null; dedupeKey: string; resendOfId: number;
  toAddress: string; ccAddress: string | null; data: Prisma.InputJsonValue;
}

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

    /** What a resend decides on; null for no such notification. */
    findForResend: (id: number) => db.notification.findUnique({ where: { id }, select: { id: true, mailboxId: true, resendOfId: true, status: true } }),

    /** The whole row, with the facts it was rendered from: for a resend, never an API answer. */
    findStored: (id: number) => db.notification.findUnique({ where: { id } }),

    /** The statuses of the resends of notice `rootId`, one per resend. */
    async resendStatuses(rootId: number): Promise<NotificationStatus[]> {
      return (await db.notification.findMany({ where: { resendOfId: rootId }, select: { status: true } })).map((r) => r.status);
    },

    createResend: (data: ResendData) => db.notification.create({ data, select: { id: true, toAddress: true, ccAddress: true, dedupeKey: true } }),
  };
}
