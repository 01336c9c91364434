// Temporary quota increases: extra bytes until a date, with a reason. The effective limit (and so
// Dovecot's) changes in the same transaction (services/temporary-increases.ts); the maintenance job ends expired
// ones and tells the user.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DateTime, ErrorSchema, IdParams, ListQuerystring, Nullable, authErrors } from '../../schemas/common.ts';
import { LimitBytes } from '../../schemas/plan.ts';
import { ANY_STAFF } from '../../core/domain/roles.ts';
import { filterValue, parseListQuery } from '../../core/repositories/list-query.ts';
import type { IncreaseFilter } from '../../core/repositories/temporary-increases.ts';
import { createTemporaryIncreaseService } from '../../services/temporary-increases.ts';
import { afterLimitChange } from '../../services/limit-changes.ts';
import { sendList } from '../../http/list-reply.ts';
import { actorOf } from '../../http/actor.ts';

const IncreaseSchema = Type.Object({
  id: Type.Integer(),
  mailboxId: Type.Integer(),
  extraBytes: Type.Number(),
  reason: Type.String(),
  expiresAt: DateTime,
  createdBy: Type.String(),
  createdAt: DateTime,
  endedAt: Nullable(DateTime),
});

const IncreaseCreateSchema = Type.Object(
  {
    mailboxId: Type.Integer({ minimum: 1 }),
    extraBytes: LimitBytes,
    expiresAt: Type.String({ format: 'date-time' }),
    reason: Type.String({ minLength: 3, maxLength: 500 }),
  },
  { additionalProperties: false },
);

const listSpec = {
  sortable: ['id', 'expiresAt', 'createdAt'],
  defaultSort: ['expiresAt', 'desc'] as [string, 'desc'],
  parseFilter: (raw: Record<string, unknown>): IncreaseFilter => ({
    mailboxId: filterValue.id(raw, 'mailboxId'),
    active: filterValue.boolean(raw, 'active'),
  }),
};

const increaseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['temporary-increases'];
  const access = { roles: ANY_STAFF };
  const increases = createTemporaryIncreaseService(app.prisma, app.audit, (mailboxIds) => afterLimitChange(app, mailboxIds));

  app.get('/', {
    config: { access },
    schema: { tags, summary: 'List temporary increases', querystring: ListQuerystring, response: { 200: Type.Array(IncreaseSchema), ...authErrors } },
  }, async (request, reply) => {
    const query = parseListQuery(request.query, listSpec);
    const { rows, total } = await increases.list(query);
    return sendList(reply, 'temporary-increases', query.skip, rows, total);
  });

  app.post('/', {
    config: { access },
    schema: { tags, summary: 'Grant extra quota until a date', body: IncreaseCreateSchema, response: { 201: IncreaseSchema, ...authErrors } },
  }, async (request, reply) => reply.code(201).send(await increases.grant(actorOf(request), request.body)));

  app.delete('/:id', {
    config: { access },
    schema: { tags, summary: 'End an increase now (the limit reverts at once)', params: IdParams, response: { 200: IncreaseSchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request) => increases.end(actorOf(request), request.params.id));
};

export default increaseRoutes;
