// Evaluates a mailbox's quota thresholds (domain/quota-notices.ts) and records the notices due. Called after
// every usage scan and after every limit change (API, increase expiry), possibly at the same moment: the
// mailbox row is locked for the evaluation, and each notice is an insert guarded by the unique
// (mailbox_id, dedupe_key), so the same crossing is recorded once, however many evaluations race.
// Jobs are enqueued only after the commit (a worker must find the row), with jobId notification-<id> so
// a repeated enqueue is a no-op in BullMQ.
//
// Who receives a notice, given that a full mailbox refuses mail (docs/notifications.md):
// the alternate address when one is set, else the mailbox itself, plus the plan's admin copy.
// Dovecot's quota grace (quota_grace, default 10 %) admits a delivery that pushes a mailbox that is
// still under its limit over it, so warnings (< 100 %) and back-under notices reach the mailbox; once it
// is at or over 100 % Dovecot refuses every delivery, the over-quota notice included, which is why an
// alternate address (or the admin copy) is the only way that notice reaches anyone.
import type { Queues } from '../queues/registry.ts';
import type { Db, Prisma } from '../lib/prisma.ts';
import { toNumber } from '../lib/bigint.ts';
import { evaluateNotices } from '../domain/quota-notices.ts';
import { planFor, plansFor, usagePercent } from './mailbox-limits.ts';
import { ConfigSchema, type Config } from '../config.ts';

/** Thresholds for a mailbox without any plan (not even a default one). */
export const DEFAULT_THRESHOLDS = [80, 90, 95];

export interface NoticeSettings { hysteresisPercent: number; resendIntervalMs: number }

export function noticeSettings(config: Pick<Config, 'NOTICE_HYSTERESIS_PERCENT' | 'NOTICE_OVER_QUOTA_RESEND_HOURS'>): NoticeSettings {
  return { hysteresisPercent: config.NOTICE_HYSTERESIS_PERCENT, resendIntervalMs: config.NOTICE_OVER_QUOTA_RESEND_HOURS * 3_600_000 };
}

/** The config schema's defaults, for callers that have no config at hand (pass noticeSettings(config) when you do). */
const schemaDefault = (key: 'NOTICE_HYSTERESIS_PERCENT' | 'NOTICE_OVER_QUOTA_RESEND_HOURS') =>
  (ConfigSchema.properties[key] as { default?: unknown }).default as number;
const DEFAULT_SETTINGS = noticeSettings({
  NOTICE_HYSTERESIS_PERCENT: schemaDefault('NOTICE_HYSTERESIS_PERCENT'),
  NOTICE_OVER_QUOTA_RESEND_HOURS: schemaDefault('NOTICE_OVER_QUOTA_RESEND_HOURS'),
});

export async function evaluateQuotaNotices(
  prisma: Db,
  notifyQueue: Queues['notify'],
  mailboxId: number,
  now = new Date(),
  settings: NoticeSettings = DEFAULT_SETTINGS,
): Promise<number[]> {
  return evaluateQuotaNoticesMany(prisma, notifyQueue, [mailboxId], now, settings);
}

/**
 * evaluateQuotaNotices for several mailboxes in one transaction (the plan-limits job evaluates thousands: one
 * transaction each would cost ~0.1 s apiece). Rows are locked in id order, so two overlapping calls never deadlock.
 */
