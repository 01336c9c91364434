// The console's hottest reads, in plain SQL: the mailbox list (search, filters, sort, page, total) and one mailbox's
// detail. Through Prisma's query builder each list page cost 2–3 compiled queries and the detail 4 (2–5 ms of API
// CPU each on the JS engine, bench/api.ts); here each is one statement. The rows have exactly the fields and types
// toApiMailbox gives (test/server/mailbox-list-sql.test.ts compares both ways), so the replies stay the same.
import { Prisma } from '../../generated/prisma/client.ts';
import type { DbOrTx } from '../lib/prisma.ts';
import type { ListQuery } from './list-query.ts';
import type { MailboxFilter } from './mailboxes.ts';
import { serverLimitMismatch } from './mailboxes.ts';
import { explainLimit, type LimitExplanation } from '../domain/effective-limit.ts';
import { toNumber } from '../lib/bigint.ts';

/** The list's sortable fields and their columns (the route allows only these). */
const SORT_COLUMNS: Record<string, Prisma.Sql> = {
  id: Prisma.sql`m.id`, address: Prisma.sql`m.address`, displayName: Prisma.sql`m.display_name`, status: Prisma.sql`m.status`,
  usagePercent: Prisma.sql`m.usage_percent`, usedBytes: Prisma.sql`m.used_bytes`, effectiveLimitBytes: Prisma.sql`m.effective_limit_bytes`,
  scannedAt: Prisma.sql`m.scanned_at`, createdAt: Prisma.sql`m.created_at`,
};
/** Sorted with NULL last whichever the direction ("most full first" starts with real numbers); the others have no NULLs. */
const NULLS_LAST = new Set(['usagePercent', 'usedBytes', 'scannedAt', 'effectiveLimitBytes']);

// Every column MailboxSchema shows, named as the API names them; status as text (Prisma's raw reads do not map enums).
const COLUMNS = Prisma.sql`
  m.id, m.address, m.display_name AS "displayName", m.imap_login AS "imapLogin", m.status::text AS status,
  m.status_reason AS "statusReason", m.status_changed_at AS "statusChangedAt", m.deleted_at AS "deletedAt",
  m.purge_after AS "purgeAfter", m.purged_at AS "purgedAt", m.directory_source AS "directorySource",
  m.alternate_email AS "alternateEmail", m.plan_id AS "planId", p.name AS "planName",
  m.limit_override_bytes AS "limitOverrideBytes", m.effective_limit_bytes AS "effectiveLimitBytes",
  m.used_bytes AS "usedBytes", m.used_messages AS "usedMessages", m.usage_percent AS "usagePercent",
  m.usage_source AS "usageSource", m.scanned_at AS "scannedAt", m.scan_error AS "scanError",
  m.server_limit_bytes AS "serverLimitBytes", m.probed_at AS "probedAt", m.probe_result AS "probeResult",
  m.probe_error AS "probeError", m.created_at AS "createdAt", m.updated_at AS "updatedAt"`;

interface PageRow {
  id: number; address: string; displayName: string; imapLogin: string; status: string; statusReason: string | null;
  statusChangedAt: Date | null; deletedAt: Date | null; purgeAfter: Date | null; purgedAt: Date | null;
  directorySource: string | null; alternateEmail: string | null; planId: number | null; planName: string | null;
  limitOverrideBytes: bigint | null; effectiveLimitBytes: bigint | null; usedBytes: bigint | null; usedMessages: number | null;
  usagePercent: number | null; usageSource: string | null; scannedAt: Date | null; scanError: string | null;
  serverLimitBytes: bigint | null; probedAt: Date | null; probeResult: Prisma.JsonValue | null; probeError: string | null;
  createdAt: Date; updatedAt: Date;
}

/** Byte counts as numbers, and whether the server enforced another limit (as toApiMailbox does). */
function toApiRow(r: PageRow) {
  return {
    ...r,
    status: r.status as 'active' | 'suspended' | 'disabled' | 'deleted',
    limitOverrideBytes: toNumber(r.limitOverrideBytes),
    effectiveLimitBytes: toNumber(r.effectiveLimitBytes),
    usedBytes: toNumber(r.usedBytes),
    serverLimitBytes: toNumber(r.serverLimitBytes),
    serverLimitMismatch: serverLimitMismatch(r),
  };
}

