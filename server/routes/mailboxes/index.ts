// Mailboxes: find, inspect, create, and ask the workers to probe one over IMAP.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, IdParams, ListQuerystring, authErrors } from '../../schemas/common.ts';
import { JobEnqueuedSchema, MailboxCreateSchema, MailboxSchema } from '../../schemas/mailbox.ts';
import { ANY_STAFF, OPS } from '../../domain/roles.ts';
import { filterValue, parseListQuery } from '../../domain/list-query.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { createMailboxRepository, type MailboxFilter } from '../../repositories/mailboxes.ts';
import { sendList } from '../../lib/list-reply.ts';

const listSpec = {
  sortable: ['id', 'address', 'displayName', 'status', 'usagePercent', 'usedBytes', 'scannedAt', 'createdAt'],
  defaultSort: ['address', 'asc'] as [string, 'asc'],
  parseFilter: (raw: Record<string, unknown>): MailboxFilter => ({
    q: filterValue.string(raw, 'q'),
    status: filterValue.oneOf(raw, 'status', ['active', 'disabled'] as const),
    ids: filterValue.ids(raw),
  }),
};

const mailboxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const mailboxes = createMailboxRepository(app.prisma);
  const tags = ['mailboxes'];

  app.get('/', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, summary: 'Find mailboxes', querystring: ListQuerystring, response: { 200: Type.Array(MailboxSchema), ...authErrors } },
  }, async (request, reply) => {
    const query = parseListQuery(request.query, listSpec);
    const { rows, total } = await mailboxes.list(query);
    return sendList(reply, 'mailboxes', query.skip, rows, total);
  });

  app.get('/:id', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, params: IdParams, response: { 200: MailboxSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const mailbox = await mailboxes.findById(request.params.id);
    if (!mailbox) throw new NotFoundError('Mailbox', request.params.id);
    return mailbox;
  });

  app.post('/', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Register a mailbox', body: MailboxCreateSchema, response: { 201: MailboxSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request, reply) => {
    const created = await app.prisma.$transaction(async (tx) => {
      const mailbox = await createMailboxRepository(tx).create(request.body);
      await app.audit.record(request, { action: 'mailbox.create', entityType: 'mailbox', entityId: mailbox.id, after: mailbox }, tx);
      return mailbox;
    });
    return reply.code(201).send(created);
  });

  app.post('/:id/probe', {
    config: { access: { roles: ANY_STAFF } },
    schema: {
      tags,
      summary: 'Probe the mailbox over IMAP (capabilities, quota root, folders); the result lands on the mailbox',
      params: IdParams,
      response: { 202: JobEnqueuedSchema, 404: ErrorSchema, ...authErrors },
    },
  }, async (request, reply) => {
    const mailbox = await mailboxes.findById(request.params.id);
    if (!mailbox) throw new NotFoundError('Mailbox', request.params.id);
    const job = await app.queues.probe.add('probe', { mailboxId: mailbox.id });
    await app.audit.record(request, { action: 'mailbox.probe', entityType: 'mailbox', entityId: mailbox.id, after: { jobId: job.id } });
    return reply.code(202).send({ jobId: String(job.id), queue: 'probe' });
  });
};

export default mailboxRoutes;
