// Seeds the API benchmark's database with a realistic installation of N mailboxes in a few set-based
// statements (seconds, not minutes): four plans, addresses across four domains, display names, 1 % with an
// override, 0.2 % with a temporary increase, usage from the "last scan" (most under 75 %, ~8 % near the
// limit, ~2 % over it, some stale or never scanned), per-folder usage, and two weeks of daily usage samples
// for one mailbox in ten. A seed is reused while its fingerprint (a comment on the mailboxes table) matches.
import pg from 'pg';

/** Bump when the generated data changes, so cached databases are re-seeded. */
const SEED_VERSION = 2;
const GiB = 1024 ** 3;

export const BENCH_PLANS = [
  { name: 'Basic', bytes: 1 * GiB, isDefault: true },
  { name: 'Standard', bytes: 5 * GiB, isDefault: false },
  { name: 'Staff', bytes: 20 * GiB, isDefault: false },
  { name: 'Archive', bytes: 50 * GiB, isDefault: false },
];

const fingerprint = (n: number) => `mailwarden bench api seed v${SEED_VERSION}, ${n} mailboxes`;

/** Whether the database already holds this seed (the comment is written last, after every row). */
export async function isSeeded(db: pg.Client, n: number): Promise<boolean> {
  const { rows } = await db.query<{ c: string | null }>(`SELECT obj_description('mailboxes'::regclass, 'pg_class') AS c`);
  return rows[0]?.c === fingerprint(n);
}

export async function seedMailboxes(db: pg.Client, n: number): Promise<void> {
  await db.query('BEGIN');
  try {
    await db.query(`COMMENT ON TABLE mailboxes IS NULL`);
    await db.query('TRUNCATE quota_plans, mailboxes, usage_samples, temporary_increases RESTART IDENTITY CASCADE');
    // Bulk-load practice: 100,000 rows go in several times faster without the secondary indexes (the trigram
    // ones most of all), which are then built once from the definitions the migrations gave them.
    await db.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    const { rows: indexes } = await db.query<{ name: string; def: string }>(`
      SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
       WHERE i.schemaname = 'public' AND i.tablename = 'mailboxes'
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.conrelid = 'mailboxes'::regclass)`);
    for (const { name } of indexes) await db.query(`DROP INDEX "${name}"`);
    for (const p of BENCH_PLANS) {
      await db.query(`INSERT INTO quota_plans (name, storage_limit_bytes, is_default, updated_at) VALUES ($1, $2, $3, now())`, [p.name, p.bytes, p.isDefault]);
    }
    // Deterministic pseudo-random numbers: the same data on every machine and run.
    await db.query('SELECT setseed(0.42)');
    await db.query(`
      WITH base AS (
        SELECT i,
               (ARRAY['anna','ben','clara','david','emma','felix','greta','hugo','ida','jonas','karla','leon','mia','noah','olga','paul','rosa','sven','tina','yusuf'])[1 + i % 20] AS first,
               (ARRAY['schmidt','mueller','kowalski','nguyen','garcia','smith','rossi','novak','jensen','dubois','silva','okafor','tanaka','berg','meyer','fischer','larsen','costa','weber','moreau',
                      'khan','lopez','walsh','horvat','ivanova','sato','keller','bauer','lindqvist','martin'])[1 + (i / 20) % 30] AS last,
               (ARRAY['example.org','mail.example.net','staff.example.com','students.example.edu'])[1 + (i * 7) % 4] AS domain,
               CASE WHEN i % 10 < 6 THEN 1 WHEN i % 10 < 9 THEN 2 WHEN i % 50 <> 49 THEN 3 ELSE 4 END AS plan_id,
               CASE WHEN i % 100 = 0 THEN (2 + i % 3) * ${GiB}::bigint END AS override,
               random() AS r1, random() AS r2, random() AS r3
          FROM generate_series(1, $1::int) AS i
      ), sized AS (
        SELECT b.*, COALESCE(b.override, p.storage_limit_bytes) AS limit_bytes,
               -- share of the limit in use: ~2 % over, ~8 % in 80–100 %, the rest up to 75 %
               CASE WHEN r1 < 0.02 THEN 1 + r2 * 0.2 WHEN r1 < 0.10 THEN 0.8 + r2 * 0.2 ELSE r2 * 0.75 END AS share,
               -- 90 % scanned in the last 2 hours, 5 % stale (days ago), 5 % never scanned
               CASE WHEN r3 < 0.90 THEN now() - r3 * interval '2 hours' WHEN r3 < 0.95 THEN now() - r3 * interval '10 days' END AS scanned_at
          FROM base b JOIN quota_plans p ON p.id = b.plan_id
      )
      INSERT INTO mailboxes (address, display_name, imap_login, status, plan_id, limit_override_bytes, effective_limit_bytes,
                             used_bytes, used_messages, usage_percent, usage_source, usage_folders, scanned_at, created_at, updated_at)
      SELECT addr, initcap(first) || ' ' || initcap(last), addr,
             (CASE WHEN i % 97 = 0 THEN 'disabled' ELSE 'active' END)::"MailboxStatus",
             plan_id, override, limit_bytes, used, used / 20000, 
             CASE WHEN used IS NULL THEN NULL ELSE round(used::numeric * 100 / limit_bytes, 2)::float8 END,
             CASE WHEN used IS NULL THEN NULL ELSE 'quota' END,
             CASE WHEN used IS NULL THEN NULL ELSE jsonb_build_array(
               jsonb_build_object('path', 'INBOX', 'specialUse', null, 'messages', used / 40000, 'bytes', used / 2),
               jsonb_build_object('path', 'Sent', 'specialUse', '\\Sent', 'messages', used / 100000, 'bytes', used / 5),
               jsonb_build_object('path', 'Archive', 'specialUse', '\\Archive', 'messages', used / 80000, 'bytes', used / 5),
               jsonb_build_object('path', 'Trash', 'specialUse', '\\Trash', 'messages', used / 400000, 'bytes', used / 20),
               jsonb_build_object('path', 'Junk', 'specialUse', '\\Junk', 'messages', used / 400000, 'bytes', used / 20)) END,
             scanned_at, now() - (i % 1000) * interval '1 day', now()
        FROM (SELECT s.*, first || '.' || last || i || '@' || domain AS addr,
                     CASE WHEN scanned_at IS NOT NULL THEN (share * limit_bytes)::bigint END AS used
                FROM sized s) x
       ORDER BY i`, [n]);
    for (const { def } of indexes) await db.query(def);

    // Temporary increases (one mailbox in 500) raise the effective limit until they expire.
    await db.query(`
      INSERT INTO temporary_increases (mailbox_id, extra_bytes, reason, expires_at, created_by)
      SELECT id, ${GiB}::bigint, 'Project archive migration', now() + interval '7 days', 'bench@example.test'
        FROM mailboxes WHERE id % 500 = 0`);
    await db.query(`
      UPDATE mailboxes m SET effective_limit_bytes = m.effective_limit_bytes + t.extra_bytes,
             usage_percent = CASE WHEN m.used_bytes IS NULL THEN NULL ELSE round(m.used_bytes::numeric * 100 / (m.effective_limit_bytes + t.extra_bytes), 2)::float8 END
        FROM temporary_increases t WHERE t.mailbox_id = m.id`);

    // Two weeks of daily samples for one mailbox in ten (what the usage-history card reads).
    await db.query(`
      INSERT INTO usage_samples (mailbox_id, at, used_bytes, used_messages, limit_bytes)
      SELECT m.id, m.scanned_at - d * interval '1 day', GREATEST(0, m.used_bytes - d * (m.used_bytes / 60)), m.used_messages, m.effective_limit_bytes
        FROM mailboxes m CROSS JOIN generate_series(0, 13) AS d
       WHERE m.id % 10 = 0 AND m.used_bytes IS NOT NULL`);
    await db.query(`COMMENT ON TABLE mailboxes IS '${fingerprint(n)}'`);
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK');
    throw err;
  }
  // A production database of this size has been vacuumed and analysed: plans and index-only scans rely on it.
  await db.query('VACUUM ANALYZE quota_plans, temporary_increases, usage_samples');
  await vacuum(db);
}

