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
import { ConflictError, NotFoundError } from '../../core/domain/errors.ts';
import { normalizeRule, validateRules, type RuleSpec } from '../../core/domain/retention/rules.ts';
import { createRetentionPolicyRepository, type PolicyFilter } from '../../core/repositories/retention-policies.ts';
import { createRun, refuseWhilePaused } from '../../core/services/expiry-runs.ts';
import { sendList } from '../../http/list-reply.ts';

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
    const created = await app.prisma.$transaction(async (tx) => {
      const repo = createRetentionPolicyRepository(tx);
      let policy = await repo.create(fields, specs);
      if (fields.isDefault) {
        await repo.makeDefault(policy.id);
        policy = (await repo.findById(policy.id))!;
      }
      await app.audit.record(request, { action: 'retention_policy.create', entityType: 'retention_policy', entityId: policy.id, after: policy }, tx);
      return policy;
    });
    return reply.code(201).send(created);
  });

  app.put('/:id', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Update a retention policy (rules, when given, replace the old ones in order)', params: IdParams, body: PolicyUpdateSchema, response: { 200: PolicySchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const { id } = request.params;
    const { name, description, isDefault, rules } = request.body;
    const specs = rules ? checkedRules(rules) : null;
    return app.prisma.$transaction(async (tx) => {
      const repo = createRetentionPolicyRepository(tx);
      const before = await repo.findById(id);
      if (!before) throw new NotFoundError('Retention policy', id);
      await repo.update(id, { name, description, isDefault });
      if (specs) await repo.replaceRules(id, specs);
      if (isDefault && !before.isDefault) await repo.makeDefault(id);
      const after = (await repo.findById(id))!;
      await app.audit.record(request, { action: 'retention_policy.update', entityType: 'retention_policy', entityId: id, before, after }, tx);
      return after;
    });
  });

  app.delete('/:id', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Delete a retention policy nothing uses', params: IdParams, response: { 200: PolicySchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const { id } = request.params;
    return app.prisma.$transaction(async (tx) => {
      const repo = createRetentionPolicyRepository(tx);
      const before = await repo.findById(id);
      if (!before) throw new NotFoundError('Retention policy', id);
      const usage = await repo.usage(id);
      const users = [
        ...(before.isDefault ? ['it is the default policy (mark another policy as default first)'] : []),
        ...(before.planCount ? [`plan(s) ${usage.planNames.map((n) => `"${n}"`).join(', ')}${before.planCount > usage.planNames.length ? ` and ${before.planCount - usage.planNames.length} more` : ''} assign it`] : []),
        ...(usage.mailboxCount ? [`${usage.mailboxCount} mailbox(es) are assigned it directly`] : []),
      ];
      if (users.length) throw new ConflictError(`Retention policy "${before.name}" is in use: ${users.join('; ')}. Reassign them before deleting it.`);
      await repo.delete(id);
      await app.audit.record(request, { action: 'retention_policy.delete', entityType: 'retention_policy', entityId: id, before }, tx);
      return before;
    });
  });

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
