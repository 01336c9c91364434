// Notifications sent (or pending, or failed) to users: the history on the mailbox page, and "resend" for
// help desk (services/notice-resend.ts explains why a resend is a new row linked to the original).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DateTime, ErrorSchema, IdParams, ListQuerystring, Nullable, authErrors } from '../../schemas/common.ts';
import { ANY_STAFF } from '../../core/domain/roles.ts';
import { filterValue, parseListQuery } from '../../core/repositories/list-query.ts';
import type { NotificationFilter } from '../../core/repositories/notifications.ts';
import { createNotificationService } from '../../services/notifications.ts';
import { sendList } from '../../http/list-reply.ts';
import { actorOf } from '../../http/actor.ts';

const KINDS = ['near_quota', 'over_quota', 'back_under', 'increase_ending', 'increase_ended', 'expiry_notice', 'space_request_approved', 'space_request_refused'] as const;
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

const NotificationContentSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.Enum([...KINDS]),
  status: Type.Enum([...STATUSES]),
  toAddress: Type.String(),
  ccAddress: Nullable(Type.String()),
  createdAt: DateTime,
  sentAt: Nullable(DateTime),
  attempts: Type.Integer(),
  subject: Type.String(),
  text: Type.String({ description: 'The plain-text body (the HTML part is the same words)' }),
  source: Type.Enum(['sent', 'template']),
  values: Type.Record(Type.String(), Type.String(), { description: 'The figures the notice was written with, as shown in it (usage, limit, percent, threshold, count, expiresAt, …)' }),
});

const ResendBodySchema = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 500, description: 'Why it is sent again (kept in the audit log)' }) },
  { additionalProperties: false },
);

const listSpec = {
  sortable: ['id', 'createdAt', 'sentAt', 'kind', 'status'],
  defaultSort: ['createdAt', 'desc'] as [string, 'desc'],
  parseFilter: (raw: Record<string, unknown>): NotificationFilter => ({
    mailboxId: filterValue.id(raw, 'mailboxId'),
    kind: filterValue.oneOf(raw, 'kind', KINDS),
    status: filterValue.oneOf(raw, 'status', STATUSES),
    ids: filterValue.ids(raw),
  }),
};

const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['notifications'];
  const notifications = createNotificationService(app.prisma, app.audit, app.queues.notify, app.config.PUBLIC_BASE_URL);

  app.get('/', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, summary: 'List notifications', querystring: ListQuerystring, response: { 200: Type.Array(NotificationSchema), ...authErrors } },
  }, async (request, reply) => {
    const query = parseListQuery(request.query, listSpec);
    const { rows, total } = await notifications.list(query);
    return sendList(reply, 'notifications', query.skip, rows, total);
  });

  app.get('/:id', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, params: IdParams, response: { 200: NotificationSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => notifications.get(request.params.id));

  app.get('/:id/content', {
    config: { access: { roles: ANY_STAFF } },
    schema: {
      tags, summary: 'What a notice said: its subject and text body, and the figures it was written with',
      description: "source 'sent': the text kept when a worker sent it. source 'template': not sent yet (or sent before bodies were kept): the current template rendered with the notice's frozen figures.",
      params: IdParams, response: { 200: NotificationContentSchema, 404: ErrorSchema, ...authErrors },
    },
  }, async (request) => notifications.content(request.params.id));

  app.post('/:id/resend', {
    config: { access: { roles: ANY_STAFF } },
    schema: {
      tags, summary: 'Send a notice again (a new notification linked to it), to the mailbox\'s current recipients',
      params: IdParams, body: ResendBodySchema, response: { 202: NotificationSchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors },
    },
  }, async (request, reply) => reply.code(202).send(await notifications.resend(actorOf(request), request.params.id, request.body.reason)));
};

export default notificationRoutes;
