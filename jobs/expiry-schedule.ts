// The nightly retention sweep: one job scheduler in Redis (id "expiry-sweep"), upserted on every worker
// start, so a changed EXPIRY_CRON replaces the pattern and never adds a second schedule. Its own file
// (not schedules.ts) so the expiry work stays separate from quota housekeeping.
import type { Config } from '../server/config.ts';
import type { Queues } from './queues.ts';

export const EXPIRY_SCHEDULER_ID = 'expiry-sweep';

export async function registerExpirySchedule(queues: Pick<Queues, 'expiry-sweep'>, config: Pick<Config, 'EXPIRY_CRON'>): Promise<void> {
  await queues['expiry-sweep'].upsertJobScheduler(EXPIRY_SCHEDULER_ID, { pattern: config.EXPIRY_CRON }, {
    name: 'sweep',
    data: { dryRun: false, trigger: 'scheduled' },
  });
}
