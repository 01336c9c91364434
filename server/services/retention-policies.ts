// Retention policies for the API: create, change and delete a policy with its audit event in one transaction. Rules
// arrive already normalized and validated as a whole (domain/retention/rules.ts). A policy in use (the default, or
// assigned to a plan or mailbox) cannot be deleted: the 409 says what uses it.
import type { Db } from '../core/lib/prisma.ts';
import type { AuditLog } from '../core/repositories/audit-log.ts';
import { ConflictError, NotFoundError } from '../core/domain/errors.ts';
import type { RuleSpec } from '../core/domain/retention/rules.ts';
import { createRetentionPolicyRepository } from '../core/repositories/retention-policies.ts';
import type { StaffActor } from './actor.ts';

export interface PolicyFields { name: string; description?: string; isDefault?: boolean }

export function createRetentionPolicyService(db: Db, audit: AuditLog) {
  return {
    async create(actor: StaffActor, fields: PolicyFields, rules: RuleSpec[]) {
      return db.$transaction(async (tx) => {
        const repo = createRetentionPolicyRepository(tx);
        let policy = await repo.create(fields, rules);
        if (fields.isDefault) {
          await repo.makeDefault(policy.id);
          policy = (await repo.findById(policy.id))!;
        }
        await audit.record(actor, { action: 'retention_policy.create', entityType: 'retention_policy', entityId: policy.id, after: policy }, tx);
        return policy;
      });
    },

    /** Rules, when given, replace the old ones in order. */
    async update(actor: StaffActor, id: number, fields: Partial<PolicyFields>, rules: RuleSpec[] | null) {
      return db.$transaction(async (tx) => {
        const repo = createRetentionPolicyRepository(tx);
        const before = await repo.findById(id);
        if (!before) throw new NotFoundError('Retention policy', id);
        await repo.update(id, fields);
        if (rules) await repo.replaceRules(id, rules);
        if (fields.isDefault && !before.isDefault) await repo.makeDefault(id);
        const after = (await repo.findById(id))!;
        await audit.record(actor, { action: 'retention_policy.update', entityType: 'retention_policy', entityId: id, before, after }, tx);
        return after;
      });
    },

    async remove(actor: StaffActor, id: number) {
      return db.$transaction(async (tx) => {
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
        await audit.record(actor, { action: 'retention_policy.delete', entityType: 'retention_policy', entityId: id, before }, tx);
        return before;
      });
    },
  };
}
