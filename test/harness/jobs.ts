// Runs the real workers (jobs/start.ts) in-process for a test file: real Redis under the file's own
// QUEUE_PREFIX, the shared test database (emptied first), an SMTP sink on the file's own port.
import type { Job, Queue } from 'bullmq';
import { pino } from 'pino';
import { startWorkers, type RunningWorkers } from '../../jobs/start.ts';
import type { WorkerContext } from '../../jobs/context.ts';
import { createPrisma } from '../../server/core/lib/prisma.ts';
import { createWorkerRedis } from '../../server/core/lib/redis.ts';
import { startSmtpSink, type SmtpSink } from '../../scripts/lib/smtp-sink.ts';
import { truncateAll } from './db.ts';
import { testConfig } from './env.ts';

export interface JobsHarness extends RunningWorkers {
  ctx: WorkerContext;
  sink: SmtpSink;
  /** Add a job and wait for it to complete (resolves its return value) or fail (rejects with the failure). */
  run<T>(queue: Queue<T, unknown, string>, data: NoInfer<T>, opts?: { jobId?: string }): Promise<unknown>;
  /** Wait until no job is waiting, active or delayed in any queue (e.g. notify jobs enqueued after a scan). */
  idle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitForJob(queue: Queue, job: Job, timeoutMs = 20_000): Promise<unknown> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const state = await job.getState();
    if (state === 'completed' || state === 'failed') {
      const fresh = (await queue.getJob(job.id!)) ?? job;
      if (state === 'failed') throw Object.assign(new Error(fresh.failedReason), { job: fresh });
      return fresh.returnvalue;
    }
    await sleep(25);
  }
  throw new Error(`job ${job.queueName}/${job.id} did not finish`);
}

export async function startJobsHarness(smtpPort: number, overrides: Record<string, string> = {}): Promise<JobsHarness> {
  const config = testConfig({ SMTP_PORT: String(smtpPort), MAIL_FROM: 'Mailwarden <mailwarden@example.test>', ...overrides });
  const prisma = createPrisma(config.DATABASE_URL);
  await truncateAll(prisma);
  const sink = await startSmtpSink({ port: smtpPort });
  const connection = createWorkerRedis(config.REDIS_URL);
  const ctx: WorkerContext = { config, prisma, connection, logger: pino({ level: 'silent' }) };
  const running = startWorkers(ctx);
  return {
    ...running,
    ctx,
    sink,
    async run(queue, data, opts) {
      const job = await (queue as Queue).add(queue.name, data, opts);
      return waitForJob(queue as Queue, job);
    },
    async idle(timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const counts = await Promise.all(Object.values(running.queues).map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
        if (counts.every((c) => Object.values(c).every((n) => n === 0))) return;
        await sleep(25);
      }
      throw new Error('queues did not drain');
    },
    async stop() {
      await running.close();
      connection.disconnect();
      await sink.stop();
      await prisma.$disconnect();
    },
  };
}
