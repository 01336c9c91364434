// PostgreSQL (Prisma), Redis, the BullMQ producers and the mailbox-read client (jobs the API waits for, through
// their queue's events), each decorated on the instance and released on close. The API only enqueues: it never
// creates a Worker.
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { QueueEvents } from 'bullmq';
import { createPrisma, poolOptions, type Db } from '../../core/lib/prisma.ts';
import { createProducerRedis, createWorkerRedis } from '../../core/lib/redis.ts';
import { createQueues, closeQueues, type Queues } from '../../core/queues/registry.ts';
import { createMailboxReads, type MailboxReads } from '../../services/mailbox-reads.ts';

declare module 'fastify' {
  interface FastifyInstance {
    prisma: Db;
    redis: Redis;
    queues: Queues;
    mailboxReads: MailboxReads;
  }
}

export default fp(
  async (app) => {
    const { config } = app;
    const prisma = createPrisma(config.DATABASE_URL, poolOptions(config));
    const redis = createProducerRedis(config.REDIS_URL);
    // Without a listener ioredis prints every reconnect failure as an unhandled error event.
    redis.on('error', (err) => app.log.warn({ err: err.message }, 'redis connection error'));
    const queues = createQueues(redis, config.QUEUE_PREFIX);
    for (const queue of Object.values(queues)) {
      queue.on('error', (err) => app.log.warn({ err: err.message, queue: queue.name }, 'queue error'));
    }

    // QueueEvents blocks on XREAD: its own connection, which waits out a Redis restart instead of failing. Made on the
    // first mailbox read, so an API that never previews holds no blocking connection.
    let readEvents: { redis: Redis; events: QueueEvents } | null = null;
    const eventsForReads = () => {
      if (!readEvents) {
        const eventsRedis = createWorkerRedis(config.REDIS_URL);
        eventsRedis.on('error', (err) => app.log.warn({ err: err.message }, 'redis (queue events) connection error'));
        const events = new QueueEvents('mailbox-read', { connection: eventsRedis, prefix: config.QUEUE_PREFIX });
        events.on('error', (err) => app.log.warn({ err: err.message }, 'queue events error'));
        readEvents = { redis: eventsRedis, events };
      }
      return readEvents.events;
    };
    const mailboxReads = createMailboxReads({
      queue: queues['mailbox-read'], events: eventsForReads, timeoutMs: config.MAILBOX_READ_TIMEOUT_MS, maxWaiting: config.MAILBOX_READ_MAX_WAITING, log: app.log,
    });

    app.decorate('prisma', prisma);
    app.decorate('redis', redis);
    app.decorate('queues', queues);
    app.decorate('mailboxReads', mailboxReads);

    app.addHook('onClose', async () => {
      if (readEvents) {
        // Disconnecting first ends the blocking XREAD at once (close alone waits for it to time out).
        readEvents.redis.disconnect();
        // Never hold up shutdown on it (with Redis away, close() would wait for a connection that never comes).
        await Promise.race([readEvents.events.close(), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
      }
      await closeQueues(queues);
      redis.disconnect();
      await prisma.$disconnect();
    });
  },
  { name: 'clients', dependencies: ['config'] },
);
