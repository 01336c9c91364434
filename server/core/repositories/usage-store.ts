// Stores what a usage-scan job measured, for all its mailboxes in one statement: the usage columns (and the limit
// the server itself reported, server_limit_bytes), a history
// sample each and, where only the notice state moves (a first scan, a threshold re-armed), that state too.
// Per mailbox, the Prisma way was two transactions and about ten queries (~20 ms of worker CPU on the JS engine);
// a scan of 100k mailboxes an hour cannot afford that, and nearly every scan changes nothing but the numbers.
//
// Notices stay with evaluateQuotaNotices (row lock, dedupe keys): the decision is taken here from the row as
// read (decideNotices, the same function), and whenever it sends a notice, or the row's notice state, limit or
// plan changed since it was read (compare-and-set in the UPDATE, which locks the row), the mailbox is handed
// back for the locked evaluation. So nothing is sent here, and a race ends in the same place as before.
import { isDeepStrictEqual } from 'node:util';
import type { Db, Prisma } from '../lib/prisma.ts';
import { usagePercent } from '../services/mailbox-limits.ts';
import { decideNotices, type NoticeSettings } from '../services/quota-notices.ts';
import type { MailboxUsage } from '../imap/usage.ts';

export interface ScanTarget {
  id: number;
  imapLogin: string;
  status: string;
  effectiveLimitBytes: bigint | null;
  noticeState: Prisma.JsonValue | null;
  planId: number | null;
  /** When its folders were last measured (a totals-only scan leaves them). */
  foldersScannedAt: Date | null;
  /** The mailbox's plan, or the default plan when it has none (null: no plan at all). */
  plan: { warnThresholds: number[]; gracePercent: number } | null;
}

/**
 * A totals figure (usage.totalsOnly: the frequent scan's quota-root read, or Dovecot's quota_clone in
 * jobs/live-usage.ts) keeps the folders, their measuring time and, where it read none, the server's limit and
 * message count as the last full scan left them. A live figure (source quota-clone) also keeps any scan error and
 * adds a history sample only when the mailbox has none from the last LIVE_SAMPLE_MINUTES (a delivery every minute
 * must not write a sample every minute).
 */
export interface MeasuredMailbox { mailbox: ScanTarget; usage: MailboxUsage }

export const LIVE_SAMPLE_MINUTES = 15;

/**
 * The mailboxes of a job with what the notice decision needs, in one query: Prisma's findMany with the plan
 * included cost ~27 ms of worker CPU for 25 rows, this ~3 ms. The plan is the mailbox's own or else the default
 * one, as evaluateQuotaNotices picks it.
 */
export async function loadScanTargets(prisma: Db, ids: number[]): Promise<ScanTarget[]> {
  const rows = await prisma.$queryRaw<{
    id: number; imap_login: string; status: string; effective_limit_bytes: bigint | null; notice_state: Prisma.JsonValue | null;
    plan_id: number | null; warn_thresholds: number[] | null; grace_percent: number | null; folders_scanned_at: Date | null;
  }[]>`
    SELECT m.id, m.imap_login, m.status::text AS status, m.effective_limit_bytes, m.notice_state, m.plan_id, p.warn_thresholds, p.grace_percent,
           m.folders_scanned_at
    FROM mailboxes m
    JOIN mailbox_plan mp ON mp.mailbox_id = m.id -- own plan, else the default plan (planFor's SQL twin)
    LEFT JOIN quota_plans p ON p.id = mp.plan_id
    WHERE m.id = ANY(${ids}::int[]) ORDER BY m.id`;
  return rows.map((r) => ({
    id: r.id, imapLogin: r.imap_login, status: r.status, effectiveLimitBytes: r.effective_limit_bytes, noticeState: r.notice_state, planId: r.plan_id,
    foldersScannedAt: r.folders_scanned_at,
    plan: r.warn_thresholds === null ? null : { warnThresholds: r.warn_thresholds, gracePercent: r.grace_percent ?? 0 },
  }));
}