/** LIKE matches the text itself: its %, _ and \ are not wildcards. */
const likeContains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The same conditions as the filter's Prisma form had (mailboxWhere), as one WHERE clause. */
export function mailboxFilterSql(f: MailboxFilter, now = new Date()): Prisma.Sql {
  const and: Prisma.Sql[] = [];
  if (f.ids) and.push(Prisma.sql`m.id = ANY(${f.ids}::int[])`);
  if (f.status) and.push(Prisma.sql`m.status = ${f.status}::"MailboxStatus"`);
  if (f.planId) and.push(Prisma.sql`m.plan_id = ${f.planId}`);
  if (f.q) {
    // Substring of the lower-cased address, or of the name in any case: both served by the trigram indexes.
    and.push(Prisma.sql`(m.address LIKE ${likeContains(f.q.toLowerCase())} OR m.display_name ILIKE ${likeContains(f.q)})`);
  }
  if (f.overQuota === true) and.push(Prisma.sql`m.usage_percent >= 100`);
  if (f.overQuota === false) and.push(Prisma.sql`(m.usage_percent < 100 OR m.usage_percent IS NULL)`);
  if (f.minPercent !== undefined) and.push(Prisma.sql`m.usage_percent >= ${f.minPercent}::float8`);
  if (f.maxPercent !== undefined) and.push(Prisma.sql`m.usage_percent <= ${f.maxPercent}::float8`);
  if (f.staleHours !== undefined) {
    and.push(Prisma.sql`(m.scanned_at IS NULL OR m.scanned_at < ${new Date(now.getTime() - f.staleHours * 3600_000)}::timestamp(3))`);
  }
  return and.length ? Prisma.sql`WHERE ${Prisma.join(and, ' AND ')}` : Prisma.empty;
}

/** More parts than this and a reader folds them into one (one short statement every this many mailbox changes). */
const FOLD_ABOVE = 100;

/**
 * The exact number of mailboxes without counting 100,000 rows: the sum of the parts the triggers of migration
 * 20261206130000_mailbox_count keep, read in the caller's snapshot like a count(*) would be. When many parts have
 * piled up they are folded into one in a single statement: concurrent folds and readers still see the same sum (a
 * second fold finds the rows the first deleted gone and sums only what it deleted itself).
 */
export async function countAllMailboxes(db: DbOrTx): Promise<number> {
  const [{ n, parts }] = await db.$queryRaw<{ n: number; parts: number }[]>`
    SELECT COALESCE(sum(delta), 0)::int AS n, count(*)::int AS parts FROM mailbox_count_parts`;
  if (parts > FOLD_ABOVE) {
    await db.$executeRaw`
      WITH gone AS (DELETE FROM mailbox_count_parts RETURNING delta)
      INSERT INTO mailbox_count_parts (delta) SELECT sum(delta) FROM gone HAVING count(*) > 0`;
  }
  return n;
}

/** Search totals kept per database client: text → the total and the mailbox_text_version it was counted at. */
const searchTotals = new WeakMap<DbOrTx, Map<string, { version: bigint; total: number }>>();
/** Distinct search texts remembered per process; beyond it the oldest goes (a miss costs one count). */
const SEARCH_TOTALS_KEPT = 1_000;

/**
 * The exact total of a search (the `q` filter alone, as the console's search box sends it). Counting the matches of a
 * short or common text costs PostgreSQL 10–150 ms over 100,000 mailboxes, so the total is kept with the version of
 * mailbox_text_version it was counted at (read in the same statement, so in the same snapshot), and given again while
 * that version is unchanged: no committed transaction has since added, removed or renamed a mailbox, so count(*)
 * would answer the same. Without the version row (a database emptied by TRUNCATE of every table) it just counts.
 */
async function countSearch(db: DbOrTx, text: string, where: Prisma.Sql): Promise<number> {
  let kept = searchTotals.get(db);
  if (!kept) searchTotals.set(db, (kept = new Map()));
  const [current] = await db.$queryRaw<{ version: bigint }[]>`SELECT version FROM mailbox_text_version WHERE id = 1`;
  const hit = kept.get(text);
  if (current && hit?.version === current.version) return hit.total;
  const [{ version, n }] = await db.$queryRaw<{ version: bigint | null; n: number }[]>`
    SELECT (SELECT version FROM mailbox_text_version WHERE id = 1) AS version, count(*)::int AS n FROM mailboxes m ${where}`;
  kept.delete(text);
  if (version !== null) {
    if (kept.size >= SEARCH_TOTALS_KEPT) kept.delete(kept.keys().next().value!);
    kept.set(text, { version, total: n });
  }
  return n;
}

