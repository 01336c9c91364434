// Quota plans for the API: create, change and delete a plan with its audit event in one transaction. What a change
// sets off afterwards (the plan-limits job for the stored limits and warnings, the policy service's reload when grace
// or the reply kind move) is the caller's to run through `after`, once the transaction has committed.
import type { Db } from '../core/lib/prisma.ts';
import type { AuditLog } from '../core/repositories/audit-log.ts';
import { createPlanRepository, type PlanFilter } from '../core/repositories/plans.ts';
import type { ListQuery } from '../core/repositories/list-query.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../core/domain/errors.ts';
import { checkThresholds } from '../core/domain/plan-rules.ts';
import type { JobPayloads } from '../core/queues/registry.ts';
import type { StaffActor } from './actor.ts';

type PlanRepository = ReturnType<typeof createPlanRepository>;
export type PlanInput = Parameters<PlanRepository['create']>[0] & { isDefault?: boolean };
export type PlanChanges = Parameters<PlanRepository['update']>[1] & { retentionPolicyId?: number | null; reason?: string };

/** Runs after a commit: recompute the stored limits of a plan's mailboxes, or reload every SMTP-time decision. */
export interface PlanEffects {
  planLimits(data: JobPayloads['plan-limits']): Promise<void>;
  deliveryRulesChanged(): Promise<void>;
}

export function createPlanService(db: Db, audit: AuditLog, effects: PlanEffects) {
  const plans = createPlanRepository(db);
  return {
    list: (query: ListQuery<PlanFilter>) => plans.list(query),

    async get(id: number) {
      const plan = await plans.findById(id);
      if (!plan) throw new NotFoundError('Plan', id);
      return plan;
    },

    async create(actor: StaffActor, input: PlanInput) {
      checkThresholds(input.warnThresholds);
      const plan = await db.$transaction(async (tx) => {
        const repo = createPlanRepository(tx);
        let created = await repo.create(input);
        if (input.isDefault) {
          await repo.makeDefault(created.id);
          created = (await repo.findById(created.id))!;
        }
        await audit.record(actor, { action: 'plan.create', entityType: 'plan', entityId: created.id, after: created }, tx);
        return created;
      });
      // A new default plan governs the mailboxes without a plan.
      if (plan.isDefault) await effects.planLimits({ planId: plan.id, withoutPlan: true });
      return plan;
    },

    async update(actor: StaffActor, id: number, input: PlanChanges) {
      const { retentionPolicyId, reason, ...changes } = input;
      checkThresholds(changes.warnThresholds);
      // Counted beside the transaction, not inside it: the count of a 100,000-mailbox plan is most of this request.
      const mailboxCount = plans.countMailboxes(id);
      mailboxCount.catch(() => undefined); // awaited below; a failed transaction must not leave it unhandled
      const { plan, limitMoved, deliveryRulesMoved, withoutPlan } = await db.$transaction(async (tx) => {
        const repo = createPlanRepository(tx);
        const before = await repo.findFields(id);
        if (!before) throw new NotFoundError('Plan', id);
        if (retentionPolicyId !== undefined && retentionPolicyId !== before.retentionPolicyId) {
          throw new InvalidInputError('body.retentionPolicyId', `is changed with PUT /api/plans/${id}/retention-policy, not here`);
        }
        let updated = await repo.update(id, changes);
        if (changes.isDefault && !before.isDefault) {
          await repo.makeDefault(id);
          updated = { ...updated, isDefault: true };
        }
        const note = reason?.trim() ? { reason: reason.trim() } : {};
        await audit.record(actor, { action: 'plan.update', entityType: 'plan', entityId: id, before, after: { ...updated, ...note } }, tx);
        return {
          plan: updated,
          limitMoved: updated.storageLimitBytes !== before.storageLimitBytes || updated.isDefault !== before.isDefault,
          deliveryRulesMoved: updated.gracePercent !== before.gracePercent || updated.overQuotaReply !== before.overQuotaReply,
          withoutPlan: updated.isDefault || before.isDefault,
        };
      });
      // The default plan (before or after this change) governs the mailboxes without a plan.
      if (limitMoved) await effects.planLimits({ planId: id, withoutPlan });
      // Grace and reply kind live on the plan: every mailbox's SMTP-time decision may change.
      if (deliveryRulesMoved) await effects.deliveryRulesChanged();
      return { ...plan, mailboxCount: await mailboxCount };
    },

    /** Only a plan no mailbox uses, and not the default one. */
    async remove(actor: StaffActor, id: number) {
      return db.$transaction(async (tx) => {
        const repo = createPlanRepository(tx);
        const before = await repo.findById(id);
        if (!before) throw new NotFoundError('Plan', id);
        if (before.mailboxCount > 0) throw new ConflictError(`Plan ${before.name} is used by ${before.mailboxCount} mailbox(es); move them to another plan first`);
        if (before.isDefault) throw new ConflictError(`Plan ${before.name} is the default plan; mark another plan as default first`);
        await repo.delete(id);
        await audit.record(actor, { action: 'plan.delete', entityType: 'plan', entityId: id, before }, tx);
        return before;
      });
    },
  };
}
