// Control of the expiry machinery: start a sweep now, pause/resume, status. Pausing pauses the `expiry`
// queue in Redis for every worker host: mailboxes being expired finish, no new mailbox starts (sweeps,
// single-mailbox runs and previews alike), and scheduled sweeps are recorded as skipped until resumed.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema, authErrors } from '../../schemas/common.ts';
import { DryRunBodySchema, ExpiryStatusSchema, RunEnqueuedSchema, bodyDefaultsToEmpty } from '../../schemas/expiry.ts';
import { ANY_STAFF, OPS } from '../../core/domain/roles.ts';
import { createExpiryControl } from '../../services/expiry-control.ts';
import { actorOf } from '../../http/actor.ts';

const expiryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['expiry'];
  const expiry = createExpiryControl(app.prisma, app.audit, app.queues);

  app.get('/status', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, summary: 'Is expiry paused, how many jobs wait, when the next sweep runs, the last run', response: { 200: ExpiryStatusSchema, ...authErrors } },
  }, async () => expiry.status());

  app.post('/sweep', {
    config: { access: { roles: OPS } },
    preValidation: bodyDefaultsToEmpty,
    schema: { tags, summary: 'Start a sweep of every active mailbox now (one job per mailbox)', body: DryRunBodySchema, response: { 202: RunEnqueuedSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request, reply) => reply.code(202).send(await expiry.startSweep(actorOf(request), request.body?.dryRun ?? false)));

  app.post('/pause', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Pause expiry on every worker (running mailboxes finish; nothing new starts)', response: { 200: ExpiryStatusSchema, ...authErrors } },
  }, async (request) => expiry.pause(actorOf(request)));

  app.post('/resume', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Resume expiry', response: { 200: ExpiryStatusSchema, ...authErrors } },
  }, async (request) => expiry.resume(actorOf(request)));
};

export default expiryRoutes;
