// Assigning a retention policy to a quota plan: every mailbox on the plan (without an override of its own)
// follows it. Mounted under /api/plans next to the plan resource.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, IdParams, Nullable, authErrors } from '../../schemas/common.ts';
import { PolicyAssignSchema } from '../../schemas/retention.ts';
import { OPS } from '../../core/domain/roles.ts';
import { createRetentionAssignment } from '../../services/retention-assignment.ts';
import { actorOf } from '../../http/actor.ts';

const PlanPolicySchema = Type.Object({
  planId: Type.Integer(),
  policy: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  mailboxesFollowing: Type.Integer({ description: 'Mailboxes on this plan without a policy of their own' }),
});

const planRetentionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const assignment = createRetentionAssignment(app.prisma, app.audit);
  app.put('/:id/retention-policy', {
    config: { access: { roles: OPS } },
    schema: { tags: ['retention'], summary: 'Assign a retention policy to a plan, or null for the default policy', params: IdParams, body: PolicyAssignSchema, response: { 200: PlanPolicySchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => assignment.assignToPlan(actorOf(request), request.params.id, request.body.policyId));
};

export default planRetentionRoutes;
