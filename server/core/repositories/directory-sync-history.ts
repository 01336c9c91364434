// The read side of directory sync as the API shows it: runs and the lines of their diffs (written by the worker
// through repositories/directory-sync-runs.ts). Plain async methods, null for not found, bigint ids as numbers.
import type { DbOrTx } from '../lib/prisma.ts';
import type { ListQuery } from './list-query.ts';

export type RunStatus = 'running' | 'completed' | 'stopped' | 'failed';
export type ChangeKind = 'added' | 'changed' | 'gone' | 'returned' | 'problem';
export interface RunFilter { status?: RunStatus; dryRun?: boolean }
export interface ChangeFilter { kind?: ChangeKind; address?: string }

type RunRow = NonNullable<Awaited<ReturnType<DbOrTx['directorySyncRun']['findUnique']>>>;
const toApiRun = (r: RunRow) => ({ ...r, status: r.status as RunStatus, safety: r.safety as never });
type ChangeRow = NonNullable<Awaited<ReturnType<DbOrTx['directorySyncChange']['findUnique']>>>;
const toApiChange = (c: ChangeRow) => ({ ...c, id: Number(c.id), kind: c.kind as ChangeKind, before: c.before as never, after: c.after as never });

export function createDirectorySyncHistory(db: DbOrTx) {
  return {
    async latestRun() {
      const run = await db.directorySyncRun.findFirst({ orderBy: { id: 'desc' } });
      return run ? toApiRun(run) : null;
    },

    /** The last run that was not a dry run and got as far as a verdict (completed, or held by the safety stop). */
    async latestRealRun() {
      const run = await db.directorySyncRun.findFirst({ where: { dryRun: false, status: { in: ['completed', 'stopped'] } }, orderBy: { id: 'desc' } });
      return run ? toApiRun(run) : null;
    },

    async listRuns(query: ListQuery<RunFilter>) {
      const [rows, total] = await Promise.all([
        db.directorySyncRun.findMany({ where: query.filter, orderBy: [{ [query.sortField]: query.sortOrder }, { id: 'desc' }], skip: query.skip, take: query.take }),
        db.directorySyncRun.count({ where: query.filter }),
      ]);
      return { rows: rows.map(toApiRun), total };
    },

    async findRun(id: number) {
      const run = await db.directorySyncRun.findUnique({ where: { id } });
      return run ? toApiRun(run) : null;
    },

    runExists: async (id: number) => (await db.directorySyncRun.count({ where: { id } })) > 0,

    async listChanges(runId: number, query: ListQuery<ChangeFilter>) {
      const where = { runId, ...query.filter };
      const [rows, total] = await Promise.all([
        db.directorySyncChange.findMany({ where, orderBy: [{ [query.sortField]: query.sortOrder }, { id: 'asc' }], skip: query.skip, take: query.take }),
        db.directorySyncChange.count({ where }),
      ]);
      return { rows: rows.map(toApiChange), total };
    },
  };
}
