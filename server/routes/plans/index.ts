// Quota plans. Dovecot's userdb view computes limits at login, so a plan's new limit counts at once; the stored
// limit of every mailbox on the plan, and the warnings a lowered quota must send, are the plan-limits job's work
// (jobs/workers/plan-limits.ts): a plan may hold 100,000 mailboxes, too many to re-evaluate inside a request.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, IdParams, ListQuerystring, authErrors } from '../../schemas/common.ts';
import { PlanCreateSchema, PlanSchema, PlanUpdateSchema } from '../../schemas/plan.ts';
import { ANY_STAFF, OPS } from '../../core/domain/roles.ts';
import { filterValue, parseListQuery } from '../../core/repositories/list-query.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../../core/domain/errors.ts';
import { checkThresholds } from '../../core/domain/plan-rules.ts';
import { createPlanRepository, type PlanFilter } from '../../core/repositories/plans.ts';
import { enqueuePlanLimits } from '../../services/limit-changes.ts';
import { sendList } from '../../http/list-reply.ts';
import { publishMailboxChanged } from '../../core/pubsub/notify-change.ts';

const listSpec = {
  sortable: ['id', 'name', 'storageLimitBytes', 'mailboxCount', 'isDefault'],
  defaultSort: ['name', 'asc'] as [string, 'asc'],
  parseFilter: (raw: Record<string, unknown>): PlanFilter => ({ q: filterValue.string(raw, 'q'), ids: filterValue.ids(raw) }),
};

const planRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const plans = createPlanRepository(app.prisma);
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
  }, async (request) => {
    const plan = await plans.findById(request.params.id);
    if (!plan) throw new NotFoundError('Plan', request.params.id);
    return plan;
  });

  app.post('/', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Create a quota plan', body: PlanCreateSchema, response: { 201: PlanSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request, reply) => {
    checkThresholds(request.body.warnThresholds);
    const plan = await app.prisma.$transaction(async (tx) => {
      const repo = createPlanRepository(tx);
      let plan = await repo.create(request.body);
      if (request.body.isDefault) {
        await repo.makeDefault(plan.id);
        plan = (await repo.findById(plan.id))!;
      }
      await app.audit.record(request, { action: 'plan.create', entityType: 'plan', entityId: plan.id, after: plan }, tx);
      return plan;
    });
    // A new default plan governs the mailboxes without a plan.
    if (plan.isDefault) await enqueuePlanLimits(app, { planId: plan.id, withoutPlan: true });
    return reply.code(201).send(plan);
  });

  app.put('/:id', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Update a quota plan', params: IdParams, body: PlanUpdateSchema, response: { 200: PlanSchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const { id } = request.params;
    const { id: _id, mailboxCount: _count, retentionPolicyId, reason, ...changes } = request.body;
    checkThresholds(changes.warnThresholds);
    // Counted beside the transaction, not inside it: the count of a 100,000-mailbox plan is most of this request.
    const mailboxCount = plans.countMailboxes(id);
    mailboxCount.catch(() => undefined); // awaited below; a failed transaction must not leave it unhandled
    const { plan, limitMoved, deliveryRulesMoved, withoutPlan } = await app.prisma.$transaction(async (tx) => {
      const repo = createPlanRepository(tx);
      const before = await repo.findFields(id);
      if (!before) throw new NotFoundError('Plan', id);
      if (retentionPolicyId !== undefined && retentionPolicyId !== before.retentionPolicyId) {
        throw new InvalidInputError('body.retentionPolicyId', `is changed with PUT /api/plans/${id}/retention-policy, not here`);
      }
      let plan = await repo.update(id, changes);
      if (changes.isDefault && !before.isDefault) {
        await repo.makeDefault(id);
        plan = { ...plan, isDefault: true };
      }
      const limitMoved = plan.storageLimitBytes !== before.storageLimitBytes || plan.isDefault !== before.isDefault;
      await app.audit.record(request, { action: 'plan.update', entityType: 'plan', entityId: id, before, after: { ...plan, ...(reason?.trim() ? { reason: reason.trim() } : {}) } }, tx);
      const deliveryRulesMoved = plan.gracePercent !== before.gracePercent || plan.overQuotaReply !== before.overQuotaReply;
      return { plan, limitMoved, deliveryRulesMoved, withoutPlan: plan.isDefault || before.isDefault };
    });
    // The default plan (before or after this change) governs the mailboxes without a plan.
    if (limitMoved) await enqueuePlanLimits(app, { planId: id, withoutPlan });
    // Grace and reply kind live on the plan: every mailbox's SMTP-time decision may change.
    if (deliveryRulesMoved) await publishMailboxChanged(app.redis, app.config.QUEUE_PREFIX, 'all').catch((err: unknown) => app.log.warn({ err }, 'policy cache notification failed'));
    return { ...plan, mailboxCount: await mailboxCount };
  });

  app.delete('/:id', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Delete an unused quota plan', params: IdParams, response: { 200: PlanSchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const { id } = request.params;
    return app.prisma.$transaction(async (tx) => {
      const repo = createPlanRepository(tx);
      const before = await repo.findById(id);
      if (!before) throw new NotFoundError('Plan', id);
      if (before.mailboxCount > 0) throw new ConflictError(`Plan ${before.name} is used by ${before.mailboxCount} mailbox(es); move them to another plan first`);
      if (before.isDefault) throw new ConflictError(`Plan ${before.name} is the default plan; mark another plan as default first`);
      await repo.delete(id);
      await app.audit.record(request, { action: 'plan.delete', entityType: 'plan', entityId: id, before }, tx);
      return before;
    });
  });
};

export default planRoutes;
