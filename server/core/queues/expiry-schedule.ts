// The nightly retention sweep: one job scheduler in Redis (id "expiry-sweep"), upserted on every worker
// start, so a changed EXPIRY_CRON replaces the pattern and never adds a second schedule. Its own file
// (not schedules.ts) so the expiry work stays separate from quota housekeeping.
import type { Config } from '../config.ts';
import type { Queues } from './registry.ts';
import type { ScheduleOverrides } from './schedule-overrides.ts';

export const EXPIRY_SCHEDULER_ID = 'expiry-sweep';

/** `overrides`: a pattern set in the console (schedule-overrides.ts) wins over EXPIRY_CRON. */
export async function registerExpirySchedule(queues: Pick<Queues, 'expiry-sweep'>, config: Pick<Config, 'EXPIRY_CRON'>, overrides: ScheduleOverrides = {}): Promise<void> {
  const pattern = overrides[EXPIRY_SCHEDULER_ID] ?? config.EXPIRY_CRON;
  await queues['expiry-sweep'].upsertJobScheduler(EXPIRY_SCHEDULER_ID, { pattern }, {
    name: 'sweep',
    data: { dryRun: false, trigger: 'scheduled' },
  });
}
