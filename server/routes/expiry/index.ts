// Control of the expiry machinery: start a sweep now, pause/resume, status. Pausing pauses the `expiry`
// queue in Redis for every worker host: mailboxes being expired finish, no new mailbox starts (sweeps,
// single-mailbox runs and previews alike), and scheduled sweeps are recorded as skipped until resumed.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema, authErrors } from '../../schemas/common.ts';
import { DryRunBodySchema, ExpiryStatusSchema, RunEnqueuedSchema, bodyDefaultsToEmpty } from '../../schemas/expiry.ts';
import { ANY_STAFF, OPS } from '../../core/domain/roles.ts';
import { createRun, refuseWhilePaused, withTotals } from '../../core/services/expiry-runs.ts';
import { EXPIRY_SCHEDULER_ID } from '../../core/queues/expiry-schedule.ts';

const expiryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['expiry'];

  async function status() {
    const [paused, jobs, scheduler, last] = await Promise.all([
      app.queues.expiry.isPaused(),
      app.queues.expiry.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'),
      app.queues['expiry-sweep'].getJobScheduler(EXPIRY_SCHEDULER_ID),
      app.prisma.expiryRun.findFirst({ orderBy: { id: 'desc' } }),
    ]);
    return {
      paused,
      jobs,
      schedule: scheduler ? { pattern: scheduler.pattern ?? null, next: scheduler.next ? new Date(scheduler.next) : null } : null,
      lastRun: last ? (await withTotals(app.prisma, [last]))[0] : null,
    };
  }

  app.get('/status', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, summary: 'Is expiry paused, how many jobs wait, when the next sweep runs, the last run', response: { 200: ExpiryStatusSchema, ...authErrors } },
  }, status);

  app.post('/sweep', {
    config: { access: { roles: OPS } },
    preValidation: bodyDefaultsToEmpty,
    schema: { tags, summary: 'Start a sweep of every active mailbox now (one job per mailbox)', body: DryRunBodySchema, response: { 202: RunEnqueuedSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request, reply) => {
    await refuseWhilePaused(app.queues);
    const dryRun = request.body?.dryRun ?? false;
    const run = await createRun(app.prisma, { scope: 'all', dryRun, trigger: 'manual', createdBy: request.staff!.email });
    const job = await app.queues['expiry-sweep'].add('sweep', { runId: run.id, dryRun, trigger: 'manual' });
    await app.audit.record(request, { action: 'expiry_run.started', entityType: 'expiry_run', entityId: run.id, after: { scope: 'all', dryRun, jobId: job.id } });
    return reply.code(202).send({ runId: run.id, jobId: String(job.id), queue: 'expiry-sweep' });
  });

  app.post('/pause', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Pause expiry on every worker (running mailboxes finish; nothing new starts)', response: { 200: ExpiryStatusSchema, ...authErrors } },
  }, async (request) => {
    await app.queues.expiry.pause();
    await app.audit.record(request, { action: 'expiry.pause', entityType: 'expiry' });
    return status();
  });

  app.post('/resume', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Resume expiry', response: { 200: ExpiryStatusSchema, ...authErrors } },
  }, async (request) => {
    await app.queues.expiry.resume();
    await app.audit.record(request, { action: 'expiry.resume', entityType: 'expiry' });
    return status();
  });
};

export default expiryRoutes;
