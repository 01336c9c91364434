// The dashboard's figures, aggregated in PostgreSQL (never by loading rows into Node). Days are UTC calendar days:
// timestamps are stored in UTC (TIMESTAMP(3) without time zone). Byte counts are converted to numbers at this edge.
import type { DbOrTx } from '../lib/prisma.ts';
import { toNumber } from '../lib/bigint.ts';
import { DEFAULT_THRESHOLDS } from '../domain/plan-rules.ts';

// "Near" starts at the first (lowest) warning threshold of the mailbox's plan; a mailbox without a plan follows the
// default plan (the mailbox_plan view, planFor's SQL twin), and without one the built-in thresholds, as the quota
// notices do (services/quota-notices.ts).
const FIRST_THRESHOLD_SQL = `
  WITH m AS (
    SELECT m.id, m.address, m.display_name, m.used_bytes, m.effective_limit_bytes, m.usage_percent, m.scanned_at,
           CASE WHEN p.id IS NULL THEN ${DEFAULT_THRESHOLDS[0]}
                ELSE (SELECT min(t) FROM unnest(p.warn_thresholds) t) END AS first
      FROM mailboxes m JOIN mailbox_plan mp ON mp.mailbox_id = m.id LEFT JOIN quota_plans p ON p.id = mp.plan_id
     WHERE m.status = 'active' AND m.usage_percent IS NOT NULL
  )`;

interface TopRow { id: number; address: string; display_name: string; used_bytes: bigint | null; effective_limit_bytes: bigint | null; usage_percent: number; scanned_at: Date | null; first: number | null }

export interface DayFigures { day: string; bytesFreed: number; messagesExpired: number; usersOverQuota: number }

export function createDashboardFigures(db: DbOrTx) {
  return {
    /** Active mailboxes at or over their first warning threshold (near) and at or over 100 % (over). */
    async quotaCounts() {
      const [counts] = await db.$queryRawUnsafe<{ near: number; over: number }[]>(`${FIRST_THRESHOLD_SQL}
        SELECT count(*) FILTER (WHERE usage_percent >= 100)::int AS over,
               count(*) FILTER (WHERE usage_percent >= first AND usage_percent < 100)::int AS near
          FROM m`);
      return { near: counts?.near ?? 0, over: counts?.over ?? 0 };
    },

    /** The fullest mailboxes that are near or over, most full first. */
    async fullest(limit: number) {
      const top = await db.$queryRawUnsafe<TopRow[]>(`${FIRST_THRESHOLD_SQL}
        SELECT * FROM m WHERE usage_percent >= 100 OR usage_percent >= first
         ORDER BY usage_percent DESC, id LIMIT ${Number(limit)}`);
      return top.map((r) => ({
        id: r.id, address: r.address, displayName: r.display_name, usedBytes: toNumber(r.used_bytes), limitBytes: toNumber(r.effective_limit_bytes),
        usagePercent: r.usage_percent, scannedAt: r.scanned_at, nearThreshold: r.first,
      }));
    },

    /** The active mailboxes' scan fields: last scan, never scanned, failing, and scanned since `since`. */
    async scanFigures(since: Date) {
      const [row] = await db.$queryRaw<{ last: Date | null; active: number; never: number; failing: number; done: number }[]>`
        SELECT max(scanned_at) AS last, count(*)::int AS active,
               count(*) FILTER (WHERE scanned_at IS NULL)::int AS never,
               count(*) FILTER (WHERE scan_error IS NOT NULL)::int AS failing,
               count(*) FILTER (WHERE scanned_at >= ${since})::int AS done
          FROM mailboxes WHERE status = 'active'`;
      return row;
    },

    /**
     * One row per UTC day of the last `days` days up to `today` (oldest first, zeros for quiet days): bytes freed by
     * real expiry (mailbox runs, by the day they finished), messages expired (confirmed rows of the per-message audit,
     * deleted or moved) and mailboxes seen over their limit by at least one usage scan that day.
     */
    async dailySeries(days: number, today: string): Promise<DayFigures[]> {
      const rows = await db.$queryRaw<{ day: string; bytes: bigint | null; messages: number | null; users: number | null }[]>`
        WITH days AS (
          SELECT d::date AS day FROM generate_series(${today}::date - (${days}::int - 1), ${today}::date, interval '1 day') d
        ), freed AS (
          SELECT finished_at::date AS day, sum(bytes_freed)::bigint AS bytes FROM expiry_mailbox_runs
           WHERE dry_run = false AND finished_at >= ${today}::date - (${days}::int - 1) GROUP BY 1
        ), expired AS (
          SELECT at::date AS day, count(*)::int AS messages FROM expired_messages
           WHERE state = 'done' AND at >= ${today}::date - (${days}::int - 1) GROUP BY 1
        ), over AS (
          SELECT at::date AS day, count(DISTINCT mailbox_id)::int AS users FROM usage_samples
           WHERE at >= ${today}::date - (${days}::int - 1) AND limit_bytes > 0 AND used_bytes >= limit_bytes GROUP BY 1
        )
        SELECT to_char(days.day, 'YYYY-MM-DD') AS day, freed.bytes, expired.messages, over.users
          FROM days LEFT JOIN freed USING (day) LEFT JOIN expired USING (day) LEFT JOIN over USING (day)
         ORDER BY days.day`;
      return rows.map((r) => ({ day: r.day, bytesFreed: toNumber(r.bytes) ?? 0, messagesExpired: r.messages ?? 0, usersOverQuota: r.users ?? 0 }));
    },
  };
}
