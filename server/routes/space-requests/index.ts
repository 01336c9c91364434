// Requests for more space that mail users file from /me (#20): help desk's queue. Approving grants a temporary increase
// (services/space-requests.ts, through services/temporary-increases.ts); refusing needs a note. The user gets a notice
// either way.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DateTime, ErrorSchema, IdParams, ListQuerystring, Nullable, authErrors } from '../../schemas/common.ts';
import { LimitBytes } from '../../schemas/plan.ts';
import { ANY_STAFF } from '../../core/domain/roles.ts';
import { filterValue, parseListQuery } from '../../core/repositories/list-query.ts';
import type { SpaceRequestFilter } from '../../core/repositories/space-requests.ts';
import { createSpaceRequestService } from '../../services/space-requests.ts';
import { createTemporaryIncreaseService } from '../../services/temporary-increases.ts';
import { afterLimitChange } from '../../services/limit-changes.ts';
import { sendList } from '../../http/list-reply.ts';
import { actorOf } from '../../http/actor.ts';

const STATUSES = ['pending', 'approved', 'refused'] as const;

const SpaceRequestSchema = Type.Object({
  id: Type.Integer(),
  mailboxId: Type.Integer(),
  address: Type.String(),
  extraBytes: Type.Number(),
  reason: Type.String(),
  until: DateTime,
  status: Type.Enum([...STATUSES]),
  createdAt: DateTime,
  decidedAt: Nullable(DateTime),
  decidedBy: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
  increaseId: Nullable(Type.Integer({ description: 'The temporary increase an approval granted' })),
});

const ApproveSchema = Type.Object({
  extraBytes: Type.Optional(LimitBytes),
  until: Type.Optional(Type.String({ format: 'date-time', description: 'Grant until another date than the one asked for' })),
  note: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });

const RefuseSchema = Type.Object({
  note: Type.String({ minLength: 3, maxLength: 500, description: 'Why (kept with the request and in the audit log)' }),
}, { additionalProperties: false });

const listSpec = {
  sortable: ['id', 'createdAt', 'until', 'status'],
  defaultSort: ['createdAt', 'desc'] as [string, 'desc'],
  parseFilter: (raw: Record<string, unknown>): SpaceRequestFilter => ({
    mailboxId: filterValue.id(raw, 'mailboxId'),
    status: filterValue.oneOf(raw, 'status', STATUSES),
    ids: filterValue.ids(raw),
  }),
};

const spaceRequestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['space-requests'];
  const access = { roles: ANY_STAFF };
  const increases = createTemporaryIncreaseService(app.prisma, app.audit, (ids) => afterLimitChange(app, ids));
  const requests = createSpaceRequestService(app.prisma, app.audit, app.queues.notify, increases);

  app.get('/', {
    config: { access },
    schema: { tags, summary: 'List requests for more space (filter: status, mailboxId)', querystring: ListQuerystring, response: { 200: Type.Array(SpaceRequestSchema), ...authErrors } },
  }, async (request, reply) => {
    const query = parseListQuery(request.query, listSpec);
    const { rows, total } = await requests.list(query);
    return sendList(reply, 'space-requests', query.skip, rows, total);
  });

  app.get('/:id', {
    config: { access },
    schema: { tags, summary: 'One request for more space', params: IdParams, response: { 200: SpaceRequestSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => requests.get(request.params.id));

  app.post('/:id/approve', {
    config: { access },
    schema: {
      tags, summary: 'Approve: grant a temporary increase (the size and date asked for, unless given here); the user is told',
      params: IdParams, body: ApproveSchema, response: { 200: SpaceRequestSchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors },
    },
  }, async (request) => requests.approve(actorOf(request), request.params.id, request.body));

  app.post('/:id/refuse', {
    config: { access },
    schema: { tags, summary: 'Refuse, with a note; the user is told', params: IdParams, body: RefuseSchema, response: { 200: SpaceRequestSchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request) => requests.refuse(actorOf(request), request.params.id, request.body.note));
};

export default spaceRequestRoutes;
