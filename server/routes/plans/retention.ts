// Assigning a retention policy to a quota plan: every mailbox on the plan (without an override of its own)
// follows it. Mounted under /api/plans next to the plan resource.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, IdParams, Nullable, authErrors } from '../../schemas/common.ts';
import { PolicyAssignSchema } from '../../schemas/retention.ts';
import { OPS } from '../../core/domain/roles.ts';
import { InvalidInputError, NotFoundError } from '../../core/domain/errors.ts';

const PlanPolicySchema = Type.Object({
  planId: Type.Integer(),
  policy: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  mailboxesFollowing: Type.Integer({ description: 'Mailboxes on this plan without a policy of their own' }),
});

const planRetentionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put('/:id/retention-policy', {
    config: { access: { roles: OPS } },
    schema: { tags: ['retention'], summary: 'Assign a retention policy to a plan, or null for the default policy', params: IdParams, body: PolicyAssignSchema, response: { 200: PlanPolicySchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const { id } = request.params;
    const { policyId } = request.body;
    return app.prisma.$transaction(async (tx) => {
      const before = await tx.quotaPlan.findUnique({ where: { id }, select: { retentionPolicyId: true } });
      if (!before) throw new NotFoundError('Plan', id);
      const policy = policyId === null ? null : await tx.retentionPolicy.findUnique({ where: { id: policyId }, select: { id: true, name: true } });
      if (policyId !== null && !policy) throw new InvalidInputError('body.policyId', `refers to no retention policy (${policyId})`);
      await tx.quotaPlan.update({ where: { id }, data: { retentionPolicyId: policyId } });
      const mailboxesFollowing = await tx.mailbox.count({ where: { planId: id, retentionPolicyId: null } });
      await app.audit.record(request, { action: 'plan.retention_policy', entityType: 'plan', entityId: id, before, after: { retentionPolicyId: policyId, mailboxesFollowing } }, tx);
      return { planId: id, policy, mailboxesFollowing };
    });
  });
};

export default planRetentionRoutes;