export async function evaluateQuotaNoticesMany(
  prisma: Db,
  notifyQueue: Queues['notify'],
  mailboxIds: number[],
  now = new Date(),
  settings: NoticeSettings = DEFAULT_SETTINGS,
): Promise<number[]> {
  if (!mailboxIds.length) return [];
  const ids = await prisma.$transaction(async (tx) => {
    // Serialises evaluations of these mailboxes: a later one reads the state an earlier one wrote.
    const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM mailboxes WHERE id = ANY(${mailboxIds}::int[]) ORDER BY id FOR UPDATE`;
    if (!locked.length) return [];
    const mailboxes = await tx.mailbox.findMany({
      where: { id: { in: locked.map((l) => l.id) }, status: 'active' },
      select: { id: true, planId: true, address: true, displayName: true, alternateEmail: true, usedBytes: true, effectiveLimitBytes: true, noticeState: true },
    });
    const plans = await plansFor(tx, mailboxes.map((m) => m.planId));
    const states: { id: number; state: string }[] = [];
    const rows: Prisma.NotificationCreateManyInput[] = [];
    for (const mailbox of mailboxes) {
      const plan = plans.get(mailbox.planId) ?? null;
      const { used, limit, percent, state, notices } = decideNotices(mailbox, plan, now, settings);
      states.push({ id: mailbox.id, state: JSON.stringify(state) });
      rows.push(...notices.map((n) => ({
        mailboxId: mailbox.id,
        kind: n.kind,
        threshold: n.threshold,
        dedupeKey: n.dedupeKey,
        ...recipients(mailbox, plan),
        data: { name: mailbox.displayName, address: mailbox.address, usedBytes: used, limitBytes: limit, percent, threshold: n.threshold, refusingMail: n.refusingMail ?? null },
      })));
    }
    if (states.length) {
      await tx.$executeRaw`
        UPDATE mailboxes m SET notice_state = v.state, updated_at = ${now}::timestamp(3)
          FROM unnest(${states.map((x) => x.id)}::int[], ${states.map((x) => x.state)}::jsonb[]) AS v(id, state) WHERE m.id = v.id`;
    }
    if (!rows.length) return [];
    const created = await tx.notification.createManyAndReturn({ data: rows, skipDuplicates: true, select: { id: true } });
    return created.map((c) => c.id);
  });
  await enqueueNotifications(notifyQueue, ids);
  return ids;
}

/**
 * The decision for a mailbox as given, without locking or writing: evaluateQuotaNotices applies it under the
 * row lock; the usage scan (server/core/repositories/usage-store.ts) uses it to skip that transaction when nothing is due.
 */
export function decideNotices(
  mailbox: { usedBytes: bigint | null; effectiveLimitBytes: bigint | null; noticeState: unknown },
  plan: { warnThresholds: number[]; gracePercent: number } | null,
  now: Date,
  settings: NoticeSettings = DEFAULT_SETTINGS,
) {
  const used = toNumber(mailbox.usedBytes);
  const limit = toNumber(mailbox.effectiveLimitBytes);
  // From used and limit, not the stored usage_percent: right after a limit change that column may lag.
  const percent = usagePercent(used, limit);
  const { state, notices } = evaluateNotices({
    previous: mailbox.noticeState,
    percent,
    thresholds: plan?.warnThresholds ?? DEFAULT_THRESHOLDS,
    gracePercent: plan?.gracePercent ?? 0,
    now,
    hysteresisPercent: settings.hysteresisPercent,
    resendIntervalMs: settings.resendIntervalMs,
  });
  return { used, limit, percent, state, notices };
}

export function recipients(
  mailbox: { address: string; alternateEmail: string | null },
  plan: { adminCopyEmail: string | null } | null,
): { toAddress: string; ccAddress: string | null } {
  return { toAddress: mailbox.alternateEmail || mailbox.address, ccAddress: plan?.adminCopyEmail || null };
}

/** Enqueue send jobs for committed Notification rows; safe to repeat (BullMQ keeps one job per jobId). */
export async function enqueueNotifications(notifyQueue: Queues['notify'], ids: number[]): Promise<void> {
  if (!ids.length) return;
  await notifyQueue.addBulk(ids.map((id) => ({ name: 'notify', data: { notificationId: id }, opts: { jobId: `notification-${id}` } })));
}

/** The plan that applies to a mailbox, for callers that record other notices (defined with the limit rule). */
export { planFor };
