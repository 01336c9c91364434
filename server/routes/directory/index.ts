// Directory sync for ops: the configured source, runs with their diffs, and a run (or a dry run) on demand. The API
// only enqueues: the directory-sync worker reads the directory and applies the diff (jobs/workers/directory-sync.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, IdParams, ListQuerystring, authErrors } from '../../schemas/common.ts';
import { RunEnqueuedSchema, bodyDefaultsToEmpty } from '../../schemas/expiry.ts';
import { DirectoryChangeSchema, DirectoryRunSchema, DirectoryStatusSchema, DirectorySyncBodySchema } from '../../schemas/directory.ts';
import { OPS } from '../../core/domain/roles.ts';
import { ConflictError, NotFoundError } from '../../core/domain/errors.ts';
import { filterValue, parseListQuery } from '../../core/repositories/list-query.ts';
import { createRun } from '../../core/repositories/directory-sync-runs.ts';
import { describeSource } from '../../core/directory/configured.ts';
import { DIRECTORY_SCHEDULER_ID } from '../../core/queues/directory-schedule.ts';
import { sendList } from '../../http/list-reply.ts';
import type { Db } from '../../core/lib/prisma.ts';

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

type RunRow = Awaited<ReturnType<Db['directorySyncRun']['findFirstOrThrow']>>;
const toApiRun = (r: RunRow) => ({ ...r, status: r.status as 'running' | 'completed' | 'stopped' | 'failed', safety: r.safety as never });
type ChangeRow = Awaited<ReturnType<Db['directorySyncChange']['findFirstOrThrow']>>;
const toApiChange = (c: ChangeRow) => ({ ...c, id: Number(c.id), kind: c.kind as 'added', before: c.before as never, after: c.after as never });

const directoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['directory'];
  const access = { roles: OPS };

  app.get('/status', {
    config: { access },
    schema: { tags, summary: 'The directory source (no password), the schedule, waiting jobs, the last run and whether the safety stop holds', response: { 200: DirectoryStatusSchema, ...authErrors } },
  }, async () => {
    const [scheduler, jobs, last, lastReal] = await Promise.all([
      app.queues['directory-sync'].getJobScheduler(DIRECTORY_SCHEDULER_ID),
      app.queues['directory-sync'].getJobCounts('waiting', 'active', 'delayed', 'failed'),
      app.prisma.directorySyncRun.findFirst({ orderBy: { id: 'desc' } }),
      app.prisma.directorySyncRun.findFirst({ where: { dryRun: false, status: { in: ['completed', 'stopped'] } }, orderBy: { id: 'desc' } }),
    ]);
    return {
      source: describeSource(app.config),
      schedule: scheduler ? { pattern: scheduler.pattern ?? null, next: scheduler.next ? new Date(scheduler.next) : null } : null,
      jobs,
      lastRun: last ? toApiRun(last) : null,
      safetyStopped: lastReal?.status === 'stopped',
    };
  });

  app.post('/runs', {
    config: { access },
    preValidation: bodyDefaultsToEmpty,
    schema: { tags, summary: 'Sync from the directory now, or with dryRun only compute the diff', body: DirectorySyncBodySchema, response: { 202: RunEnqueuedSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request, reply) => {
    if (app.config.DIRECTORY_SOURCE === 'none') throw new ConflictError('No directory source is configured (DIRECTORY_SOURCE=none)');
    const dryRun = request.body?.dryRun ?? false;
    const runId = await createRun(app.prisma, { source: app.config.DIRECTORY_SOURCE, dryRun, trigger: 'manual', createdBy: request.staff!.email });
    const job = await app.queues['directory-sync'].add('sync', { runId, dryRun, trigger: 'manual' });
    await app.audit.record(request, { action: 'directory_sync.started', entityType: 'directory_sync_run', entityId: runId, after: { dryRun, jobId: job.id } });
    return reply.code(202).send({ runId, jobId: String(job.id), queue: 'directory-sync' });
  });

  app.get('/runs', {
    config: { access },
    schema: { tags, summary: 'Directory sync runs, newest first', querystring: ListQuerystring, response: { 200: Type.Array(DirectoryRunSchema), ...authErrors } },
  }, async (request, reply) => {
    const query = parseListQuery(request.query, runSpec);
    const [rows, total] = await Promise.all([
      app.prisma.directorySyncRun.findMany({ where: query.filter, orderBy: [{ [query.sortField]: query.sortOrder }, { id: 'desc' }], skip: query.skip, take: query.take }),
      app.prisma.directorySyncRun.count({ where: query.filter }),
    ]);
    return sendList(reply, 'directory/runs', query.skip, rows.map(toApiRun), total);
  });

  app.get('/runs/:id', {
    config: { access },
    schema: { tags, summary: 'One directory sync run with its counts and safety verdict', params: IdParams, response: { 200: DirectoryRunSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const run = await app.prisma.directorySyncRun.findUnique({ where: { id: request.params.id } });
    if (!run) throw new NotFoundError('Directory sync run', request.params.id);
    return toApiRun(run);
  });

  app.get('/runs/:id/changes', {
    config: { access },
    schema: { tags, summary: 'The diff of a run, one line per change (filter by kind or address)', params: IdParams, querystring: ListQuerystring, response: { 200: Type.Array(DirectoryChangeSchema), 404: ErrorSchema, ...authErrors } },
  }, async (request, reply) => {
    if (!(await app.prisma.directorySyncRun.count({ where: { id: request.params.id } }))) throw new NotFoundError('Directory sync run', request.params.id);
    const query = parseListQuery(request.query, changeSpec);
    const where = { runId: request.params.id, ...query.filter };
    const [rows, total] = await Promise.all([
      app.prisma.directorySyncChange.findMany({ where, orderBy: [{ [query.sortField]: query.sortOrder }, { id: 'asc' }], skip: query.skip, take: query.take }),
      app.prisma.directorySyncChange.count({ where }),
    ]);
    return sendList(reply, 'directory/changes', query.skip, rows.map(toApiChange), total);
  });
};

export default directoryRoutes;
