// Work the console asks the workers to do for mailboxes: probe, recalculate usage now (one or all), and waiting
// for a recalculation to end (answered by the queue's events the moment the worker finishes: no polling).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, Id, IdParams, authErrors } from '../../schemas/common.ts';
import { JobEnqueuedSchema } from '../../schemas/mailbox.ts';
import { ANY_STAFF, OPS } from '../../core/domain/roles.ts';
import { NotFoundError } from '../../core/domain/errors.ts';
import { createMailboxRepository } from '../../core/repositories/mailboxes.ts';

// A long poll: under the usual proxy timeouts (30–60 s), and a scan of one mailbox takes a second or two.
const SCAN_WAIT_MS = 20_000;
const ScanJobParams = Type.Object({ id: Id, jobId: Type.String({ minLength: 1, maxLength: 100 }) });
const ScanOutcomeSchema = Type.Object({ jobId: Type.String(), state: Type.Union([Type.Literal('completed'), Type.Literal('failed'), Type.Literal('retrying'), Type.Literal('running')]) });

const mailboxJobRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['mailboxes'];

  const mailboxes = createMailboxRepository(app.prisma);

  async function mustExist(id: number) {
    if (!(await mailboxes.exists(id))) throw new NotFoundError('Mailbox', id);
  }

  app.post('/:id/probe', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, summary: 'Probe over IMAP (capabilities, quota root, folders); the result lands on the mailbox', params: IdParams, response: { 202: JobEnqueuedSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request, reply) => {
    await mustExist(request.params.id);
    const job = await app.queues.probe.add('probe', { mailboxId: request.params.id });
    await app.audit.record(request, { action: 'mailbox.probe', entityType: 'mailbox', entityId: request.params.id, after: { jobId: job.id } });
    return reply.code(202).send({ jobId: String(job.id), queue: 'probe' });
  });

  app.post('/:id/scan', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, summary: 'Recalculate usage now', params: IdParams, response: { 202: JobEnqueuedSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request, reply) => {
    await mustExist(request.params.id);
    const job = await app.queues['usage-scan'].add('usage-scan', { mailboxId: request.params.id, reason: 'manual' }, { priority: 1 });
    await app.audit.record(request, { action: 'mailbox.scan', entityType: 'mailbox', entityId: request.params.id, after: { jobId: job.id } });
    return reply.code(202).send({ jobId: String(job.id), queue: 'usage-scan' });
  });

  app.get('/:id/scans/:jobId', {
    config: { access: { roles: ANY_STAFF } },
    schema: {
      tags, summary: 'Wait for a recalculation (from POST /:id/scan) to end',
      description: `Answers when the job ends, or after ${SCAN_WAIT_MS / 1000} s with state "running" (ask again). "retrying": the scan failed and is tried again later (the mailbox's scanError says why); "failed": for good.`,
      params: ScanJobParams, response: { 200: ScanOutcomeSchema, 404: ErrorSchema, 429: ErrorSchema, ...authErrors },
    },
  }, async (request) => {
    const { id, jobId } = request.params;
    const job = await app.queues['usage-scan'].getJob(jobId);
    // Only this mailbox's own scans: a job id of another mailbox, or a batch, is not found here.
    if (!job || job.data.mailboxId !== id) throw new NotFoundError('Recalculation', jobId);
    const state = await app.scanWaits.wait(jobId, async () => {
      const now = await job.getState();
      return now === 'delayed' && job.attemptsMade > 0 ? 'retrying' : now;
    }, SCAN_WAIT_MS);
    return { jobId, state };
  });

  app.post('/scan-all', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Recalculate usage of every active mailbox (fanned out by a worker)', response: { 202: Type.Object({ jobId: Type.String(), queue: Type.String() }), ...authErrors } },
  }, async (request, reply) => {
    const job = await app.queues.maintenance.add('scan-all', { task: 'scan-all' });
    await app.audit.record(request, { action: 'mailbox.scan_all', entityType: 'mailbox', after: { jobId: job.id } });
    return reply.code(202).send({ jobId: String(job.id), queue: 'maintenance' });
  });
};

export default mailboxJobRoutes;
