// Rows as people read them: each helper adds the name behind an id (a run's scope, an audit event's entity, a
// job's mailbox) with one look-up per kind for the whole page. A name is null when the thing no longer exists.
import type { DbOrTx } from '../core/lib/prisma.ts';
import { createEntityNames, nameKey, NAMED_KINDS, type NamedKind, type NameRequests } from '../core/repositories/entity-names.ts';

const SCOPE_KINDS: Record<string, NamedKind> = { mailbox: 'mailbox', policy: 'retention_policy' };

function scopeRef(scope: string): { kind: NamedKind; id: number } | null {
  const [prefix, raw] = scope.split(':');
  const kind = SCOPE_KINDS[prefix];
  return kind && /^\d+$/.test(raw ?? '') ? { kind, id: Number(raw) } : null;
}

function collect<T>(rows: T[], ref: (row: T) => { kind: NamedKind; id: number } | null): NameRequests {
  const requests: Record<string, number[]> = {};
  for (const row of rows) {
    const r = ref(row);
    if (r) (requests[r.kind] ??= []).push(r.id);
  }
  return requests;
}

async function withNames<T, K extends string>(db: DbOrTx, rows: T[], key: K, ref: (row: T) => { kind: NamedKind; id: number } | null) {
  const names = await createEntityNames(db).resolve(collect(rows, ref));
  return rows.map((row) => {
    const r = ref(row);
    return { ...row, [key]: r ? names.get(nameKey(r.kind, r.id)) ?? null : null } as T & Record<K, string | null>;
  });
}

/** scopeName: the mailbox's address for "mailbox:<id>", the policy's name for "policy:<id>", null for "all". */
export const withScopeNames = <R extends { scope: string }>(db: DbOrTx, runs: R[]) => withNames(db, runs, 'scopeName', (r) => scopeRef(r.scope));

/** entityName: the address, plan or policy name, staff email or article title the event's entityId stands for. */
export const withEntityNames = <E extends { entityType: string; entityId: string | null }>(db: DbOrTx, events: E[]) =>
  withNames(db, events, 'entityName', (e) =>
    (NAMED_KINDS as readonly string[]).includes(e.entityType) && /^\d+$/.test(e.entityId ?? '') ? { kind: e.entityType as NamedKind, id: Number(e.entityId) } : null);

/** mailboxAddress: the address of the job's data.mailboxId, when the job is about one mailbox. */
export const withJobMailboxes = <J extends { data: Record<string, unknown> }>(db: DbOrTx, jobs: J[]) =>
  withNames(db, jobs, 'mailboxAddress', (j) => (Number.isSafeInteger(j.data.mailboxId) ? { kind: 'mailbox', id: j.data.mailboxId as number } : null));
