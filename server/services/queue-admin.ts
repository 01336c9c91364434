// Queues and jobs as the ops API shows them: one row per queue of the registry, jobs reduced to what is safe to
// show (ids, reason, stack, attempts, times). The API holds producers only; retry and remove act on Redis directly.
import type { Job } from 'bullmq';
import { QUEUE_NAMES, type QueueName, type Queues } from '../core/queues/registry.ts';
import { visibleJobData } from '../core/queues/job-data.ts';
import { NotFoundError } from '../core/domain/errors.ts';

export const isQueueName = (name: string): name is QueueName => (QUEUE_NAMES as string[]).includes(name);

/** The producer of `name`, or 404 for a name outside the registry. */
export function queueOf(queues: Queues, name: string): Queues[QueueName] {
  if (!isQueueName(name)) throw new NotFoundError('Queue', name);
  return queues[name];
}

export async function queueRow(queues: Queues, name: QueueName) {
  const queue = queues[name];
  const [isPaused, c] = await Promise.all([
    queue.isPaused(),
    queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'),
  ]);
  return {
    id: name, name, isPaused,
    waiting: c.waiting ?? 0, prioritized: c.prioritized ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0,
    failed: c.failed ?? 0, completed: c.completed ?? 0,
    paused: isPaused ? (c.waiting ?? 0) + (c.prioritized ?? 0) : 0,
  };
}

export const allQueueRows = (queues: Queues) => Promise.all(QUEUE_NAMES.map((name) => queueRow(queues, name)));

type QueueRow = Awaited<ReturnType<typeof queueRow>>;
/** Fields GET /api/queues can sort by (besides its default, the registry order). */
export const QUEUE_SORTABLE = ['name', 'isPaused', 'waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed', 'paused'] as const;

export function sortQueueRows(rows: QueueRow[], field: string, order: 'asc' | 'desc'): QueueRow[] {
  const key = field as (typeof QUEUE_SORTABLE)[number];
  const sign = order === 'asc' ? 1 : -1;
  // Ties keep the registry order (Array.prototype.sort is stable).
  return [...rows].sort((a, b) => (a[key] < b[key] ? -sign : a[key] > b[key] ? sign : 0));
}

const when = (ms: number | undefined | null) => (ms ? new Date(ms) : null);

// A stack trace is long and mostly node_modules frames; the top of the last few attempts is what ops read.
const MAX_STACKS = 3;
const MAX_STACK_CHARS = 4000;

export function jobView(queue: QueueName, job: Job, state: string) {
  return {
    id: String(job.id),
    queue,
    name: job.name,
    state,
    data: visibleJobData(queue, job.data),
    failedReason: job.failedReason || null,
    stacktrace: (job.stacktrace ?? []).slice(-MAX_STACKS).map((s) => String(s).slice(0, MAX_STACK_CHARS)),
    attemptsMade: job.attemptsMade ?? 0,
    maxAttempts: job.opts?.attempts ?? 1,
    timestamp: when(job.timestamp),
    processedOn: when(job.processedOn),
    finishedOn: when(job.finishedOn),
  };
}

/** The job and its state, or 404. */
export async function findJob(queues: Queues, name: string, id: string) {
  const queue = queueOf(queues, name);
  const job = await queue.getJob(id);
  if (!job) throw new NotFoundError('Job', `${name}/${id}`);
  return { queue, job: job as Job, state: await job.getState() };
}