/**
 * What an hourly usage scan leaves behind between two autovacuum runs: `share` of the rows rewritten (scanned_at
 * and usage columns, so every index gets new entries) and not yet vacuumed. Autovacuum starts at 20 % dead rows by
 * default, so 0.2 is the worst state it lets a list see; count(*) can then no longer answer from the index alone.
 */
export async function rewriteAsScanned(db: pg.Client, share: number): Promise<void> {
  await db.query(`UPDATE mailboxes SET scanned_at = scanned_at + interval '1 second', used_bytes = used_bytes WHERE random() < $1`, [share]);
}

/**
 * Back to the vacuumed state the seed is reused in. Run it with the API stopped: a VACUUM beside busy sessions
 * was seen leaving every rewritten row in place. Cheap when there is nothing to do (it skips all-visible pages),
 * so a run also starts with it, whatever the previous run left behind.
 */
export async function vacuum(db: pg.Client): Promise<void> {
  await db.query('VACUUM ANALYZE mailboxes');
  // count(*) answers from the index alone only on pages VACUUM could mark all-visible; an old snapshot held by
  // another session stops it doing so, and the "vacuumed" figures would silently be mid-scan ones.
  const { rows } = await db.query<{ pages: number; visible: number }>(`SELECT relpages AS pages, relallvisible AS visible FROM pg_class WHERE relname = 'mailboxes'`);
  const { pages, visible } = rows[0];
  if (visible < 0.95 * pages) console.warn(`after VACUUM only ${visible} of ${pages} mailbox pages are all-visible (a long transaction elsewhere?): counts read the heap`);
}
