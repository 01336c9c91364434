// Quota plans (services/plans.ts). Dovecot's userdb view computes limits at login, so a plan's new limit counts at once; the stored
// limit of every mailbox on the plan, and the warnings a lowered quota must send, are the plan-limits job's work
// (jobs/workers/plan-limits.ts): a plan may hold 100,000 mailboxes, too many to re-evaluate inside a request.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, IdParams, ListQuerystring, authErrors } from '../../schemas/common.ts';
import { PlanCreateSchema, PlanSchema, PlanUpdateSchema } from '../../schemas/plan.ts';
import { ANY_STAFF, OPS } from '../../core/domain/roles.ts';
import { filterValue, parseListQuery } from '../../core/repositories/list-query.ts';
import type { PlanFilter } from '../../core/repositories/plans.ts';
import { createPlanService } from '../../services/plans.ts';
import { actorOf } from '../../http/actor.ts';
import { enqueuePlanLimits } from '../../services/limit-changes.ts';
import { sendList } from '../../http/list-reply.ts';
import { publishMailboxChanged } from '../../core/pubsub/notify-change.ts';

const listSpec = {
  sortable: ['id', 'name', 'storageLimitBytes', 'mailboxCount', 'isDefault'],
  defaultSort: ['name', 'asc'] as [string, 'asc'],
  parseFilter: (raw: Record<string, unknown>): PlanFilter => ({ q: filterValue.string(raw, 'q'), ids: filterValue.ids(raw) }),
};

const planRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const plans = createPlanService(app.prisma, app.audit, {
    planLimits: (data) => enqueuePlanLimits(app, data),
    deliveryRulesChanged: () => publishMailboxChanged(app.redis, app.config.QUEUE_PREFIX, 'all')
      .catch((err: unknown) => app.log.warn({ err }, 'policy cache notification failed')),
  });
  const tags = ['plans'];

  app.get('/', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, summary: 'List quota plans', querystring: ListQuerystring, response: { 200: Type.Array(PlanSchema), ...authErrors } },
  }, async (request, reply) => {
    const query = parseListQuery(request.query, listSpec);
    const { rows, total } = await plans.list(query);
    return sendList(reply, 'plans', query.skip, rows, total);
  });

  app.get('/:id', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, params: IdParams, response: { 200: PlanSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => plans.get(request.params.id));

  app.post('/', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Create a quota plan', body: PlanCreateSchema, response: { 201: PlanSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request, reply) => reply.code(201).send(await plans.create(actorOf(request), request.body)));

  app.put('/:id', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Update a quota plan', params: IdParams, body: PlanUpdateSchema, response: { 200: PlanSchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const { id: _id, mailboxCount: _count, ...changes } = request.body;
    return plans.update(actorOf(request), request.params.id, changes);
  });

  app.delete('/:id', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Delete an unused quota plan', params: IdParams, response: { 200: PlanSchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request) => plans.remove(actorOf(request), request.params.id));
};

export default planRoutes;
