// app.scanWaits: waits for usage-scan jobs to end (server/services/job-waits.ts), heard through the queue's events.
// Like app.mailboxReads, the QueueEvents connection blocks on XREAD, so it is its own, made on the first wait.
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { QueueEvents } from 'bullmq';
import { createWorkerRedis } from '../../core/lib/redis.ts';
import { createJobWaits, type JobWaits } from '../../services/job-waits.ts';

declare module 'fastify' {
  interface FastifyInstance {
    scanWaits: JobWaits;
  }
}

// Each waiting request holds only a promise (no Redis or IMAP work): the bound only keeps a flood from piling up.
const MAX_WAITING = 500;

export default fp(
  async (app) => {
    const { config } = app;
    let listener: { redis: Redis; events: QueueEvents } | null = null;
    const events = () => {
      if (!listener) {
        const redis = createWorkerRedis(config.REDIS_URL);
        redis.on('error', (err) => app.log.warn({ err: err.message }, 'redis (scan events) connection error'));
        const queueEvents = new QueueEvents('usage-scan', { connection: redis, prefix: config.QUEUE_PREFIX });
        queueEvents.on('error', (err) => app.log.warn({ err: err.message }, 'scan events error'));
        listener = { redis, events: queueEvents };
      }
      return listener.events;
    };
    app.decorate('scanWaits', createJobWaits(events, MAX_WAITING));
    app.addHook('onClose', async () => {
      if (!listener) return;
      // As for mailbox reads: disconnecting first ends the blocking XREAD at once.
      listener.redis.disconnect();
      await Promise.race([listener.events.close(), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
    });
  },
  { name: 'scan-waits', dependencies: ['config', 'queues'] },
);
