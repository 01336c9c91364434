// Applies a directory diff to PostgreSQL inside the caller's transaction, in batches, auditing every change (actor:
// system, with the run id). Guards repeat the diff's conditions in SQL, so a mailbox staff changed meanwhile is
// not overwritten blindly: a gone mailbox is disabled only if still of this source and not disabled already.
import type { Prisma } from '../lib/prisma.ts';
import type { AuditEntry, AuditLog } from '../repositories/audit-log.ts';
import type { FieldChange, SyncDiff } from '../domain/directory/diff.ts';
import { plansFor, recomputeEffectiveLimits } from '../services/mailbox-limits.ts';
import { explainLimit } from '../domain/effective-limit.ts';
import { toNumber } from '../lib/bigint.ts';

type Tx = Prisma.TransactionClient;
// 1,000 rows per statement: each INSERT/UPDATE stays well under a second, and a 100,000-person first sync is
// ~100 round trips per kind.
const BATCH = 1000;

export interface ApplyContext { tx: Tx; audit: AuditLog; source: string; runId: number; now: Date }

/** Ids of every mailbox the run touched (for the policy service's cache). */
export async function applyDiff(ctx: ApplyContext, diff: SyncDiff): Promise<number[]> {
  const touched: number[] = [];
  const limits = await newMailboxLimits(ctx, diff.added.map((a) => a.plan));
  for (let i = 0; i < diff.added.length; i += BATCH) touched.push(...await addMailboxes(ctx, diff.added.slice(i, i + BATCH), limits));
  const updates = [...diff.changed.map((c) => ({ ...c, returned: false })), ...diff.returned.map((c) => ({ ...c, returned: true }))];
  for (let i = 0; i < updates.length; i += BATCH) touched.push(...await updateMailboxes(ctx, updates.slice(i, i + BATCH)));
  for (let i = 0; i < diff.gone.length; i += BATCH) touched.push(...await disableGone(ctx, diff.gone.slice(i, i + BATCH).map((g) => g.id)));
  return touched;
}

const directory = (ctx: ApplyContext, extra: Record<string, unknown> = {}) => ({ directory: { source: ctx.source, runId: ctx.runId, ...extra } });

/**
 * The stored limit of a new mailbox per plan name (null = no plan: the default plan's), by the one rule
 * (services/mailbox-limits.ts plansFor + domain/effective-limit.ts): a new mailbox has no override and no increase,
 * so its limit depends on its plan alone. Written with the INSERT instead of rewriting every new row afterwards.
 */
async function newMailboxLimits(ctx: ApplyContext, names: (string | null)[]): Promise<Map<string | null, number | null>> {
  const distinct = [...new Set(names)];
  const named = await ctx.tx.quotaPlan.findMany({ where: { name: { in: distinct.filter((n): n is string => n !== null) } }, select: { id: true, name: true } });
  const idOf = (name: string | null) => (name === null ? null : named.find((p) => p.name === name)?.id ?? null);
  const applying = await plansFor(ctx.tx, distinct.map(idOf));
  return new Map(distinct.map((name) => {
    const plan = applying.get(idOf(name)) ?? null;
    const limit = explainLimit({ planName: plan?.name ?? null, planLimitBytes: toNumber(plan?.storageLimitBytes), overrideBytes: null, increases: [] }, ctx.now);
    return [name, limit.effectiveLimitBytes];
  }));
}

async function addMailboxes(ctx: ApplyContext, added: SyncDiff['added'], limits: Map<string | null, number | null>): Promise<number[]> {
  const limit = (plan: string | null) => { const l = limits.get(plan); return l === null || l === undefined ? null : String(l); };
  const rows = await ctx.tx.$queryRaw<{ id: number; address: string }[]>`
    INSERT INTO mailboxes (address, imap_login, display_name, alternate_email, plan_id, effective_limit_bytes, directory_source, directory_dn, updated_at)
    SELECT u.address, u.login, u.name, u.alt, p.id, u.limit_bytes, ${ctx.source}, u.dn, ${ctx.now}
    FROM unnest(${added.map((a) => a.address)}::text[], ${added.map((a) => a.imapLogin)}::text[], ${added.map((a) => a.displayName)}::text[],
                ${added.map((a) => a.alternateEmail)}::text[], ${added.map((a) => a.plan)}::text[], ${added.map((a) => limit(a.plan))}::bigint[],
                ${added.map((a) => a.dn)}::text[])
         AS u(address, login, name, alt, plan, limit_bytes, dn)
    LEFT JOIN quota_plans p ON p.name = u.plan
    RETURNING id, address`;
  const ids = new Map(rows.map((r) => [r.address, r.id]));
  await ctx.audit.recordMany(null, added.map(({ dn, ...a }) => ({
    action: 'mailbox.create', entityType: 'mailbox', entityId: ids.get(a.address), after: { ...a, ...directory(ctx, { dn }) },
  })), ctx.tx);
  return rows.map((r) => r.id);
}

