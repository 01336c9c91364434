// Assigning a retention policy to a quota plan (every mailbox on the plan without a policy of its own follows it) or
// to one mailbox (an override of its plan's). Each assignment and its audit event commit together.
import type { Db } from '../core/lib/prisma.ts';
import type { AuditLog } from '../core/repositories/audit-log.ts';
import { createMailboxRepository } from '../core/repositories/mailboxes.ts';
import { createPlanRepository } from '../core/repositories/plans.ts';
import { createRetentionPolicyRepository } from '../core/repositories/retention-policies.ts';
import { InvalidInputError, NotFoundError } from '../core/domain/errors.ts';
import type { StaffActor } from './actor.ts';

export function createRetentionAssignment(db: Db, audit: AuditLog) {
  return {
    /** policyId null: the plan's mailboxes follow the default policy. */
    async assignToPlan(actor: StaffActor, planId: number, policyId: number | null) {
      return db.$transaction(async (tx) => {
        const plans = createPlanRepository(tx);
        const before = await plans.findRetentionPolicyId(planId);
        if (!before) throw new NotFoundError('Plan', planId);
        const policy = policyId === null ? null : await createRetentionPolicyRepository(tx).findRef(policyId);
        if (policyId !== null && !policy) throw new InvalidInputError('body.policyId', `refers to no retention policy (${policyId})`);
        await plans.setRetentionPolicy(planId, policyId);
        const mailboxesFollowing = await plans.countFollowingRetention(planId);
        await audit.record(actor, { action: 'plan.retention_policy', entityType: 'plan', entityId: planId, before, after: { retentionPolicyId: policyId, mailboxesFollowing } }, tx);
        return { planId, policy, mailboxesFollowing };
      });
    },

    /** policyId null: the mailbox follows its plan's policy again. */
    async assignToMailbox(actor: StaffActor, mailboxId: number, policyId: number | null) {
      await db.$transaction(async (tx) => {
        const mailboxes = createMailboxRepository(tx);
        const before = await mailboxes.findRetentionPolicyId(mailboxId);
        if (!before) throw new NotFoundError('Mailbox', mailboxId);
        if (policyId !== null && !(await createRetentionPolicyRepository(tx).findRef(policyId))) {
          throw new InvalidInputError('body.policyId', `refers to no retention policy (${policyId})`);
        }
        await mailboxes.setRetentionPolicy(mailboxId, policyId);
        await audit.record(actor, { action: 'mailbox.retention_policy', entityType: 'mailbox', entityId: mailboxId, before, after: { retentionPolicyId: policyId } }, tx);
      });
    },
  };
}
