// Creates every worker with shared context, logging failures. Used by jobs/index.ts and by tests
// (which start workers in-process against real Redis with their own queue prefix).
import type { Worker } from 'bullmq';
import type { WorkerContext } from './context.ts';
import { createProbeWorker } from './workers/probe.ts';

export function startWorkers(ctx: WorkerContext): Worker[] {
  const workers: Worker[] = [createProbeWorker(ctx)];
  for (const worker of workers) {
    worker.on('failed', (job, err) => ctx.logger.warn({ queue: worker.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed'));
    worker.on('error', (err) => ctx.logger.error({ queue: worker.name, err: err.message }, 'worker error'));
  }
  return workers;
}