/** Writes the batch; returns the ids whose notices need evaluateQuotaNotices. */
export async function recordUsage(prisma: Db, measured: MeasuredMailbox[], now: Date, settings: NoticeSettings): Promise<number[]> {
  if (!measured.length) return [];
  const due: number[] = [];
  const rows = measured.map(({ mailbox, usage }) => {
    const decision = decideNotices({ usedBytes: BigInt(usage.usedBytes), effectiveLimitBytes: mailbox.effectiveLimitBytes, noticeState: mailbox.noticeState }, mailbox.plan, now, settings);
    if (decision.notices.length) due.push(mailbox.id);
    return {
      id: mailbox.id,
      used: String(usage.usedBytes),
      messages: usage.usedMessages,
      percent: usagePercent(usage.usedBytes, decision.limit),
      source: usage.source,
      folders: JSON.stringify(usage.folders),
      serverLimit: usage.limitBytes === null ? null : String(usage.limitBytes),
      totalsOnly: usage.totalsOnly ?? false,
      live: usage.source === 'quota-clone',
      limit: mailbox.effectiveLimitBytes === null ? null : String(mailbox.effectiveLimitBytes),
      planId: mailbox.planId,
      previous: mailbox.noticeState === null ? null : JSON.stringify(mailbox.noticeState),
      // Only a quiet move of the state is written here; a notice goes through the locked evaluation.
      next: !decision.notices.length && !isDeepStrictEqual(decision.state, mailbox.noticeState) ? JSON.stringify(decision.state) : null,
    };
  });
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);

  const raced = await prisma.$queryRaw<{ id: number }[]>`
    WITH v AS (
      SELECT * FROM unnest(${col('id')}::int[], ${col('used')}::bigint[], ${col('messages')}::int[], ${col('percent')}::float8[],
                           ${col('source')}::text[], ${col('folders')}::jsonb[], ${col('limit')}::bigint[], ${col('planId')}::int[],
                           ${col('previous')}::jsonb[], ${col('next')}::jsonb[], ${col('serverLimit')}::bigint[], ${col('totalsOnly')}::bool[],
                           ${col('live')}::bool[])
        AS v(id, used, messages, percent, source, folders, limit_bytes, plan_id, previous, next, server_limit, totals_only, live)
    ), updated AS (
      -- The CASE sees the row version the UPDATE locked (READ COMMITTED re-reads it after waiting for a lock).
      UPDATE mailboxes m SET
        used_bytes = v.used, used_messages = COALESCE(v.messages, m.used_messages), usage_percent = v.percent, usage_source = v.source,
        usage_folders = CASE WHEN v.totals_only THEN m.usage_folders ELSE v.folders END, scanned_at = ${now}::timestamp(3),
        folders_scanned_at = CASE WHEN v.totals_only THEN m.folders_scanned_at ELSE ${now}::timestamp(3) END,
        scan_error = CASE WHEN v.live THEN m.scan_error END,
        server_limit_bytes = CASE WHEN v.live THEN m.server_limit_bytes ELSE v.server_limit END,
        notice_state = CASE WHEN v.next IS NOT NULL AND m.notice_state IS NOT DISTINCT FROM v.previous
                             AND m.effective_limit_bytes IS NOT DISTINCT FROM v.limit_bytes AND m.plan_id IS NOT DISTINCT FROM v.plan_id
                            THEN v.next ELSE m.notice_state END
      FROM v WHERE m.id = v.id
      RETURNING m.id, m.effective_limit_bytes, v.used, m.used_messages AS messages, v.live,
        v.next IS NOT NULL AND NOT (m.notice_state IS NOT DISTINCT FROM v.next
          AND m.effective_limit_bytes IS NOT DISTINCT FROM v.limit_bytes AND m.plan_id IS NOT DISTINCT FROM v.plan_id) AS raced
    ), samples AS (
      INSERT INTO usage_samples (mailbox_id, at, used_bytes, used_messages, limit_bytes)
      SELECT id, ${now}::timestamp(3), used, messages, effective_limit_bytes FROM updated u
      -- No message count yet (a totals read before any full one): no sample, rather than a made-up count.
      WHERE u.messages IS NOT NULL AND (NOT u.live OR NOT EXISTS (
        SELECT 1 FROM usage_samples s WHERE s.mailbox_id = u.id AND s.at > ${now}::timestamp(3) - make_interval(mins => ${LIVE_SAMPLE_MINUTES})))
    )
    SELECT id FROM updated WHERE raced`;
  return [...due, ...raced.map((r) => r.id)];
}
