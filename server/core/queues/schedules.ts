// The recurring maintenance jobs. Job schedulers live in Redis, one per id, so calling this on every
// worker start-up (on every host) is an idempotent upsert: a changed SCAN_CRON replaces the old pattern
// and never adds a second schedule.
import type { Config } from '../config.ts';
import type { JobPayloads, Queues } from './registry.ts';
import type { ScheduleOverrides } from './schedule-overrides.ts';

type Task = JobPayloads['maintenance']['task'];

export const SCHEDULES: Record<Task, (config: Pick<Config, 'SCAN_CRON'>) => { pattern: string } | { every: number }> = {
  'scan-all': (config) => ({ pattern: config.SCAN_CRON }),
  // Every minute: an increase ends at most a minute late, and a run with nothing due is one indexed query.
  'expire-increases': () => ({ every: 60_000 }),
  // Daily at 03:40, outside office hours and away from the hourly scans at :15.
  'prune-usage-samples': () => ({ pattern: '40 3 * * *' }),
  // Every 15 minutes: a deleted mailbox is purged at most that long after its grace period ends.
  'purge-deleted': () => ({ every: 15 * 60_000 }),
  // Hourly at :50 (off the scans at :15): each run deletes for at most 2 minutes (jobs/expiry-audit-retention.ts), so
  // the deleting is spread over the day in short runs. With EXPIRY_AUDIT_KEEP_DAYS=0 a run does nothing.
  'prune-expiry-audit': () => ({ pattern: '50 * * * *' }),
};

/** `overrides`: patterns set in the console (schedule-overrides.ts), which win over the configuration. */
export async function registerSchedules(queues: Pick<Queues, 'maintenance'>, config: Pick<Config, 'SCAN_CRON'>, overrides: ScheduleOverrides = {}): Promise<void> {
  for (const [task, repeat] of Object.entries(SCHEDULES) as [Task, (typeof SCHEDULES)[Task]][]) {
    const override = overrides[task];
    await queues.maintenance.upsertJobScheduler(task, override ? { pattern: override } : repeat(config), { name: task, data: { task } });
  }
}