const isSearchOnly = (f: MailboxFilter) => f.q !== undefined && Object.entries(f).every(([k, v]) => k === 'q' || v === undefined);

/** The number of mailboxes a filter (and its WHERE clause from mailboxFilterSql) selects, exactly. */
export async function countMailboxes(db: DbOrTx, filter: MailboxFilter, where: Prisma.Sql): Promise<number> {
  if (where === Prisma.empty) return countAllMailboxes(db); // mailboxFilterSql's answer for "no filter"
  if (isSearchOnly(filter)) return countSearch(db, filter.q!, where);
  const [{ n }] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM mailboxes m ${where}`;
  return n;
}

export async function listMailboxPage(db: DbOrTx, query: ListQuery<MailboxFilter>) {
  const where = mailboxFilterSql(query.filter);
  const column = SORT_COLUMNS[query.sortField];
  if (!column) throw new Error(`not a sortable mailbox field: ${query.sortField}`); // the route's listSpec allows only these
  const direction = query.sortOrder === 'desc' ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const nulls = NULLS_LAST.has(query.sortField) ? Prisma.sql`NULLS LAST` : Prisma.empty;
  const rows = await db.$queryRaw<PageRow[]>`
    SELECT ${COLUMNS} FROM mailboxes m LEFT JOIN quota_plans p ON p.id = m.plan_id
    ${where} ORDER BY ${column} ${direction} ${nulls}, m.id ASC LIMIT ${query.take} OFFSET ${query.skip}`;
  // react-admin needs the exact total. A short page already tells it (most searches end on their first page);
  // the whole list's comes from countAllMailboxes, a search's is kept while no mailbox is added, removed or renamed,
  // any other filtered one that fills its page is counted.
  const pageTellsTotal = rows.length < query.take && (rows.length > 0 || query.skip === 0);
  const total = pageTellsTotal ? query.skip + rows.length : await countMailboxes(db, query.filter, where);
  return { rows: rows.map(toApiRow), total };
}

/**
 * One mailbox as its page shows it: the row, per-folder usage and the limit explained (its plan: its own, else the
 * default one, as planFor picks it; the increases neither ended nor expired), in one statement.
 */
export async function loadMailboxDetail(db: DbOrTx, id: number, now = new Date()) {
  const [row] = await db.$queryRaw<(PageRow & {
    usageFolders: Prisma.JsonValue | null; limitPlanName: string | null; limitPlanBytes: bigint | null;
    increases: { id: number; extraBytes: number; expiresAtMs: number; reason: string }[];
  })[]>`
    SELECT ${COLUMNS}, m.usage_folders AS "usageFolders", lp.name AS "limitPlanName", lp.storage_limit_bytes AS "limitPlanBytes",
           COALESCE((SELECT json_agg(json_build_object('id', t.id, 'extraBytes', t.extra_bytes, 'reason', t.reason,
                                                       'expiresAtMs', (extract(epoch FROM t.expires_at) * 1000)::bigint) ORDER BY t.expires_at, t.id)
                       FROM temporary_increases t
                      WHERE t.mailbox_id = m.id AND t.ended_at IS NULL AND t.expires_at > ${now}::timestamp(3)), '[]'::json) AS increases
      FROM mailboxes m
      LEFT JOIN quota_plans p ON p.id = m.plan_id
      JOIN mailbox_plan mp ON mp.mailbox_id = m.id
      LEFT JOIN quota_plans lp ON lp.id = mp.plan_id
     WHERE m.id = ${id}`;
  if (!row) return null;
  const { usageFolders, limitPlanName, limitPlanBytes, increases, ...mailbox } = row;
  const limit: LimitExplanation = explainLimit({
    planName: limitPlanName,
    planLimitBytes: toNumber(limitPlanBytes),
    overrideBytes: toNumber(mailbox.limitOverrideBytes),
    increases: increases.map((i) => ({ id: i.id, extraBytes: Number(i.extraBytes), expiresAt: new Date(i.expiresAtMs), endedAt: null, reason: i.reason })),
  }, now);
  return { ...toApiRow(mailbox), usageFolders, limit };
}
