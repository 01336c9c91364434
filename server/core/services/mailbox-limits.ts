// The one place that loads what a mailbox's limit is made of: which plan applies (its own, else the default
// plan) and the effective limit (domain/effective-limit.ts). It also keeps the denormalised
// mailboxes.effective_limit_bytes (list sorting, notices, the policy service) and usage_percent in step with
// plan, override and temporary increases: call it inside the transaction that changed any of them.
// Dovecot's userdb view dovecot_users computes the same rule in SQL at every login (migration *_one_default);
// test/services/mailbox-limits.test.ts checks that the two agree.
import type { DbOrTx, Prisma } from '../lib/prisma.ts';
import { explainLimit, type LimitExplanation } from '../domain/effective-limit.ts';
import { toNumber } from '../lib/bigint.ts';

/** The default-plan fallback: a mailbox's own plan, else the default plan (at most one: unique index). */
export function effectivePlanWhere(planId: number | null): Prisma.QuotaPlanWhereInput {
  return planId === null ? { isDefault: true } : { id: planId };
}

type PlanRow = NonNullable<Awaited<ReturnType<DbOrTx['quotaPlan']['findFirst']>>>;

/** The plans that apply to mailboxes with these plan ids (null: no plan of their own), in one query. */
export async function plansFor(db: DbOrTx, planIds: (number | null)[]): Promise<Map<number | null, PlanRow | null>> {
  const wanted = [...new Set(planIds)];
  const rows = wanted.length ? await db.quotaPlan.findMany({ where: { OR: wanted.map(effectivePlanWhere) } }) : [];
  return new Map(wanted.map((id) => [id, rows.find((p) => (id === null ? p.isDefault : p.id === id)) ?? null]));
}

/** The plan that applies to a mailbox; null when it has none and no plan is the default. */
export async function planFor(db: DbOrTx, mailbox: { planId: number | null }) {
  return (await plansFor(db, [mailbox.planId])).get(mailbox.planId) ?? null;
}

/**
 * The limits of these mailboxes (missing ids are left out), each explained by domain/effective-limit.ts. Plain SQL
 * reads: the plan-limits job calls this for 1,000 mailboxes at a time, where Prisma's row mapping would cost
 * ~100 ms of CPU per batch.
 */
export async function loadLimitExplanations(db: DbOrTx, mailboxIds: number[], now = new Date()): Promise<Map<number, LimitExplanation>> {
  const [mailboxes, increases] = await Promise.all([
    db.$queryRaw<{ id: number; plan_id: number | null; limit_override_bytes: bigint | null }[]>`
      SELECT id, plan_id, limit_override_bytes FROM mailboxes WHERE id = ANY(${mailboxIds}::int[])`,
    db.$queryRaw<{ id: number; mailbox_id: number; extra_bytes: bigint; expires_at: Date; reason: string }[]>`
      SELECT id, mailbox_id, extra_bytes, expires_at, reason FROM temporary_increases
       WHERE mailbox_id = ANY(${mailboxIds}::int[]) AND ended_at IS NULL AND expires_at > ${now}::timestamp(3)
       ORDER BY expires_at, id`,
  ]);
  const plans = await plansFor(db, mailboxes.map((m) => m.plan_id));
  const byMailbox = new Map<number, typeof increases>();
  for (const inc of increases) byMailbox.set(inc.mailbox_id, [...(byMailbox.get(inc.mailbox_id) ?? []), inc]);
  return new Map(mailboxes.map((mailbox) => {
    const plan = plans.get(mailbox.plan_id) ?? null;
    return [mailbox.id, explainLimit({
      planName: plan?.name ?? null,
      planLimitBytes: toNumber(plan?.storageLimitBytes),
      overrideBytes: toNumber(mailbox.limit_override_bytes),
      increases: (byMailbox.get(mailbox.id) ?? []).map((i) => ({ id: i.id, extraBytes: Number(i.extra_bytes), expiresAt: i.expires_at, endedAt: null, reason: i.reason })),
    }, now)];
  }));
}

export async function loadLimitExplanation(db: DbOrTx, mailboxId: number, now = new Date()): Promise<LimitExplanation | null> {
  return (await loadLimitExplanations(db, [mailboxId], now)).get(mailboxId) ?? null;
}

export interface LimitMove { id: number; before: number | null; after: number | null; usedBytes: number | null }

/**
 * Recomputes the stored limit of a batch of mailboxes in one UPDATE, with their rows locked for the transaction
 * (call it inside one), so a concurrent change of one of them waits instead of being overwritten with a stale
 * value. Returns the mailboxes whose limit moved.
 */
export async function recomputeEffectiveLimits(db: DbOrTx, mailboxIds: number[], now = new Date()): Promise<LimitMove[]> {
  if (!mailboxIds.length) return [];
  const current = await db.$queryRaw<{ id: number; effective_limit_bytes: bigint | null; used_bytes: bigint | null }[]>`
    SELECT id, effective_limit_bytes, used_bytes FROM mailboxes WHERE id = ANY(${mailboxIds}::int[]) ORDER BY id FOR UPDATE`;
  const limits = await loadLimitExplanations(db, mailboxIds, now);
  const moves = current.map((row) => ({
    id: row.id, before: toNumber(row.effective_limit_bytes), after: limits.get(row.id)?.effectiveLimitBytes ?? null, usedBytes: toNumber(row.used_bytes),
  })).filter((m) => m.before !== m.after);
  if (!moves.length) return [];
  await db.$executeRaw`
    UPDATE mailboxes m SET effective_limit_bytes = v.limit_bytes, usage_percent = v.percent
      FROM unnest(${moves.map((m) => m.id)}::int[], ${moves.map((m) => (m.after === null ? null : String(m.after)))}::bigint[],
                  ${moves.map((m) => usagePercent(m.usedBytes, m.after))}::float8[]) AS v(id, limit_bytes, percent)
     WHERE m.id = v.id`;
  return moves;
}

export async function recomputeEffectiveLimit(db: DbOrTx, mailboxId: number, now = new Date()): Promise<{ before: number | null; after: number | null }> {
  const current = await db.mailbox.findUnique({ where: { id: mailboxId }, select: { effectiveLimitBytes: true, usedBytes: true } });
  if (!current) throw new Error(`mailbox ${mailboxId} not found`);
  const explanation = await loadLimitExplanation(db, mailboxId, now);
  const after = explanation?.effectiveLimitBytes ?? null;
  const used = toNumber(current.usedBytes);
  await db.mailbox.update({
    where: { id: mailboxId },
    data: {
      effectiveLimitBytes: after === null ? null : BigInt(after),
      usagePercent: usagePercent(used, after),
    },
  });
  return { before: toNumber(current.effectiveLimitBytes), after };
}

/** Percent of the limit in use; null when either side is unknown or the mailbox is unlimited. */
export function usagePercent(used: number | null, limit: number | null): number | null {
  if (used === null || limit === null || limit <= 0) return null;
  return Math.round((used / limit) * 10_000) / 100;
}
