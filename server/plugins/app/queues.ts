// The BullMQ producers of every queue in the registry, on the API's Redis connection, decorated as app.queues.
// The API only enqueues: it never creates a Worker.
import fp from 'fastify-plugin';
import { createQueues, closeQueues, type Queues } from '../../core/queues/registry.ts';

declare module 'fastify' {
  interface FastifyInstance {
    queues: Queues;
  }
}

export default fp(
  async (app) => {
    const queues = createQueues(app.redis, app.config.QUEUE_PREFIX);
    for (const queue of Object.values(queues)) {
      queue.on('error', (err) => app.log.warn({ err: err.message, queue: queue.name }, 'queue error'));
    }
    app.decorate('queues', queues);
    app.addHook('onClose', () => closeQueues(queues));
  },
  { name: 'queues', dependencies: ['config', 'redis'] },
);
