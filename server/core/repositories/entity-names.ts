// Names for ids, so screens show "alice@example.org" or "Staff 10 GiB" where an audit event, a run's scope or a
// job's data only carries an id. One query per kind for a whole page of rows; an id that no longer exists has no
// name (a deleted mailbox's events keep their id only, and the caller shows that).
import type { DbOrTx } from '../lib/prisma.ts';

/** The kinds that have a name, as audit events spell their entityType. */
export type NamedKind = 'mailbox' | 'plan' | 'retention_policy' | 'staff' | 'guidance-article';

export const NAMED_KINDS: readonly NamedKind[] = ['mailbox', 'plan', 'retention_policy', 'staff', 'guidance-article'];

export type NameRequests = Partial<Record<NamedKind, Iterable<number>>>;
/** Key: `${kind}:${id}`. */
export type Names = Map<string, string>;

export const nameKey = (kind: NamedKind, id: number) => `${kind}:${id}`;

export function createEntityNames(db: DbOrTx) {
  const lookups: Record<NamedKind, (ids: number[]) => Promise<{ id: number; name: string }[]>> = {
    mailbox: async (ids) => (await db.mailbox.findMany({ where: { id: { in: ids } }, select: { id: true, address: true } })).map((r) => ({ id: r.id, name: r.address })),
    plan: (ids) => db.quotaPlan.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    retention_policy: (ids) => db.retentionPolicy.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    staff: async (ids) => (await db.staffUser.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } })).map((r) => ({ id: r.id, name: r.email })),
    'guidance-article': async (ids) => (await db.guidanceArticle.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } })).map((r) => ({ id: r.id, name: r.title })),
  };
  return {
    /** Names of every id asked for that still exists. */
    async resolve(requests: NameRequests): Promise<Names> {
      const names: Names = new Map();
      await Promise.all(Object.entries(requests).map(async ([kind, ids]) => {
        const unique = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647);
        if (!unique.length) return;
        for (const row of await lookups[kind as NamedKind](unique)) names.set(nameKey(kind as NamedKind, row.id), row.name);
      }));
      return names;
    },
  };
}
