// Notifications sent (or pending, or failed) to users: the history on the mailbox page, and "resend" for
// help desk (services/notice-resend.ts explains why a resend is a new row linked to the original).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DateTime, ErrorSchema, IdParams, ListQuerystring, Nullable, authErrors } from '../../schemas/common.ts';
import { ANY_STAFF } from '../../core/domain/roles.ts';
import { filterValue, parseListQuery } from '../../core/repositories/list-query.ts';
import { NotFoundError } from '../../core/domain/errors.ts';
import { sendList } from '../../http/list-reply.ts';
import { recordResend } from '../../services/notice-resend.ts';
import { enqueueNotifications } from '../../core/services/quota-notices.ts';

const KINDS = ['near_quota', 'over_quota', 'back_under', 'increase_ending', 'increase_ended', 'expiry_notice'] as const;
// sending: claimed by a worker, SMTP in progress; unknown: that worker stopped before recording the SMTP answer, so
// the notice may or may not have been delivered and is not retried automatically (services/notice-delivery.ts).
const STATUSES = ['pending', 'sending', 'sent', 'failed', 'unknown'] as const;

const NotificationSchema = Type.Object({
  id: Type.Integer(),
  mailboxId: Type.Integer(),
  kind: Type.Enum([...KINDS]),
  threshold: Nullable(Type.Integer()),
  toAddress: Type.String(),
  ccAddress: Nullable(Type.String()),
  status: Type.Enum([...STATUSES]),
  attempts: Type.Integer(),
  subject: Nullable(Type.String()),
  smtpMessageId: Nullable(Type.String()),
  error: Nullable(Type.String()),
  sentAt: Nullable(DateTime),
  claimedAt: Nullable(DateTime),
  createdAt: DateTime,
  resendOfId: Nullable(Type.Integer({ description: 'For a staff resend: the notification it repeats' })),
});

const ResendBodySchema = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 500, description: 'Why it is sent again (kept in the audit log)' }) },
  { additionalProperties: false },
);

const listSpec = {
  sortable: ['id', 'createdAt', 'sentAt', 'kind', 'status'],
  defaultSort: ['createdAt', 'desc'] as [string, 'desc'],
  parseFilter: (raw: Record<string, unknown>) => ({
    mailboxId: filterValue.id(raw, 'mailboxId'),
    kind: filterValue.oneOf(raw, 'kind', KINDS),
    status: filterValue.oneOf(raw, 'status', STATUSES),
    ids: filterValue.ids(raw),
  }),
};

const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['notifications'];
  const select = { id: true, mailboxId: true, kind: true, threshold: true, toAddress: true, ccAddress: true, status: true, attempts: true, subject: true, smtpMessageId: true, error: true, sentAt: true, claimedAt: true, createdAt: true, resendOfId: true } as const;

  app.get('/', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, summary: 'List notifications', querystring: ListQuerystring, response: { 200: Type.Array(NotificationSchema), ...authErrors } },
  }, async (request, reply) => {
    const query = parseListQuery(request.query, listSpec);
    const { ids, ...f } = query.filter;
    const where = { ...f, ...(ids ? { id: { in: ids } } : {}) };
    const [rows, total] = await Promise.all([
      app.prisma.notification.findMany({ where, orderBy: [{ [query.sortField]: query.sortOrder }, { id: 'desc' }], skip: query.skip, take: query.take, select }),
      app.prisma.notification.count({ where }),
    ]);
    return sendList(reply, 'notifications', query.skip, rows, total);
  });

  app.get('/:id', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, params: IdParams, response: { 200: NotificationSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const row = await app.prisma.notification.findUnique({ where: { id: request.params.id }, select });
    if (!row) throw new NotFoundError('Notification', request.params.id);
    return row;
  });

  app.post('/:id/resend', {
    config: { access: { roles: ANY_STAFF } },
    schema: {
      tags, summary: 'Send a notice again (a new notification linked to it), to the mailbox\'s current recipients',
      params: IdParams, body: ResendBodySchema, response: { 202: NotificationSchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors },
    },
  }, async (request, reply) => {
    const { reason } = request.body;
    const resend = await app.prisma.$transaction(async (tx) => {
      const { original, resend } = await recordResend(tx, request.params.id);
      await app.audit.record(request, {
        action: 'mailbox.notice_resent', entityType: 'mailbox', entityId: original.mailboxId,
        before: { notificationId: original.id, kind: original.kind, status: original.status, toAddress: original.toAddress, sentAt: original.sentAt },
        after: { notificationId: resend.id, resendOf: original.id, toAddress: resend.toAddress, ccAddress: resend.ccAddress, reason },
      }, tx);
      return tx.notification.findUniqueOrThrow({ where: { id: resend.id }, select });
    });
    // After the commit, so the worker finds the row; jobId notification-<id> makes a repeat a no-op.
    await enqueueNotifications(app.queues.notify, [resend.id]);
    return reply.code(202).send(resend);
  });
};

export default notificationRoutes;
