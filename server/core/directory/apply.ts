// Applies a directory diff to PostgreSQL inside the caller's transaction, in batches, auditing every change (actor:
// system, with the run id). Guards repeat the diff's conditions in SQL, so a mailbox staff changed meanwhile is
// not overwritten blindly: a gone mailbox is taken out (disabled or deleted, DIRECTORY_GONE_STATUS) only if still of
// this source and not disabled or deleted already.
import type { Prisma } from '../lib/prisma.ts';
import type { AuditEntry, AuditLog } from '../repositories/audit-log.ts';
import type { FieldChange, SyncDiff } from '../domain/directory/diff.ts';
import { plansFor, recomputeEffectiveLimits } from '../services/mailbox-limits.ts';
import { explainLimit } from '../domain/effective-limit.ts';
import { toNumber } from '../lib/bigint.ts';
import { purgeTime } from '../domain/mailbox-lifecycle.ts';

type Tx = Prisma.TransactionClient;
// 1,000 rows per statement: each INSERT/UPDATE stays well under a second, and a 100,000-person first sync is
// ~100 round trips per kind.
const BATCH = 1000;

export interface ApplyContext {
  tx: Tx; audit: AuditLog; source: string; runId: number; now: Date;
  /** What a gone mailbox becomes, and (deleted) how long it stays restorable before the purge. */
  gone: { status: 'disabled' | 'deleted'; graceDays: number };
}

const GONE_REASON = 'gone from the directory';
const RETURNED_REASON = 'back in the directory';

/** Ids of every mailbox the run touched (for the policy service's cache). */
export async function applyDiff(ctx: ApplyContext, diff: SyncDiff): Promise<number[]> {
  const touched: number[] = [];
  const limits = await newMailboxLimits(ctx, diff.added.map((a) => a.plan));
  for (let i = 0; i < diff.added.length; i += BATCH) touched.push(...await addMailboxes(ctx, diff.added.slice(i, i + BATCH), limits));
  const updates = [...diff.changed.map((c) => ({ ...c, returned: false })), ...diff.returned.map((c) => ({ ...c, returned: true }))];
  for (let i = 0; i < updates.length; i += BATCH) touched.push(...await updateMailboxes(ctx, updates.slice(i, i + BATCH)));
  for (let i = 0; i < diff.gone.length; i += BATCH) touched.push(...await takeOutGone(ctx, diff.gone.slice(i, i + BATCH).map((g) => g.id)));
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
  const rows = await ctx.tx.$queryRaw<{ id: number; was: string }[]>`
    WITH old AS (SELECT id, status::text AS was FROM mailboxes WHERE id = ANY(${changes.map((c) => c.id)}::int[]) FOR UPDATE)
    UPDATE mailboxes m SET
      display_name = CASE WHEN u.set_name THEN u.name ELSE m.display_name END,
      imap_login = CASE WHEN u.set_login THEN u.login ELSE m.imap_login END,
      alternate_email = CASE WHEN u.set_alt THEN u.alt ELSE m.alternate_email END,
      plan_id = CASE WHEN u.set_plan THEN (SELECT p.id FROM quota_plans p WHERE p.name = u.plan) ELSE m.plan_id END,
      status = CASE WHEN u.returned THEN 'active'::"MailboxStatus" ELSE m.status END,
      directory_gone_at = CASE WHEN u.returned THEN NULL ELSE m.directory_gone_at END,
      status_reason = CASE WHEN u.returned THEN ${RETURNED_REASON} ELSE m.status_reason END,
      status_changed_at = CASE WHEN u.returned THEN ${ctx.now} ELSE m.status_changed_at END,
      deleted_at = CASE WHEN u.returned THEN NULL ELSE m.deleted_at END,
      purge_after = CASE WHEN u.returned THEN NULL ELSE m.purge_after END,
      purged_at = CASE WHEN u.returned THEN NULL ELSE m.purged_at END,
      directory_source = ${ctx.source}, directory_dn = u.dn, updated_at = ${ctx.now}
    FROM unnest(${changes.map((c) => c.id)}::int[], ${changes.map((c) => c.dn)}::text[], ${changes.map((c) => c.returned)}::bool[],
                ${changes.map((c) => has(c, 'displayName'))}::bool[], ${changes.map((c) => value<string>(c, 'displayName'))}::text[],
                ${changes.map((c) => has(c, 'imapLogin'))}::bool[], ${changes.map((c) => value<string>(c, 'imapLogin'))}::text[],
                ${changes.map((c) => has(c, 'alternateEmail'))}::bool[], ${changes.map((c) => value<string>(c, 'alternateEmail'))}::text[],
                ${changes.map((c) => has(c, 'plan'))}::bool[], ${changes.map((c) => value<string>(c, 'plan'))}::text[])
         AS u(id, dn, returned, set_name, name, set_login, login, set_alt, alt, set_plan, plan), old
    WHERE m.id = u.id AND old.id = m.id AND (m.directory_source IS NULL OR m.directory_source = ${ctx.source})
    RETURNING m.id, old.was`;
  const replanned = changes.filter((c) => has(c, 'plan')).map((c) => c.id);
  if (replanned.length) await recomputeEffectiveLimits(ctx.tx, replanned, ctx.now);
  const was = new Map(rows.map((r) => [r.id, r.was]));
  const entries: AuditEntry[] = changes.filter((c) => was.has(c.id)).map((c) => ({
    action: 'mailbox.update', entityType: 'mailbox', entityId: c.id,
    before: c.returned ? { ...c.before, status: was.get(c.id) } : c.before,
    after: { ...c.after, ...(c.returned ? { status: 'active', reason: RETURNED_REASON } : {}), ...directory(ctx, c.adopted ? { adopted: true } : {}) },
  }));
  await ctx.audit.recordMany(null, entries, ctx.tx);
  return [...was.keys()];
}

/** Gone mailboxes take the configured status with its reason; deleted ones get their purge time (the same lifecycle as staff's). */
async function takeOutGone(ctx: ApplyContext, ids: number[]): Promise<number[]> {
  const { status, graceDays } = ctx.gone;
  const purgeAfter = status === 'deleted' ? purgeTime(ctx.now, graceDays) : null;
  const rows = await ctx.tx.$queryRaw<{ id: number; was: string }[]>`
    WITH old AS (
      SELECT id, status::text AS was FROM mailboxes
      WHERE id = ANY(${ids}::int[]) AND directory_source = ${ctx.source} AND status::text NOT IN ('disabled', 'deleted') FOR UPDATE
    )
    UPDATE mailboxes m SET status = ${status}::"MailboxStatus", directory_gone_at = ${ctx.now}, updated_at = ${ctx.now},
      status_reason = ${GONE_REASON}, status_changed_at = ${ctx.now},
      deleted_at = ${status === 'deleted' ? ctx.now : null}, purge_after = ${purgeAfter}
    FROM old WHERE m.id = old.id RETURNING m.id, old.was`;
  await ctx.audit.recordMany(null, rows.map((r) => ({
    action: status === 'deleted' ? 'mailbox.delete' : 'mailbox.update', entityType: 'mailbox', entityId: r.id,
    before: { status: r.was }, after: { status, reason: GONE_REASON, ...(purgeAfter ? { purgeAfter } : {}), ...directory(ctx) },
  })), ctx.tx);
  return rows.map((r) => r.id);
}
