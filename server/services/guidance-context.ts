// Loads what guidance is rendered from: settings, the quota of the user's plan (or the default plan) and the
// effective retention policy's INBOX rule. A mailbox is looked up only for a personal page and only when the
// organisation allows it; otherwise the database is never asked about the address (no enumeration, not even by timing).
import type { Db } from '../core/lib/prisma.ts';
import { toNumber } from '../core/lib/bigint.ts';
import { resolveEffectivePolicy } from '../core/domain/retention/plan.ts';
import { inboxRetentionDays, type GuidanceFacts } from '../core/domain/guidance/live-values.ts';
import type { Usage } from '../core/domain/guidance/advice.ts';
import type { ParsedAddress } from '../core/domain/guidance/address.ts';
import { createMailSettingsRepository } from '../core/repositories/mail-settings.ts';
import { effectivePlanWhere } from '../core/services/mailbox-limits.ts';

const policyRef = { select: { id: true, name: true } } as const;

export interface GuidanceContext {
  facts: GuidanceFacts;
  /** Set only when personal lookup is allowed and the address is an active mailbox. */
  usage: Usage | null;
}

export async function loadGuidanceContext(
  db: Db,
  baseUrl: string,
  opts: { address?: ParsedAddress | null; personal?: boolean } = {},
): Promise<GuidanceContext> {
  const settings = await createMailSettingsRepository(db).get();
  const address = opts.address ?? null;
  const mailbox = opts.personal && settings.allowPersonalLookup && address
    ? await db.mailbox.findFirst({
      where: { address: address.address, status: 'active' },
      include: { plan: { include: { retentionPolicy: policyRef } }, retentionPolicy: policyRef },
    })
    : null;
  const plan = mailbox?.plan
    ?? await db.quotaPlan.findFirst({ where: effectivePlanWhere(null), include: { retentionPolicy: policyRef } });
  const defaultPolicy = await db.retentionPolicy.findFirst({ where: { isDefault: true }, select: { id: true, name: true }, orderBy: { id: 'asc' } });
  const { policy } = resolveEffectivePolicy({
    mailboxPolicy: mailbox?.retentionPolicy ?? null,
    plan: plan ? { name: plan.name, policy: plan.retentionPolicy, planIsFallback: !mailbox?.plan } : null,
    defaultPolicy,
  });
  const rules = policy ? await db.retentionRule.findMany({ where: { policyId: policy.id } }) : [];
  const planLimit = toNumber(plan?.storageLimitBytes);
  const facts: GuidanceFacts = {
    settings,
    quotaBytes: mailbox ? (toNumber(mailbox.effectiveLimitBytes) ?? planLimit) : planLimit,
    figuresAreOwn: mailbox !== null,
    inboxRetentionDays: inboxRetentionDays(rules),
    baseUrl: baseUrl.replace(/\/$/, ''),
    address,
  };
  const usage: Usage | null = mailbox
    ? { planName: plan?.name ?? null, limitBytes: facts.quotaBytes, usedBytes: toNumber(mailbox.usedBytes), measuredAt: mailbox.scannedAt }
    : null;
  return { facts, usage };
}
