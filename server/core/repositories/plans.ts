// Quota plans: byte limits converted to numbers at this edge; mailboxCount for the console.
import type { DbOrTx } from '../lib/prisma.ts';
import type { ListQuery } from './list-query.ts';
import { toNumber } from '../lib/bigint.ts';
import { lockDefault, oneDefaultConflict } from './one-default.ts';

type PlanRow = NonNullable<Awaited<ReturnType<DbOrTx['quotaPlan']['findUnique']>>> & { _count?: { mailboxes: number } };

export function toApiPlan(p: PlanRow) {
  const { _count, ...rest } = p;
  return { ...rest, storageLimitBytes: toNumber(p.storageLimitBytes)!, mailboxCount: _count?.mailboxes ?? 0 };
}

export interface PlanFilter { q?: string; ids?: number[] }

export interface PlanData {
  name: string;
  storageLimitBytes: number;
  messageLimit?: number | null;
  warnThresholds?: number[];
  gracePercent?: number;
  overQuotaReply?: 'permanent' | 'temporary';
  adminCopyEmail?: string | null;
  isDefault?: boolean;
}

export function createPlanRepository(db: DbOrTx) {
  const withCount = { _count: { select: { mailboxes: true } } } as const;
  const where = (f: PlanFilter) => ({
    ...(f.ids ? { id: { in: f.ids } } : {}),
    ...(f.q ? { name: { contains: f.q, mode: 'insensitive' as const } } : {}),
  });
  return {
    async list(query: ListQuery<PlanFilter>) {
      const orderBy = query.sortField === 'mailboxCount' ? { mailboxes: { _count: query.sortOrder } } : { [query.sortField]: query.sortOrder };
      const [rows, total] = await Promise.all([
        db.quotaPlan.findMany({ where: where(query.filter), orderBy, skip: query.skip, take: query.take, include: withCount }),
        db.quotaPlan.count({ where: where(query.filter) }),
      ]);
      return { rows: rows.map(toApiPlan), total };
    },
    async findById(id: number) {
      const row = await db.quotaPlan.findUnique({ where: { id }, include: withCount });
      return row ? toApiPlan(row) : null;
    },
    /** The plan without its mailbox count (counting a plan of 100,000 mailboxes costs ~50 ms). */
    async findFields(id: number) {
      const row = await db.quotaPlan.findUnique({ where: { id } });
      if (!row) return null;
      const { mailboxCount: _count, ...fields } = toApiPlan(row);
      return fields;
    },
    countMailboxes: (id: number) => db.mailbox.count({ where: { planId: id } }),
    async findByName(name: string) {
      const row = await db.quotaPlan.findUnique({ where: { name }, include: withCount });
      return row ? toApiPlan(row) : null;
    },
    /**
     * Moves the default flag to this plan (call inside a transaction): under the advisory lock, the others are
     * cleared first, because the partial unique index quota_plans_one_default allows one default at a time.
     */
    async makeDefault(id: number) {
      await lockDefault(db, 'quota_plans');
      await db.quotaPlan.updateMany({ where: { isDefault: true, id: { not: id } }, data: { isDefault: false } });
      await db.quotaPlan.update({ where: { id }, data: { isDefault: true } }).catch(oneDefaultConflict('plan'));
    },
    /** isDefault is set with makeDefault, after the others lost it. */
    async create({ isDefault: _isDefault, ...data }: PlanData) {
      const row = await db.quotaPlan.create({ data: { ...data, storageLimitBytes: BigInt(data.storageLimitBytes) }, include: withCount });
      return toApiPlan(row);
    },
    /** isDefault: false is stored here; true goes through makeDefault. Without the mailbox count (see findFields). */
    async update(id: number, data: Partial<PlanData>) {
      const { storageLimitBytes, isDefault, ...changes } = data;
      const rest = isDefault === false ? { ...changes, isDefault } : changes;
      const row = await db.quotaPlan.update({
        where: { id },
        data: { ...rest, ...(storageLimitBytes === undefined ? {} : { storageLimitBytes: BigInt(storageLimitBytes) }) },
      });
      const { mailboxCount: _count, ...fields } = toApiPlan(row);
      return fields;
    },
    /** The plan's retention policy id; null when the plan does not exist (the policy id itself may be null). */
    async findRetentionPolicyId(id: number): Promise<{ retentionPolicyId: number | null } | null> {
      return db.quotaPlan.findUnique({ where: { id }, select: { retentionPolicyId: true } });
    },
    async setRetentionPolicy(id: number, policyId: number | null) {
      await db.quotaPlan.update({ where: { id }, data: { retentionPolicyId: policyId } });
    },
    /** Mailboxes on this plan without a retention policy of their own: they follow the plan's. */
    countFollowingRetention: (id: number) => db.mailbox.count({ where: { planId: id, retentionPolicyId: null } }),
    delete: (id: number) => db.quotaPlan.delete({ where: { id } }),
  };
}
