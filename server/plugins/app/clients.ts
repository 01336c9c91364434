// PostgreSQL (Prisma), Redis and the BullMQ producers, each decorated on the instance and released on close.
// The API only enqueues: it never creates a Worker.
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { createPrisma, poolOptions, type Db } from '../../core/lib/prisma.ts';
import { createProducerRedis } from '../../core/lib/redis.ts';
import { createQueues, closeQueues, type Queues } from '../../core/queues/registry.ts';

declare module 'fastify' {
  interface FastifyInstance {
    prisma: Db;
    redis: Redis;
    queues: Queues;
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

    app.decorate('prisma', prisma);
    app.decorate('redis', redis);
    app.decorate('queues', queues);

    app.addHook('onClose', async () => {
      await closeQueues(queues);
      redis.disconnect();
      await prisma.$disconnect();
    });
  },
  { name: 'clients', dependencies: ['config'] },
);
