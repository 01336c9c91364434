// The API's Redis connection (fail fast: a request never hangs on a dead Redis), decorated as app.redis.
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { createProducerRedis } from '../../core/lib/redis.ts';

declare module 'fastify' {
  interface FastifyInstance {
    redis: Redis;
  }
}

export default fp(
  async (app) => {
    const redis = createProducerRedis(app.config.REDIS_URL);
    // Without a listener ioredis prints every reconnect failure as an unhandled error event.
    redis.on('error', (err) => app.log.warn({ err: err.message }, 'redis connection error'));
    app.decorate('redis', redis);
    app.addHook('onClose', async () => {
      redis.disconnect();
    });
  },
  { name: 'redis', dependencies: ['config'] },
);
