// GET /api/mailboxes/:id/largest-messages: the largest messages across the mailbox's folders ("why is it full"),
// read over IMAP by a worker while the request waits (server/services/largest-messages.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DateTime, ErrorSchema, IdParams, Nullable, authErrors } from '../../schemas/common.ts';
import { ANY_STAFF } from '../../core/domain/roles.ts';
import { createLargestMessagesService } from '../../services/largest-messages.ts';
import { actorOf } from '../../http/actor.ts';

const MAX_LIMIT = 100;

const LargestMessagesSchema = Type.Object({
  mailboxId: Type.Integer(),
  at: DateTime,
  method: Type.Union([Type.Literal('sort'), Type.Literal('fetch')], { description: "sort: the server's SORT (REVERSE SIZE); fetch: every message's RFC822.SIZE" }),
  withMetadata: Type.Boolean({ description: 'Subjects and senders are included (the message-metadata permission)' }),
  messages: Type.Array(Type.Object({
    folder: Type.String(),
    uid: Type.Integer(),
    size: Type.Integer(),
    date: Nullable(Type.String({ format: 'date-time' })),
    subject: Nullable(Type.String()),
    from: Nullable(Type.String()),
  }), { maxItems: MAX_LIMIT }),
  errors: Type.Array(Type.Object({ folder: Type.String(), error: Type.String() })),
});

const largestMessagesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createLargestMessagesService(app.prisma, app.audit, app.mailboxReads);

  app.get('/:id/largest-messages', {
    config: { access: { roles: ANY_STAFF } },
    schema: {
      tags: ['mailboxes'],
      summary: 'The largest messages across all folders, largest first (read over IMAP by a worker, read-only)',
      description: 'Subjects and senders only for staff with the message-metadata permission. 409 when the IMAP server refuses the mailbox login, 429 when too many reads wait, 503 when no worker answers in time.',
      params: IdParams,
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: 20 })) }, { additionalProperties: false }),
      response: { 200: LargestMessagesSchema, 404: ErrorSchema, 409: ErrorSchema, 429: ErrorSchema, 503: ErrorSchema, ...authErrors },
    },
  }, async (request) => service.read(actorOf(request), request.params.id, request.query.limit ?? 20, request.staff!.canViewMessageMetadata));
};

export default largestMessagesRoutes;
