// Retention policies with their ordered rules. Rules are stored by position; replacing a policy's rules
// updates the row at each position in place (so a rule keeps its id, and with it the dedupe key of its
// pre-expiry notices) and drops positions past the new end.
import type { DbOrTx } from '../lib/prisma.ts';
import type { ListQuery } from './list-query.ts';
import type { RuleSpec } from '../domain/retention/rules.ts';
import { lockDefault, oneDefaultConflict } from './one-default.ts';

export interface PolicyFilter { q?: string; ids?: number[]; isDefault?: boolean }

const include = {
  rules: { orderBy: { position: 'asc' } },
  _count: { select: { plans: true, mailboxes: true } },
} as const;

type PolicyRow = NonNullable<Awaited<ReturnType<DbOrTx['retentionPolicy']['findUnique']>>> & {
  rules: { id: number; position: number; policyId: number; folderSelector: string; maxAgeDays: number; ageBasis: RuleSpec['ageBasis']; action: RuleSpec['action']; moveTo: string | null; keepFlagged: boolean; keepUnread: boolean; noticeDays: number | null }[];
  _count: { plans: number; mailboxes: number };
};

export function toApiPolicy(p: PolicyRow) {
  const { _count, rules, ...rest } = p;
  return {
    ...rest,
    rules: rules.map(({ policyId: _p, ...r }) => r),
    planCount: _count.plans,
    mailboxCount: _count.mailboxes,
  };
}
export type ApiPolicy = ReturnType<typeof toApiPolicy>;

export function createRetentionPolicyRepository(db: DbOrTx) {
  const where = (f: PolicyFilter) => ({
    ...(f.ids ? { id: { in: f.ids } } : {}),
    ...(f.isDefault !== undefined ? { isDefault: f.isDefault } : {}),
    ...(f.q ? { name: { contains: f.q, mode: 'insensitive' as const } } : {}),
  });
  return {
    async list(query: ListQuery<PolicyFilter>) {
      const [rows, total] = await Promise.all([
        db.retentionPolicy.findMany({ where: where(query.filter), orderBy: [{ [query.sortField]: query.sortOrder }, { id: 'asc' }], skip: query.skip, take: query.take, include }),
        db.retentionPolicy.count({ where: where(query.filter) }),
      ]);
      return { rows: rows.map((r) => toApiPolicy(r as PolicyRow)), total };
    },

    async findById(id: number) {
      const row = await db.retentionPolicy.findUnique({ where: { id }, include });
      return row ? toApiPolicy(row as PolicyRow) : null;
    },

    /** isDefault is set with makeDefault, after the others lost it. */
    async create({ isDefault: _isDefault, ...data }: { name: string; description?: string; isDefault?: boolean }, rules: RuleSpec[]) {
      const row = await db.retentionPolicy.create({
        data: { ...data, rules: { create: rules.map((r, position) => ({ ...r, position })) } },
        include,
      });
      return toApiPolicy(row as PolicyRow);
    },

    /** isDefault: false is stored here; true goes through makeDefault. */
    async update(id: number, { isDefault, ...data }: { name?: string; description?: string; isDefault?: boolean }) {
      await db.retentionPolicy.update({ where: { id }, data: isDefault === false ? { ...data, isDefault } : data });
    },

    async replaceRules(policyId: number, rules: RuleSpec[]) {
      for (const [position, rule] of rules.entries()) {
        await db.retentionRule.upsert({
          where: { policyId_position: { policyId, position } },
          create: { ...rule, policyId, position },
          update: rule,
        });
      }
      await db.retentionRule.deleteMany({ where: { policyId, position: { gte: rules.length } } });
      // Touch the policy so updatedAt reflects a rules-only change.
      await db.retentionPolicy.update({ where: { id: policyId }, data: { updatedAt: new Date() } });
    },

    /** Moves the default flag to this policy (inside a transaction); see the plan repository's makeDefault. */
    async makeDefault(id: number) {
      await lockDefault(db, 'retention_policies');
      await db.retentionPolicy.updateMany({ where: { isDefault: true, id: { not: id } }, data: { isDefault: false } });
      await db.retentionPolicy.update({ where: { id }, data: { isDefault: true } }).catch(oneDefaultConflict('retention policy'));
    },

    /** The policy's id and name, without its rules, or null. */
    findRef: (id: number) => db.retentionPolicy.findUnique({ where: { id }, select: { id: true, name: true } }),

    /** What refers to a policy, for a 409 that says what to reassign first. */
    async usage(id: number) {
      const [plans, mailboxes] = await Promise.all([
        db.quotaPlan.findMany({ where: { retentionPolicyId: id }, select: { name: true }, orderBy: { name: 'asc' }, take: 5 }),
        db.mailbox.count({ where: { retentionPolicyId: id } }),
      ]);
      return { planNames: plans.map((p) => p.name), mailboxCount: mailboxes };
    },

    delete: (id: number) => db.retentionPolicy.delete({ where: { id } }),
  };
}
