// Loads what the retention domain needs from PostgreSQL: a mailbox's effective policy with its rules,
// its active legal holds, the folder list last seen, and which mailboxes a policy governs. Shared by the
// API and the expiry workers.
import type { DbOrTx, Prisma } from '../lib/prisma.ts';
import { resolveEffectivePolicy, type EffectivePolicy } from '../domain/retention/plan.ts';
import type { Rule } from '../domain/retention/rules.ts';
import type { FolderInfo } from '../domain/retention/selectors.ts';
import { effectivePlanWhere } from './mailbox-limits.ts';
import { createLegalHoldRepository } from '../repositories/legal-holds.ts';

/** The rule activeHoldWhere (repositories/legal-holds.ts) states in SQL. */
export const isHoldActive = (h: { liftedAt: Date | null; startsAt: Date; endsAt: Date | null }, now: Date) =>
  h.liftedAt === null && h.startsAt.getTime() <= now.getTime() && (h.endsAt === null || h.endsAt.getTime() > now.getTime());

export async function activeHolds(db: DbOrTx, mailboxId: number, now = new Date()) {
  return createLegalHoldRepository(db).active(mailboxId, now);
}

export interface MailboxPolicy extends EffectivePolicy {
  rules: Rule[];
}

/** The mailbox's effective policy (override, plan, default), explained, with its rules in order. */
export async function loadMailboxPolicy(db: DbOrTx, mailbox: { retentionPolicyId: number | null; planId: number | null }): Promise<MailboxPolicy> {
  const ref = { select: { id: true, name: true } } as const;
  const [mailboxPolicy, plan, defaultPolicy] = await Promise.all([
    mailbox.retentionPolicyId ? db.retentionPolicy.findUnique({ where: { id: mailbox.retentionPolicyId }, ...ref }) : null,
    db.quotaPlan.findFirst({ where: effectivePlanWhere(mailbox.planId), select: { name: true, retentionPolicy: ref } }),
    db.retentionPolicy.findFirst({ where: { isDefault: true }, orderBy: { id: 'asc' }, ...ref }),
  ]);
  const effective = resolveEffectivePolicy({
    mailboxPolicy,
    plan: plan ? { name: plan.name, policy: plan.retentionPolicy, planIsFallback: mailbox.planId === null } : null,
    defaultPolicy,
  });
  const rules = effective.policy
    ? await db.retentionRule.findMany({ where: { policyId: effective.policy.id }, orderBy: { position: 'asc' } })
    : [];
  return { ...effective, rules: rules.map(({ policyId: _p, ...r }) => r) };
}

/** The folders the last probe (or, failing that, the last usage scan) saw; null when neither ran. */
export function storedFolders(mailbox: { probeResult: unknown; usageFolders: unknown }): { source: 'probe' | 'scan'; folders: FolderInfo[] } | null {
  const fromList = (list: unknown): FolderInfo[] | null => {
    if (!Array.isArray(list)) return null;
    const folders = list.filter((f): f is { path: string; specialUse?: string | null; flags?: string[] } => typeof f?.path === 'string');
    return folders.map((f) => ({ path: f.path, specialUse: f.specialUse ?? null, flags: Array.isArray(f.flags) ? f.flags : [] }));
  };
  const probe = fromList((mailbox.probeResult as { folders?: unknown } | null)?.folders);
  if (probe) return { source: 'probe', folders: probe };
  const scan = fromList(mailbox.usageFolders);
  return scan ? { source: 'scan', folders: scan } : null;
}

/**
 * Mailboxes whose effective policy is `policyId`: assigned directly; or without their own, through their
 * plan (or the default plan when they have none); or, with neither assigning one, through the default policy.
 */
export async function mailboxesGovernedBy(db: DbOrTx, policyId: number): Promise<Prisma.MailboxWhereInput> {
  const [policy, defaultPlan] = await Promise.all([
    db.retentionPolicy.findUnique({ where: { id: policyId }, select: { isDefault: true } }),
    db.quotaPlan.findFirst({ where: effectivePlanWhere(null), select: { retentionPolicyId: true } }),
  ]);
  const or: Prisma.MailboxWhereInput[] = [
    { retentionPolicyId: policyId },
    { retentionPolicyId: null, plan: { retentionPolicyId: policyId } },
  ];
  if (defaultPlan?.retentionPolicyId === policyId) or.push({ retentionPolicyId: null, planId: null });
  if (policy?.isDefault) {
    or.push({ retentionPolicyId: null, plan: { retentionPolicyId: null } });
    if (!defaultPlan?.retentionPolicyId) or.push({ retentionPolicyId: null, planId: null });
  }
  return { OR: or };
}
