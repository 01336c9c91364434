// app.scanWaits: waits for usage-scan jobs to end (server/services/job-waits.ts), heard through the queue's events.
// Its QueueEvents connection is made on the first wait (lazy-queue-events.ts), as for app.mailboxReads.
import fp from 'fastify-plugin';
import { lazyQueueEvents } from './lazy-queue-events.ts';
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
    app.decorate('scanWaits', createJobWaits(lazyQueueEvents(app, 'usage-scan'), MAX_WAITING));
  },
  { name: 'scan-waits', dependencies: ['config', 'queues'] },
);
