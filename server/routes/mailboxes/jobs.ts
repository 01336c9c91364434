// Work the console asks the workers to do for mailboxes: probe, recalculate usage now (one or all).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, IdParams, authErrors } from '../../schemas/common.ts';
import { JobEnqueuedSchema } from '../../schemas/mailbox.ts';
import { ANY_STAFF, OPS } from '../../core/domain/roles.ts';
import { NotFoundError } from '../../core/domain/errors.ts';
import { createMailboxRepository } from '../../core/repositories/mailboxes.ts';

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
