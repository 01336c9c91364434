// Creates every worker with shared context, logging failures. Used by jobs/index.ts and by tests
// (which start workers in-process against real Redis with their own queue prefix).
// Workers that enqueue follow-up jobs (scan -> notify, fan-out -> scan) share one set of producer queues
// on the worker connection; close() closes the workers first, then those queues.
import type { Worker } from 'bullmq';
import type { WorkerContext } from './context.ts';
import { closeQueues, createQueues, type Queues } from '../server/core/queues/registry.ts';
import { createProbeWorker } from './workers/probe.ts';
import { createUsageScanWorker } from './workers/usage-scan.ts';
import { createNotifyWorker } from './workers/notify.ts';
import { createMaintenanceWorker } from './workers/maintenance.ts';
import { createExpiryWorker } from './workers/expiry.ts';
import { createExpirySweepWorker } from './workers/expiry-sweep.ts';
import { createPlanLimitsWorker } from './workers/plan-limits.ts';
import { createMailboxReadWorker } from './workers/mailbox-read.ts';
import { createDirectorySyncWorker } from './workers/directory-sync.ts';

export interface RunningWorkers {
  workers: Worker[];
  queues: Queues;
  close(): Promise<void>;
}

export function startWorkers(ctx: WorkerContext): RunningWorkers {
  const queues = createQueues(ctx.connection, ctx.config.QUEUE_PREFIX);
  // Without a listener BullMQ prints every connection error (each reconnect attempt while Redis is down) to stderr.
  for (const queue of Object.values(queues)) {
    queue.on('error', (err: Error) => ctx.logger.warn({ queue: queue.name, err: err.message }, 'queue connection error'));
  }
  const workers: Worker[] = [
    createProbeWorker(ctx),
    createUsageScanWorker(ctx, { notifyQueue: queues.notify, scanQueue: queues['usage-scan'] }),
    createNotifyWorker(ctx),
    createMaintenanceWorker(ctx, queues),
    createExpiryWorker(ctx, { notifyQueue: queues.notify }),
    createExpirySweepWorker(ctx, queues),
    createPlanLimitsWorker(ctx, queues),
    createMailboxReadWorker(ctx),
    createDirectorySyncWorker(ctx),
  ];
  for (const worker of workers) {
    worker.on('failed', (job, err) => ctx.logger.warn({ queue: worker.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed'));
    worker.on('error', (err) => ctx.logger.error({ queue: worker.name, err: err.message }, 'worker error'));
  }
  return {
    workers,
    queues,
    async close() {
      await Promise.allSettled(workers.map((w) => w.close()));
      await closeQueues(queues);
    },
  };
}
