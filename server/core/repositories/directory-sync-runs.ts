// Directory sync runs and their diffs (one row per change), and the mailbox snapshot a diff is computed against.
// Plain SQL with arrays: a first sync of 100,000 people stores 100,000 change rows, which Prisma's row mapping
// would take seconds to build.
import type { Db, DbOrTx } from '../lib/prisma.ts';
import type { CurrentMailbox, SyncDiff } from '../domain/directory/diff.ts';
import type { SafetyVerdict } from '../domain/directory/safety.ts';

const CHUNK = 5000;
const PAGE = 10_000;

export interface RunStart { source: string; dryRun: boolean; trigger: 'scheduled' | 'manual'; createdBy?: string | null }

export async function createRun(db: DbOrTx, start: RunStart): Promise<number> {
  const run = await db.directorySyncRun.create({ data: { source: start.source, dryRun: start.dryRun, trigger: start.trigger, createdBy: start.createdBy ?? null } });
  return run.id;
}

export async function finishRun(db: DbOrTx, id: number, outcome: { status: 'completed' | 'stopped' | 'failed'; entries?: number; diff?: SyncDiff; safety?: SafetyVerdict; applied?: boolean; error?: string }): Promise<void> {
  const d = outcome.diff;
  await db.directorySyncRun.update({
    where: { id },
    data: {
      status: outcome.status, finishedAt: new Date(), entries: outcome.entries ?? 0, applied: outcome.applied ?? false, error: outcome.error ?? null,
      ...(d ? { added: d.added.length, changed: d.changed.length, gone: d.gone.length, returned: d.returned.length, problems: d.problems.length, unchanged: d.unchanged, managed: d.managed } : {}),
      ...(outcome.safety ? { safety: { ...outcome.safety } } : {}),
    },
  });
}

interface ChangeRow { kind: string; address: string | null; mailboxId: number | null; dn: string | null; before: unknown; after: unknown; detail: string | null }

/** Every line of a diff, in the diff's own order (kind, then address), CHUNK at a time: a first sync's 100,000
 *  lines never exist as rows all at once. */
export function* changeRows(diff: SyncDiff): Generator<ChangeRow[]> {
  const lists: Array<() => Generator<ChangeRow>> = [
    function* () { for (const { address, dn, ...after } of diff.added) yield { kind: 'added', address, mailboxId: null, dn, before: null, after, detail: null }; },
    function* () { for (const c of diff.changed) yield { kind: 'changed', address: c.address, mailboxId: c.id, dn: c.dn, before: c.before, after: c.adopted ? { ...c.after, adopted: true } : c.after, detail: null }; },
    function* () { for (const g of diff.gone) yield { kind: 'gone', address: g.address, mailboxId: g.id, dn: null, before: null, after: null, detail: null }; },
    function* () { for (const c of diff.returned) yield { kind: 'returned', address: c.address, mailboxId: c.id, dn: c.dn, before: c.before, after: c.after, detail: null }; },
    function* () { for (const p of diff.problems) yield { kind: 'problem', address: p.address ?? null, mailboxId: null, dn: p.dn, before: null, after: null, detail: p.detail ? `${p.reason}: ${p.detail}` : p.reason }; },
  ];
  let part: ChangeRow[] = [];
  for (const list of lists) {
    for (const row of list()) {
      part.push(row);
      if (part.length === CHUNK) { yield part; part = []; }
    }
  }
  if (part.length) yield part;
}

export async function storeChanges(db: DbOrTx, runId: number, diff: SyncDiff): Promise<void> {
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  for (const part of changeRows(diff)) {
    await db.$executeRaw`
      INSERT INTO directory_sync_changes (run_id, kind, address, mailbox_id, dn, before, after, detail)
      SELECT ${runId}, u.kind, u.address, u.mailbox_id, u.dn, u.before::jsonb, u.after::jsonb, u.detail
      FROM unnest(${part.map((r) => r.kind)}::text[], ${part.map((r) => r.address)}::text[], ${part.map((r) => r.mailboxId)}::int[],
                  ${part.map((r) => r.dn)}::text[], ${part.map((r) => json(r.before))}::text[], ${part.map((r) => json(r.after))}::text[],
                  ${part.map((r) => r.detail)}::text[]) WITH ORDINALITY AS u(kind, address, mailbox_id, dn, before, after, detail, n)
      ORDER BY u.n`;
  }
}

/**
 * Deletes the diff lines of every finished run but the newest `keepRuns` (DIRECTORY_KEEP_RUNS) and marks those runs
 * pruned; the run rows and their counts stay. One transaction, so a run is never half pruned. Returns the runs pruned.
 */
export async function pruneChanges(db: Db, keepRuns: number, now = new Date()): Promise<number> {
  return db.$transaction(async (tx) => {
    const runs = await tx.$queryRaw<{ id: number }[]>`
      UPDATE directory_sync_runs SET changes_pruned_at = ${now}
      WHERE changes_pruned_at IS NULL AND status <> 'running'
        AND id NOT IN (SELECT id FROM directory_sync_runs WHERE status <> 'running' ORDER BY id DESC LIMIT ${keepRuns})
      RETURNING id`;
    if (runs.length) await tx.$executeRaw`DELETE FROM directory_sync_changes WHERE run_id = ANY(${runs.map((r) => r.id)}::int[])`;
    return runs.length;
  }, { timeout: 120_000 });
}

/** Every mailbox, as the diff sees it (addresses and logins compare lower-cased; plan by name). Read in pages of
 *  PAGE by id: one 100,000-row result would sit in memory twice (the driver's rows and these objects). */
export async function loadMailboxes(db: DbOrTx): Promise<CurrentMailbox[]> {
  const out: CurrentMailbox[] = [];
  for (let after = 0; ;) {
    const rows = await db.$queryRaw<Array<{ id: number; address: string; imap_login: string; display_name: string; alternate_email: string | null; plan: string | null; status: string; directory_source: string | null; gone: boolean }>>`
      SELECT m.id, m.address, m.imap_login, m.display_name, m.alternate_email, p.name AS plan, m.status::text AS status, m.directory_source,
             m.directory_gone_at IS NOT NULL AS gone
      FROM mailboxes m LEFT JOIN quota_plans p ON p.id = m.plan_id WHERE m.id > ${after} ORDER BY m.id LIMIT ${PAGE}`;
    for (const r of rows) {
      out.push({
        id: r.id, address: r.address, imapLogin: r.imap_login, displayName: r.display_name, alternateEmail: r.alternate_email, plan: r.plan,
        status: r.status as CurrentMailbox['status'], directorySource: r.directory_source, goneFromDirectory: r.gone,
      });
    }
    if (rows.length < PAGE) return out;
    after = rows[rows.length - 1].id;
  }
}

export async function planNames(db: DbOrTx): Promise<string[]> {
  return (await db.quotaPlan.findMany({ select: { name: true } })).map((p) => p.name);
}
