// Control of the expiry machinery for the API: status, a sweep started now, pause/resume. Pausing pauses the
// `expiry` queue in Redis for every worker host; new runs are refused while paused (core/services/expiry-runs.ts).
import type { Db } from '../core/lib/prisma.ts';
import type { Queues } from '../core/queues/registry.ts';
import type { AuditLog } from '../core/repositories/audit-log.ts';
import { createExpiryHistoryRepository } from '../core/repositories/expiry-history.ts';
import { createRun, refuseWhilePaused, withTotals } from '../core/services/expiry-runs.ts';
import { EXPIRY_SCHEDULER_ID } from '../core/queues/expiry-schedule.ts';
import type { StaffActor } from './actor.ts';
import { withScopeNames } from './entity-names.ts';

export function createExpiryControl(db: Db, audit: AuditLog, queues: Pick<Queues, 'expiry' | 'expiry-sweep'>) {
  /** Is expiry paused, how many jobs wait, when the next sweep runs, the last run with its totals. */
  async function status() {
    const [paused, jobs, scheduler, last] = await Promise.all([
      queues.expiry.isPaused(),
      queues.expiry.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'),
      queues['expiry-sweep'].getJobScheduler(EXPIRY_SCHEDULER_ID),
      createExpiryHistoryRepository(db).lastRun(),
    ]);
    return {
      paused,
      jobs,
      schedule: scheduler ? { pattern: scheduler.pattern ?? null, next: scheduler.next ? new Date(scheduler.next) : null } : null,
      lastRun: last ? (await withScopeNames(db, await withTotals(db, [last])))[0] : null,
    };
  }

  return {
    status,

    /** A sweep of every active mailbox, now: the run row, then the fan-out job (one expiry job per mailbox). */
    async startSweep(actor: StaffActor, dryRun: boolean) {
      await refuseWhilePaused(queues);
      const run = await createRun(db, { scope: 'all', dryRun, trigger: 'manual', createdBy: actor.staff.email });
      const job = await queues['expiry-sweep'].add('sweep', { runId: run.id, dryRun, trigger: 'manual' });
      await audit.record(actor, { action: 'expiry_run.started', entityType: 'expiry_run', entityId: run.id, after: { scope: 'all', dryRun, jobId: job.id } });
      return { runId: run.id, jobId: String(job.id), queue: 'expiry-sweep' as const };
    },

    async pause(actor: StaffActor) {
      await queues.expiry.pause();
      await audit.record(actor, { action: 'expiry.pause', entityType: 'expiry' });
      return status();
    },

    async resume(actor: StaffActor) {
      await queues.expiry.resume();
      await audit.record(actor, { action: 'expiry.resume', entityType: 'expiry' });
      return status();
    },
  };
}
