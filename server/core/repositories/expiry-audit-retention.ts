// Retention of the per-message expiry audit (expired_messages): one bounded batch of confirmed rows older than a
// cutoff, deleted in one statement. Never a `pending` row (a removal not yet settled, which reconciliation still
// needs), and never a row of a mailbox with a legal hold that is not lifted and has not ended (holds starting later
// included): a hold preserves the evidence, and the audit of what was removed before it is part of that evidence.
// The batch walks the partial index (at, id) WHERE state = 'done' from `after` on, so rows kept for a hold are
// looked at once per prune run, not once per batch.
import type { DbOrTx } from '../lib/prisma.ts';

/** Where a prune run stands in the (at, id) order: the last row a batch looked at. */
export interface PruneCursor { at: Date; id: bigint }

export interface PruneBatch {
  /** Rows deleted by this batch. */
  deleted: number;
  /** Rows kept because their mailbox is under a legal hold. */
  held: number;
  /** The last row looked at; null when no row older than the cutoff is left after `after`. */
  next: PruneCursor | null;
}

/**
 * Deletes up to `limit` confirmed rows with `at` before `cutoff` (after `after` in (at, id) order) whose mailbox is
 * not under a legal hold at `now`. Dates as UTC text cast to timestamp: the columns hold UTC without a zone.
 */
export async function pruneExpiryAuditBatch(db: DbOrTx, opts: { cutoff: Date; now: Date; after: PruneCursor | null; limit: number }): Promise<PruneBatch> {
  // No cursor yet: from the very start ('-infinity' sorts before every timestamp), so the statement has one form.
  const afterAt = opts.after ? opts.after.at.toISOString() : '-infinity';
  const afterId = opts.after ? opts.after.id : 0n;
  const rows = await db.$queryRaw<{ seen: number; deleted: number; last_at: string | null; last_id: bigint | null }[]>`
    WITH batch AS (
      SELECT id, mailbox_id, at FROM expired_messages
       WHERE state = 'done' AND at < ${opts.cutoff.toISOString()}::timestamp
         AND (at, id) > (${afterAt}::timestamp, ${afterId}::bigint)
       ORDER BY at, id
       LIMIT ${opts.limit}
    ), held AS (
      SELECT DISTINCT b.mailbox_id FROM batch b JOIN legal_holds h ON h.mailbox_id = b.mailbox_id
       WHERE h.lifted_at IS NULL AND (h.ends_at IS NULL OR h.ends_at > ${opts.now.toISOString()}::timestamp)
    ), gone AS (
      DELETE FROM expired_messages e USING batch b
       WHERE e.id = b.id AND e.state = 'done' AND b.mailbox_id NOT IN (SELECT mailbox_id FROM held)
      RETURNING e.id
    ), last AS (
      SELECT at, id FROM batch ORDER BY at DESC, id DESC LIMIT 1
    )
    SELECT (SELECT count(*) FROM batch)::int AS seen, (SELECT count(*) FROM gone)::int AS deleted,
           (SELECT to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') FROM last) AS last_at, (SELECT id FROM last) AS last_id`;
  const r = rows[0];
  // The cursor's time as UTC text (the column has no zone, and millisecond precision like every timestamp Prisma writes).
  const next = r.seen && r.last_at && r.last_id !== null ? { at: new Date(r.last_at), id: BigInt(r.last_id) } : null;
  return { deleted: r.deleted, held: r.seen - r.deleted, next };
}