async function updateMailboxes(ctx: ApplyContext, changes: Array<FieldChange & { returned: boolean }>): Promise<number[]> {
  const has = (c: FieldChange, k: string) => k in c.after;
  const value = <T>(c: FieldChange, k: string) => ((c.after as Record<string, T>)[k] ?? null);
  const rows = await ctx.tx.$queryRaw<{ id: number }[]>`
    UPDATE mailboxes m SET
      display_name = CASE WHEN u.set_name THEN u.name ELSE m.display_name END,
      imap_login = CASE WHEN u.set_login THEN u.login ELSE m.imap_login END,
      alternate_email = CASE WHEN u.set_alt THEN u.alt ELSE m.alternate_email END,
      plan_id = CASE WHEN u.set_plan THEN (SELECT p.id FROM quota_plans p WHERE p.name = u.plan) ELSE m.plan_id END,
      status = CASE WHEN u.returned THEN 'active'::"MailboxStatus" ELSE m.status END,
      directory_gone_at = CASE WHEN u.returned THEN NULL ELSE m.directory_gone_at END,
      directory_source = ${ctx.source}, directory_dn = u.dn, updated_at = ${ctx.now}
    FROM unnest(${changes.map((c) => c.id)}::int[], ${changes.map((c) => c.dn)}::text[], ${changes.map((c) => c.returned)}::bool[],
                ${changes.map((c) => has(c, 'displayName'))}::bool[], ${changes.map((c) => value<string>(c, 'displayName'))}::text[],
                ${changes.map((c) => has(c, 'imapLogin'))}::bool[], ${changes.map((c) => value<string>(c, 'imapLogin'))}::text[],
                ${changes.map((c) => has(c, 'alternateEmail'))}::bool[], ${changes.map((c) => value<string>(c, 'alternateEmail'))}::text[],
                ${changes.map((c) => has(c, 'plan'))}::bool[], ${changes.map((c) => value<string>(c, 'plan'))}::text[])
         AS u(id, dn, returned, set_name, name, set_login, login, set_alt, alt, set_plan, plan)
    WHERE m.id = u.id AND (m.directory_source IS NULL OR m.directory_source = ${ctx.source})
    RETURNING m.id`;
  const replanned = changes.filter((c) => has(c, 'plan')).map((c) => c.id);
  if (replanned.length) await recomputeEffectiveLimits(ctx.tx, replanned, ctx.now);
  const done = new Set(rows.map((r) => r.id));
  const entries: AuditEntry[] = changes.filter((c) => done.has(c.id)).map((c) => ({
    action: 'mailbox.update', entityType: 'mailbox', entityId: c.id,
    before: c.returned ? { ...c.before, status: 'disabled' } : c.before,
    after: { ...c.after, ...(c.returned ? { status: 'active', reason: 'back in the directory' } : {}), ...directory(ctx, c.adopted ? { adopted: true } : {}) },
  }));
  await ctx.audit.recordMany(null, entries, ctx.tx);
  return [...done];
}

async function disableGone(ctx: ApplyContext, ids: number[]): Promise<number[]> {
  const rows = await ctx.tx.$queryRaw<{ id: number; was: string }[]>`
    WITH old AS (
      SELECT id, status::text AS was FROM mailboxes
      WHERE id = ANY(${ids}::int[]) AND directory_source = ${ctx.source} AND status <> 'disabled' FOR UPDATE
    )
    UPDATE mailboxes m SET status = 'disabled', directory_gone_at = ${ctx.now}, updated_at = ${ctx.now}
    FROM old WHERE m.id = old.id RETURNING m.id, old.was`;
  await ctx.audit.recordMany(null, rows.map((r) => ({
    action: 'mailbox.update', entityType: 'mailbox', entityId: r.id,
    before: { status: r.was }, after: { status: 'disabled', reason: 'gone from the directory', ...directory(ctx) },
  })), ctx.tx);
  return rows.map((r) => r.id);
}
