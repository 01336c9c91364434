// app.mailboxReads: mailbox-read jobs the API waits for (server/services/mailbox-reads.ts), heard through the queue's
// events (lazy-queue-events.ts: a connection of its own, made on the first read).
import fp from 'fastify-plugin';
import { lazyQueueEvents } from './lazy-queue-events.ts';
import { createMailboxReads, type MailboxReads } from '../../services/mailbox-reads.ts';

declare module 'fastify' {
  interface FastifyInstance {
    mailboxReads: MailboxReads;
  }
}

export default fp(
  async (app) => {
    const { config } = app;
    app.decorate('mailboxReads', createMailboxReads({
      queue: app.queues['mailbox-read'], events: lazyQueueEvents(app, 'mailbox-read'), timeoutMs: config.MAILBOX_READ_TIMEOUT_MS,
      maxWaiting: config.MAILBOX_READ_MAX_WAITING, log: app.log,
    }));
  },
  { name: 'mailbox-reads', dependencies: ['config', 'queues'] },
);
