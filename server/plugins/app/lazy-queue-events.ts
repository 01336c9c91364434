// A queue's BullMQ events for requests that wait on jobs (mailbox reads, scans). QueueEvents blocks on XREAD, so it
// gets a connection of its own, which waits out a Redis restart instead of failing; it is made on the first wait, so
// an API that never waits holds no blocking connection.
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { QueueEvents } from 'bullmq';
import { createWorkerRedis } from '../../core/lib/redis.ts';

/** The queue's events, made on first use and closed with the app. */
export function lazyQueueEvents(app: FastifyInstance, queueName: string): () => QueueEvents {
  let listener: { redis: Redis; events: QueueEvents } | null = null;
  app.addHook('onClose', async () => {
    if (!listener) return;
    // Disconnecting first ends the blocking XREAD at once (close alone waits for it to time out), and shutdown is
    // never held up on it (with Redis away, close() would wait for a connection that never comes).
    listener.redis.disconnect();
    await Promise.race([listener.events.close(), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
  });
  return () => {
    if (!listener) {
      const redis = createWorkerRedis(app.config.REDIS_URL);
      redis.on('error', (err) => app.log.warn({ err: err.message, queue: queueName }, 'redis (queue events) connection error'));
      const events = new QueueEvents(queueName, { connection: redis, prefix: app.config.QUEUE_PREFIX });
      events.on('error', (err) => app.log.warn({ err: err.message, queue: queueName }, 'queue events error'));
      listener = { redis, events };
    }
    return listener.events;
  };
}
