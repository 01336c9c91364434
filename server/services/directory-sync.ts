// Directory sync for the API: its state (the source without the password, the schedule, waiting jobs, the last run,
// whether the safety stop holds), the history, and a run on demand. The API only records and enqueues the run: the
// directory-sync worker reads the directory and applies the diff.
import type { Db } from '../core/lib/prisma.ts';
import type { Queues } from '../core/queues/registry.ts';
import type { AuditLog } from '../core/repositories/audit-log.ts';
import type { ListQuery } from '../core/repositories/list-query.ts';
import { createRun } from '../core/repositories/directory-sync-runs.ts';
import { createDirectorySyncHistory, type ChangeFilter, type RunFilter } from '../core/repositories/directory-sync-history.ts';
import { describeSource } from '../core/directory/configured.ts';
import { DIRECTORY_SCHEDULER_ID } from '../core/queues/directory-schedule.ts';
import { ConflictError, NotFoundError } from '../core/domain/errors.ts';
import type { StaffActor } from './actor.ts';

export function createDirectorySyncService(db: Db, audit: AuditLog, queues: Pick<Queues, 'directory-sync'>, config: Parameters<typeof describeSource>[0]) {
  const history = createDirectorySyncHistory(db);
  const queue = queues['directory-sync'];
  return {
    async status() {
      const [scheduler, jobs, last, lastReal] = await Promise.all([
        queue.getJobScheduler(DIRECTORY_SCHEDULER_ID),
        queue.getJobCounts('waiting', 'active', 'delayed', 'failed'),
        history.latestRun(),
        history.latestRealRun(),
      ]);
      return {
        source: describeSource(config),
        schedule: scheduler ? { pattern: scheduler.pattern ?? null, next: scheduler.next ? new Date(scheduler.next) : null } : null,
        jobs,
        lastRun: last,
        safetyStopped: lastReal?.status === 'stopped',
      };
    },

    /** Records a run and queues it; with `dryRun` the worker only computes the diff. */
    async start(actor: StaffActor, dryRun: boolean) {
      if (config.DIRECTORY_SOURCE === 'none') throw new ConflictError('No directory source is configured (DIRECTORY_SOURCE=none)');
      const runId = await createRun(db, { source: config.DIRECTORY_SOURCE, dryRun, trigger: 'manual', createdBy: actor.staff.email });
      const job = await queue.add('sync', { runId, dryRun, trigger: 'manual' });
      await audit.record(actor, { action: 'directory_sync.started', entityType: 'directory_sync_run', entityId: runId, after: { dryRun, jobId: job.id } });
      return { runId, jobId: String(job.id), queue: 'directory-sync' as const };
    },

    listRuns: (query: ListQuery<RunFilter>) => history.listRuns(query),

    async getRun(id: number) {
      const run = await history.findRun(id);
      if (!run) throw new NotFoundError('Directory sync run', id);
      return run;
    },

    /** 404 for no such run (checked before the list query is read, as the changes route asks). */
    async requireRun(id: number) {
      if (!(await history.runExists(id))) throw new NotFoundError('Directory sync run', id);
    },

    listChanges: (runId: number, query: ListQuery<ChangeFilter>) => history.listChanges(runId, query),
  };
}
