// Job schedulers as the console sees and edits them. Schedulers live in Redis (created by the workers on start:
// server/core/queues/schedules.ts, server/core/queues/expiry-schedule.ts); changing one here upserts it in place, so BullMQ replaces its next
// delayed job and every worker follows the new pattern without a restart. schedule-overrides.ts keeps the change
// across worker restarts.
import type { JobSchedulerJson } from 'bullmq';
import type { Redis } from 'ioredis';
import type { BaseConfig as Config } from '../core/config.ts';
import { QUEUE_NAMES, type QueueName, type Queues } from '../core/queues/registry.ts';
import { SCHEDULES } from '../core/queues/schedules.ts';
import { EXPIRY_SCHEDULER_ID } from '../core/queues/expiry-schedule.ts';
import { DIRECTORY_SCHEDULER_ID } from '../core/queues/directory-schedule.ts';
import { readScheduleOverrides, setScheduleOverride } from '../core/queues/schedule-overrides.ts';
import { checkCron } from '../core/domain/cron.ts';

const UPCOMING = 5;

/** The pattern the configuration gives a scheduler (what a worker start registers without an override). */
export function configuredPattern(id: string, config: Pick<Config, 'SCAN_CRON' | 'EXPIRY_CRON' | 'DIRECTORY_SYNC_CRON'>): string | null {
  if (id === EXPIRY_SCHEDULER_ID) return config.EXPIRY_CRON;
  if (id === DIRECTORY_SCHEDULER_ID) return config.DIRECTORY_SYNC_CRON;
  const builder = SCHEDULES[id as keyof typeof SCHEDULES];
  if (!builder) return null;
  const repeat = builder(config);
  return 'pattern' in repeat ? repeat.pattern : null;
}

interface Located { queue: QueueName; scheduler: JobSchedulerJson }

export function createScheduleService(deps: { queues: Queues; redis: Redis; config: Config }) {
  const { queues, redis, config } = deps;

  async function all(): Promise<Located[]> {
    const perQueue = await Promise.all(QUEUE_NAMES.map(async (queue) => {
      const schedulers = await queues[queue].getJobSchedulers(0, -1, true);
      return schedulers.map((scheduler) => ({ queue, scheduler }));
    }));
    return perQueue.flat();
  }

  function view({ queue, scheduler: s }: Located, overrides: Readonly<Record<string, string>>, now = new Date()) {
    const id = s.key;
    let upcoming: Date[] = [];
    if (s.pattern) {
      try {
        upcoming = checkCron(s.pattern, 'pattern', now, UPCOMING, s.tz ?? undefined);
      } catch {
        upcoming = []; // a pattern set outside Mailwarden that our stricter check refuses: show it, list no runs
      }
    } else if (s.every) {
      const first = s.next ?? now.getTime() + s.every;
      upcoming = Array.from({ length: UPCOMING }, (_, i) => new Date(first + i * s.every!));
    }
    return {
      id,
      queue,
      jobName: s.name,
      pattern: s.pattern ?? null,
      every: s.every ?? null,
      tz: s.tz ?? null,
      next: s.next ? new Date(s.next) : null,
      upcoming,
      iterationCount: s.iterationCount ?? 0,
      defaultPattern: configuredPattern(id, config),
      overridden: id in overrides,
    };
  }

  async function find(id: string) {
    const located = (await all()).find((l) => l.scheduler.key === id);
    if (!located) return null;
    return view(located, await readScheduleOverrides(redis, config.QUEUE_PREFIX));
  }

  return {
    find,

    async list() {
      const [located, overrides] = await Promise.all([all(), readScheduleOverrides(redis, config.QUEUE_PREFIX)]);
      return located.sort((a, b) => a.scheduler.key.localeCompare(b.scheduler.key)).map((l) => view(l, overrides));
    },

    /**
     * Validates `pattern` (InvalidInputError naming body.pattern) and upserts the live scheduler with it, keeping its
     * job name and data. Returns null when no scheduler has this id (the workers have never registered it).
     */
    async setPattern(id: string, pattern: string) {
      const trimmed = pattern.trim().replace(/\s+/g, ' ');
      checkCron(trimmed, 'body.pattern');
      const [locatedAll, overrides] = await Promise.all([all(), readScheduleOverrides(redis, config.QUEUE_PREFIX)]);
      const located = locatedAll.find((l) => l.scheduler.key === id);
      if (!located) return null;
      const before = view(located, overrides);
      const { queue, scheduler } = located;
      const template = scheduler.template ?? {};
      await (queues[queue] as Queues['maintenance']).upsertJobScheduler(
        id,
        { pattern: trimmed, ...(scheduler.tz ? { tz: scheduler.tz } : {}) },
        { name: scheduler.name, data: template.data, ...(template.opts ? { opts: template.opts } : {}) },
      );
      // Back on the configured pattern: forget the override, so a later SCAN_CRON/EXPIRY_CRON change applies again.
      await setScheduleOverride(redis, config.QUEUE_PREFIX, id, trimmed === configuredPattern(id, config) ? null : trimmed);
      return { before, after: await find(id) };
    },
  };
}
