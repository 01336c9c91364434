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

/** The plan that applies to a mailbox; null when it has none and no plan is the default. */
export function planFor(db: DbOrTx, mailbox: { planId: number | null }) {
  return db.quotaPlan.findFirst({ where: effectivePlanWhere(mailbox.planId) });
}

export async function loadLimitExplanation(db: DbOrTx, mailboxId: number, now = new Date()): Promise<LimitExplanation | null> {
  const mailbox = await db.mailbox.findUnique({
    where: { id: mailboxId },
    include: { temporaryIncreases: { where: { endedAt: null, expiresAt: { gt: now } }, orderBy: { expiresAt: 'asc' } } },
  });
  if (!mailbox) return null;
  const plan = await planFor(db, mailbox);
  return explainLimit({
    planName: plan?.name ?? null,
    planLimitBytes: toNumber(plan?.storageLimitBytes),
    overrideBytes: toNumber(mailbox.limitOverrideBytes),
    increases: mailbox.temporaryIncreases.map((i) => ({ id: i.id, extraBytes: Number(i.extraBytes), expiresAt: i.expiresAt, endedAt: i.endedAt, reason: i.reason })),
  }, now);
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

/**
 * Recompute every mailbox on a plan after the plan's limit changed, in one statement (a plan may hold
 * 100,000 mailboxes). Same rule as domain/effective-limit.ts: override or plan, plus active increases;
 * test/services/mailbox-limits.test.ts checks that both agree. Returns the ids whose limit moved.
 */
export async function recomputePlanMailboxes(db: DbOrTx, planId: number, isDefault: boolean): Promise<number[]> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    WITH target AS (
      SELECT m.id, m.effective_limit_bytes AS old_limit,
             COALESCE(m.limit_override_bytes, p.storage_limit_bytes)
               + COALESCE((SELECT SUM(t.extra_bytes) FROM temporary_increases t
                           WHERE t.mailbox_id = m.id AND t.ended_at IS NULL AND t.expires_at > now()), 0) AS new_limit
      FROM mailboxes m JOIN quota_plans p ON p.id = ${planId}
      WHERE m.plan_id = ${planId} OR (${isDefault} AND m.plan_id IS NULL)
    )
    UPDATE mailboxes m
       SET effective_limit_bytes = target.new_limit,
           usage_percent = CASE WHEN m.used_bytes IS NULL OR target.new_limit <= 0 THEN NULL
                                ELSE round(m.used_bytes::numeric * 100 / target.new_limit, 2)::float8 END
      FROM target
     WHERE m.id = target.id
    RETURNING m.id, (target.old_limit IS DISTINCT FROM target.new_limit) AS changed`;
  return (rows as unknown as { id: number; changed: boolean }[]).filter((r) => r.changed).map((r) => r.id);
}
