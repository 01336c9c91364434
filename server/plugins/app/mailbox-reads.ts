// app.mailboxReads: mailbox-read jobs the API waits for (server/services/mailbox-reads.ts), heard through the queue's
// events. QueueEvents blocks on XREAD, so it has its own connection, which waits out a Redis restart instead of
// failing; it is made on the first read, so an API that never previews holds no blocking connection.
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { QueueEvents } from 'bullmq';
import { createWorkerRedis } from '../../core/lib/redis.ts';
import { createMailboxReads, type MailboxReads } from '../../services/mailbox-reads.ts';

declare module 'fastify' {
  interface FastifyInstance {
    mailboxReads: MailboxReads;
  }
}

export default fp(
  async (app) => {
    const { config } = app;
    let listener: { redis: Redis; events: QueueEvents } | null = null;
    const events = () => {
      if (!listener) {
        const redis = createWorkerRedis(config.REDIS_URL);
        redis.on('error', (err) => app.log.warn({ err: err.message }, 'redis (queue events) connection error'));
        const queueEvents = new QueueEvents('mailbox-read', { connection: redis, prefix: config.QUEUE_PREFIX });
        queueEvents.on('error', (err) => app.log.warn({ err: err.message }, 'queue events error'));
        listener = { redis, events: queueEvents };
      }
      return listener.events;
    };
    app.decorate('mailboxReads', createMailboxReads({
      queue: app.queues['mailbox-read'], events, timeoutMs: config.MAILBOX_READ_TIMEOUT_MS, maxWaiting: config.MAILBOX_READ_MAX_WAITING, log: app.log,
    }));
    app.addHook('onClose', async () => {
      if (!listener) return;
      // Disconnecting first ends the blocking XREAD at once (close alone waits for it to time out), and shutdown is
      // never held up on it (with Redis away, close() would wait for a connection that never comes).
      listener.redis.disconnect();
      await Promise.race([listener.events.close(), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
    });
  },
  { name: 'mailbox-reads', dependencies: ['config', 'queues'] },
);
