// Directory sync for ops: the configured source, runs with their diffs, and a run (or a dry run) on demand. The API
// only enqueues: the directory-sync worker reads the directory and applies the diff (jobs/workers/directory-sync.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, IdParams, ListQuerystring, authErrors } from '../../schemas/common.ts';
import { RunEnqueuedSchema, bodyDefaultsToEmpty } from '../../schemas/expiry.ts';
import { DirectoryChangeSchema, DirectoryRunSchema, DirectoryStatusSchema, DirectorySyncBodySchema } from '../../schemas/directory.ts';
import { OPS } from '../../core/domain/roles.ts';
import { filterValue, parseListQuery } from '../../core/repositories/list-query.ts';
import { createDirectorySyncService } from '../../services/directory-sync.ts';
import { sendList } from '../../http/list-reply.ts';
import { actorOf } from '../../http/actor.ts';

const runSpec = {
  sortable: ['id', 'startedAt', 'finishedAt', 'status'],
  defaultSort: ['id', 'desc'] as [string, 'desc'],
  parseFilter: (raw: Record<string, unknown>) => ({
    status: filterValue.oneOf(raw, 'status', ['running', 'completed', 'stopped', 'failed'] as const),
    dryRun: filterValue.boolean(raw, 'dryRun'),
  }),
};

const changeSpec = {
  sortable: ['id', 'address'],
  defaultSort: ['id', 'asc'] as [string, 'asc'],
  parseFilter: (raw: Record<string, unknown>) => ({
    kind: filterValue.oneOf(raw, 'kind', ['added', 'changed', 'gone', 'returned', 'problem'] as const),
    address: filterValue.string(raw, 'address', 254)?.trim().toLowerCase(),
  }),
};

const directoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['directory'];
  const access = { roles: OPS };
  const directory = createDirectorySyncService(app.prisma, app.audit, app.queues, app.config);

  app.get('/status', {
    config: { access },
    schema: { tags, summary: 'The directory source (no password), the schedule, waiting jobs, the last run and whether the safety stop holds', response: { 200: DirectoryStatusSchema, ...authErrors } },
  }, async () => directory.status());

  app.post('/runs', {
    config: { access },
    preValidation: bodyDefaultsToEmpty,
    schema: { tags, summary: 'Sync from the directory now, or with dryRun only compute the diff', body: DirectorySyncBodySchema, response: { 202: RunEnqueuedSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request, reply) => reply.code(202).send(await directory.start(actorOf(request), request.body?.dryRun ?? false)));

  app.get('/runs', {
    config: { access },
    schema: { tags, summary: 'Directory sync runs, newest first', querystring: ListQuerystring, response: { 200: Type.Array(DirectoryRunSchema), ...authErrors } },
  }, async (request, reply) => {
    const query = parseListQuery(request.query, runSpec);
    const { rows, total } = await directory.listRuns(query);
    return sendList(reply, 'directory/runs', query.skip, rows, total);
  });

  app.get('/runs/:id', {
    config: { access },
    schema: { tags, summary: 'One directory sync run with its counts and safety verdict', params: IdParams, response: { 200: DirectoryRunSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => directory.getRun(request.params.id));

  app.get('/runs/:id/changes', {
    config: { access },
    schema: { tags, summary: 'The diff of a run, one line per change (filter by kind or address)', params: IdParams, querystring: ListQuerystring, response: { 200: Type.Array(DirectoryChangeSchema), 404: ErrorSchema, ...authErrors } },
  }, async (request, reply) => {
    await directory.requireRun(request.params.id);
    const query = parseListQuery(request.query, changeSpec);
    const { rows, total } = await directory.listChanges(request.params.id, query);
    return sendList(reply, 'directory/changes', query.skip, rows, total);
  });
};

export default directoryRoutes;
