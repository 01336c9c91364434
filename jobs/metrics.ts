// Prometheus metrics of one worker process: jobs it finished or saw fail, and how long they ran. Only a worker sees
// a job's outcome as it happens (the API only reads queue depths from Redis), so each worker process serves its own
// /metrics on WORKER_METRICS_HOST:WORKER_METRICS_PORT (server/core/metrics/server.ts, protected like the API's).
import type { Job, Worker } from 'bullmq';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createWorkerMetrics(workers: Worker[]): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const completed = new Counter({ name: 'mailwarden_jobs_completed_total', help: 'Jobs this worker process completed, per queue', labelNames: ['queue'], registers: [registry] });
  const failed = new Counter({
    name: 'mailwarden_jobs_failed_total',
    help: 'Job attempts that failed in this worker process, per queue; final="true" when no retry is left',
    labelNames: ['queue', 'final'],
    registers: [registry],
  });
  // Jobs range from a notify (tens of ms) to expiring a large mailbox (minutes): buckets from 50 ms to 30 min.
  const duration = new Histogram({
    name: 'mailwarden_job_duration_seconds',
    help: 'Time from a job attempt starting to its end, per queue and outcome',
    labelNames: ['queue', 'outcome'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 1800],
    registers: [registry],
  });
  const seconds = (job: Job) => (job.processedOn && job.finishedOn ? (job.finishedOn - job.processedOn) / 1000 : null);

  for (const worker of workers) {
    worker.on('completed', (job) => {
      completed.labels(worker.name).inc();
      const s = seconds(job);
      if (s !== null) duration.labels(worker.name, 'completed').observe(s);
    });
    worker.on('failed', (job, err) => {
      const final = !job || err?.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
      failed.labels(worker.name, String(final)).inc();
      const s = job ? seconds(job) : null;
      if (s !== null) duration.labels(worker.name, 'failed').observe(s);
    });
  }
  return registry;
}
