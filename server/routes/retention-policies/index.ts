// Retention policies with nested, ordered rules. Ops and admins write, all staff read. Rules are validated
// as a whole (domain/retention/rules.ts): order matters, as the first matching rule wins per folder.
// A policy in use (the default, or assigned to a plan or mailbox) cannot be deleted: 409 says what uses it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, IdParams, ListQuerystring, authErrors } from '../../schemas/common.ts';
import { PolicyCreateSchema, PolicySchema, PolicyUpdateSchema, type RuleInput } from '../../schemas/retention.ts';
import { RunEnqueuedSchema } from '../../schemas/expiry.ts';
import { ANY_STAFF, OPS } from '../../core/domain/roles.ts';
import { filterValue, parseListQuery } from '../../core/repositories/list-query.ts';
import { NotFoundError } from '../../core/domain/errors.ts';
import { normalizeRule, validateRules, type RuleSpec } from '../../core/domain/retention/rules.ts';
import { createRetentionPolicyRepository, type PolicyFilter } from '../../core/repositories/retention-policies.ts';
import { createRun, refuseWhilePaused } from '../../core/services/expiry-runs.ts';
import { actorOf } from '../../http/actor.ts';
import { sendList } from '../../http/list-reply.ts';
import { createRetentionPolicyService } from '../../services/retention-policies.ts';

const listSpec = {
  sortable: ['id', 'name', 'isDefault', 'createdAt', 'updatedAt'],
  defaultSort: ['name', 'asc'] as [string, 'asc'],
  parseFilter: (raw: Record<string, unknown>): PolicyFilter => ({
    q: filterValue.string(raw, 'q'), ids: filterValue.ids(raw), isDefault: filterValue.boolean(raw, 'isDefault'),
  }),
};

/** Defaults filled in, then validated together; ids and positions sent by the console are ignored. */
function checkedRules(input: RuleInput[]): RuleSpec[] {
  const rules = input.map(({ id: _id, position: _position, ...r }) => normalizeRule(r));
  validateRules(rules);
  return rules;
}

const policyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const policies = createRetentionPolicyRepository(app.prisma);
  const service = createRetentionPolicyService(app.prisma, app.audit);
  const tags = ['retention'];

  app.get('/', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, summary: 'List retention policies (with their rules)', querystring: ListQuerystring, response: { 200: Type.Array(PolicySchema), ...authErrors } },
  }, async (request, reply) => {
    const query = parseListQuery(request.query, listSpec);
    const { rows, total } = await policies.list(query);
    return sendList(reply, 'retention-policies', query.skip, rows, total);
  });

  app.get('/:id', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, summary: 'One retention policy', params: IdParams, response: { 200: PolicySchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const policy = await policies.findById(request.params.id);
    if (!policy) throw new NotFoundError('Retention policy', request.params.id);
    return policy;
  });

  app.post('/', {
    config: { access: { roles: OPS } },
    schema: {
      tags, summary: 'Create a retention policy',
      description: 'Rules are ordered; for each folder the first rule whose selector matches wins. Overlapping rules (identical selectors, or one entirely shadowed by an earlier glob), unknown special-use folders and moves into a folder that deletes sooner are refused with 400 naming body.rules.N.<field>.',
      body: PolicyCreateSchema, response: { 201: PolicySchema, 409: ErrorSchema, ...authErrors },
    },
  }, async (request, reply) => {
    const { rules, ...fields } = request.body;
    const specs = checkedRules(rules);
    const created = await service.create(actorOf(request), fields, specs);
    return reply.code(201).send(created);
  });

  app.put('/:id', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Update a retention policy (rules, when given, replace the old ones in order)', params: IdParams, body: PolicyUpdateSchema, response: { 200: PolicySchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const { name, description, isDefault, rules } = request.body;
    const specs = rules ? checkedRules(rules) : null;
    return service.update(actorOf(request), request.params.id, { name, description, isDefault }, specs);
  });

  app.delete('/:id', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Delete a retention policy nothing uses', params: IdParams, response: { 200: PolicySchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request) => service.remove(actorOf(request), request.params.id));

  app.post('/:id/preview', {
    config: { access: { roles: OPS } },
    schema: {
      tags, summary: 'Dry-run this policy across every active mailbox it governs (results as an expiry run)',
      description: 'Enqueues a dry run: nothing is changed. Follow GET /api/expiry-runs/{runId} and /api/expiry-mailbox-runs?filter={"runId":…}.',
      params: IdParams, response: { 202: RunEnqueuedSchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors },
    },
  }, async (request, reply) => {
    const { id } = request.params;
    const policy = await policies.findById(id);
    if (!policy) throw new NotFoundError('Retention policy', id);
    await refuseWhilePaused(app.queues);
    const run = await createRun(app.prisma, { scope: `policy:${id}`, dryRun: true, trigger: 'preview', createdBy: request.staff!.email });
    const job = await app.queues['expiry-sweep'].add('preview', { runId: run.id, policyId: id, dryRun: true, trigger: 'preview' });
    await app.audit.record(request, { action: 'retention_policy.preview', entityType: 'retention_policy', entityId: id, after: { runId: run.id, jobId: job.id } });
    return reply.code(202).send({ runId: run.id, jobId: String(job.id), queue: 'expiry-sweep' });
  });
};

export default policyRoutes;
