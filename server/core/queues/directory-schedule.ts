// The directory sync's job scheduler (id "directory-sync"), upserted on every worker start like the expiry sweep's:
// a changed DIRECTORY_SYNC_CRON replaces the pattern; DIRECTORY_SOURCE=none removes the scheduler.
import type { Config } from '../config.ts';
import type { Queues } from './registry.ts';
import type { ScheduleOverrides } from './schedule-overrides.ts';

export const DIRECTORY_SCHEDULER_ID = 'directory-sync';

/** The pattern in effect, or null when no source is configured. A pattern set in the console wins over the config. */
export async function registerDirectorySchedule(queues: Pick<Queues, 'directory-sync'>, config: Pick<Config, 'DIRECTORY_SOURCE' | 'DIRECTORY_SYNC_CRON'>, overrides: ScheduleOverrides = {}): Promise<string | null> {
  if (config.DIRECTORY_SOURCE === 'none') {
    await queues['directory-sync'].removeJobScheduler(DIRECTORY_SCHEDULER_ID);
    return null;
  }
  const pattern = overrides[DIRECTORY_SCHEDULER_ID] ?? config.DIRECTORY_SYNC_CRON;
  await queues['directory-sync'].upsertJobScheduler(DIRECTORY_SCHEDULER_ID, { pattern }, { name: 'sync', data: { dryRun: false, trigger: 'scheduled' } });
  return pattern;
}
