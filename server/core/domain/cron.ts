// Validation of cron patterns staff type for job schedulers. Uses cron-parser, the parser BullMQ itself runs
// the pattern through, so a pattern accepted here is one the scheduler computes run times for.
import { CronExpressionParser } from 'cron-parser';
import { InvalidInputError } from './errors.ts';

/** Shortest gap allowed between two runs. A fan-out every few seconds would flood the queues and the IMAP server. */
export const MIN_INTERVAL_MS = 60_000;

/**
 * The next `count` run times of `pattern` after `now`, or InvalidInputError naming `field` when the pattern does not
 * parse, has the wrong number of fields (5, or 6 with seconds), never runs, or runs more than once a minute.
 */
export function checkCron(pattern: string, field: string, now = new Date(), count = 5, tz?: string): Date[] {
  const fields = pattern.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) throw new InvalidInputError(field, 'must be a cron pattern of 5 fields (minute hour day month weekday), or 6 with seconds first');
  let runs: Date[];
  try {
    const interval = CronExpressionParser.parse(pattern.trim(), { currentDate: now, ...(tz ? { tz } : {}) });
    runs = interval.take(Math.max(count, 2)).map((d) => d.toDate());
  } catch (err) {
    throw new InvalidInputError(field, `is not a valid cron pattern: ${(err as Error).message}`);
  }
  if (runs.length < 2) throw new InvalidInputError(field, 'never runs (or runs only once)');
  for (let i = 1; i < runs.length; i++) {
    if (runs[i].getTime() - runs[i - 1].getTime() < MIN_INTERVAL_MS) throw new InvalidInputError(field, 'runs more often than once a minute');
  }
  return runs.slice(0, count);
}
