// Cron patterns staff set in the console (PUT /api/schedules/:id). The API changes the live job scheduler in
// Redis at once (workers follow it without a restart); this hash remembers the choice so that a worker start,
// which upserts every scheduler from the configuration (SCAN_CRON, EXPIRY_CRON), keeps it instead of undoing it.
// Setting a schedule back to its configured pattern removes the override, and the configuration rules again.
import type { Redis } from 'ioredis';

export const overridesKey = (prefix: string) => `${prefix}:schedule-overrides`;

export type ScheduleOverrides = Readonly<Record<string, string>>;

export async function readScheduleOverrides(redis: Pick<Redis, 'hgetall'>, prefix: string): Promise<ScheduleOverrides> {
  return redis.hgetall(overridesKey(prefix));
}

export async function setScheduleOverride(redis: Pick<Redis, 'hset' | 'hdel'>, prefix: string, id: string, pattern: string | null): Promise<void> {
  if (pattern === null) await redis.hdel(overridesKey(prefix), id);
  else await redis.hset(overridesKey(prefix), id, pattern);
}
