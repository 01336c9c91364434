// TypeBox schemas for queue control, job inspection and job schedulers (the console's Jobs page).
import { Type } from 'typebox';
import { DateTime, Nullable } from './common.ts';

export const QueueParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) });
export const JobParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), id: Type.String({ minLength: 1, maxLength: 300 }) });

export const QueueSchema = Type.Object({
  id: Type.String({ description: 'The queue name (react-admin needs an id)' }),
  name: Type.String(),
  isPaused: Type.Boolean(),
  waiting: Type.Integer(),
  prioritized: Type.Integer(),
  active: Type.Integer(),
  delayed: Type.Integer(),
  failed: Type.Integer(),
  completed: Type.Integer({ description: 'Completed jobs still kept (they are trimmed after a day)' }),
  paused: Type.Integer({ description: 'Jobs held by the pause (waiting + prioritized while the queue is paused; BullMQ 6 has no separate paused list)' }),
});

export const JOB_STATES = ['failed', 'completed', 'active', 'waiting', 'delayed', 'prioritized'] as const;

export const JobsQuerystring = Type.Object(
  {
    state: Type.Optional(Type.Enum([...JOB_STATES], { default: 'failed' })),
    range: Type.Optional(Type.String({ maxLength: 100, description: 'JSON [start, end], inclusive' })),
    sort: Type.Optional(Type.String({ maxLength: 200, description: 'JSON ["timestamp","ASC"|"DESC"]: newest first by default; any other field is a 400' })),
    filter: Type.Optional(Type.String({ maxLength: 400, description: 'JSON; {"state": "..."} is read like ?state' })),
  },
  { additionalProperties: false },
);

export const JobSchema = Type.Object({
  id: Type.String(),
  queue: Type.String(),
  name: Type.String(),
  state: Type.String(),
  data: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]), {
    description: 'Only the id-like fields of the payload (jobs never carry secrets; this keeps it that way on screen)',
  }),
  mailboxAddress: Nullable(Type.String({ description: "The address of data.mailboxId, for a job about one mailbox" })),
  failedReason: Nullable(Type.String()),
  stacktrace: Type.Array(Type.String()),
  attemptsMade: Type.Integer(),
  maxAttempts: Type.Integer(),
  timestamp: Nullable(DateTime),
  processedOn: Nullable(DateTime),
  finishedOn: Nullable(DateTime),
});

export const ScheduleSchema = Type.Object({
  id: Type.String({ description: 'The job scheduler id (scan-all, expiry-sweep, …)' }),
  queue: Type.String(),
  jobName: Type.String(),
  pattern: Nullable(Type.String({ description: 'Cron pattern (server time zone), or null for an interval' })),
  every: Nullable(Type.Integer({ description: 'Interval in ms, or null for a cron pattern' })),
  tz: Nullable(Type.String()),
  next: Nullable(DateTime),
  upcoming: Type.Array(DateTime, { description: 'The next few run times the pattern gives' }),
  iterationCount: Type.Integer(),
  defaultPattern: Nullable(Type.String({ description: 'What the configuration (SCAN_CRON, EXPIRY_CRON, built-in) sets' })),
  overridden: Type.Boolean({ description: 'Set in the console; kept across worker restarts until set back to the default' }),
});

export const ScheduleUpdateSchema = Type.Object(
  { pattern: Type.String({ minLength: 1, maxLength: 120, description: 'Cron: 5 fields (or 6 with seconds), server time zone' }) },
  { additionalProperties: false },
);
