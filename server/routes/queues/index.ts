// Queue control for ops: health of every queue in the registry, pause/resume (in Redis, so every worker host
// stops taking new jobs while running ones finish), and failed jobs with their reason and stack, to retry or
// remove. Every change is audited. Lists follow simple-rest (`sort`, `range`, Content-Range) for the console;
// a sort field a list does not offer is a 400 naming it, as on every other list endpoint.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, ListQuerystring, authErrors } from '../../schemas/common.ts';
import { JobParams, JobSchema, JobsQuerystring, QueueParams, QueueSchema, JOB_STATES } from '../../schemas/ops.ts';
import { OPS } from '../../core/domain/roles.ts';
import { ConflictError, InvalidInputError } from '../../core/domain/errors.ts';
import { filterValue, parseListQuery } from '../../core/repositories/list-query.ts';
import { sendList } from '../../http/list-reply.ts';
import { allQueueRows, findJob, jobView, queueOf, queueRow, sortQueueRows, QUEUE_SORTABLE } from '../../services/queue-admin.ts';
import { QUEUE_NAMES, type QueueName } from '../../core/queues/registry.ts';
import { withJobMailboxes } from '../../services/entity-names.ts';

type JobState = (typeof JOB_STATES)[number];

// Registry order (QUEUE_NAMES) unless a sort is given: `registry` names that order.
const queueListSpec = {
  sortable: ['registry', ...QUEUE_SORTABLE],
  defaultSort: ['registry', 'asc'] as [string, 'asc'],
  parseFilter: (raw: Record<string, unknown>) => ({ name: filterValue.oneOf(raw, 'name', QUEUE_NAMES), isPaused: filterValue.boolean(raw, 'isPaused') }),
};

// BullMQ hands a state's jobs out in its own order only (newest first; ASC reverses it): that order is `timestamp`.
const jobListSpec = {
  sortable: ['timestamp'],
  defaultSort: ['timestamp', 'desc'] as [string, 'desc'],
  parseFilter: (raw: Record<string, unknown>) => raw,
};

/** `?state=` wins; react-admin's filter={"state":…} is read the same way; failed by default. */
function stateOf(query: { state?: JobState; filter?: string }): JobState {
  if (query.state) return query.state;
  let filter: unknown;
  try { filter = query.filter ? JSON.parse(query.filter) : undefined; } catch { throw new InvalidInputError('filter', 'must be JSON'); }
  const state = (filter as { state?: unknown } | undefined)?.state;
  if (state === undefined) return 'failed';
  if (typeof state !== 'string' || !(JOB_STATES as readonly string[]).includes(state)) throw new InvalidInputError('filter.state', `must be one of: ${JOB_STATES.join(', ')}`);
  return state as JobState;
}

const queueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['queues'];
  const access = { roles: OPS };

  app.get('/', {
    config: { access },
    schema: {
      tags, summary: 'Every queue with its job counts per state and whether it is paused', querystring: ListQuerystring,
      description: `sort: one of ${queueListSpec.sortable.join(', ')} (default: registry order); filter: {"name": …, "isPaused": true|false}.`,
      response: { 200: Type.Array(QueueSchema), ...authErrors },
    },
  }, async (request, reply) => {
    const { sortField, sortOrder, skip, take, filter } = parseListQuery(request.query, queueListSpec);
    const rows = (await allQueueRows(app.queues))
      .filter((q) => (filter.name === undefined || q.name === filter.name) && (filter.isPaused === undefined || q.isPaused === filter.isPaused));
    const sorted = sortField === 'registry' ? (sortOrder === 'asc' ? rows : rows.reverse()) : sortQueueRows(rows, sortField, sortOrder);
    return sendList(reply, 'queues', skip, sorted.slice(skip, skip + take), rows.length);
  });

  for (const action of ['pause', 'resume'] as const) {
    app.post(`/:name/${action}`, {
      config: { access },
      schema: {
        tags, params: QueueParams, response: { 200: QueueSchema, 404: ErrorSchema, ...authErrors },
        summary: action === 'pause' ? 'Pause a queue on every worker (running jobs finish; nothing new starts)' : 'Resume a paused queue',
      },
    }, async (request) => {
      const { name } = request.params;
      const queue = queueOf(app.queues, name);
      const before = await queueRow(app.queues, name as QueueName);
      await (action === 'pause' ? queue.pause() : queue.resume());
      const after = await queueRow(app.queues, name as QueueName);
      await app.audit.record(request, { action: `queue.${action}`, entityType: 'queue', entityId: name, before: { isPaused: before.isPaused }, after: { isPaused: after.isPaused } });
      return after;
    });
  }

  app.get('/:name/jobs', {
    config: { access },
    schema: {
      tags, summary: 'Jobs of a queue in one state (failed by default), newest first', params: QueueParams, querystring: JobsQuerystring,
      description: 'Job data shows only id-like fields. range=[start,end] pages through the list (Content-Range: jobs start-end/total).',
      response: { 200: Type.Array(JobSchema), 404: ErrorSchema, ...authErrors },
    },
  }, async (request, reply) => {
    const { name } = request.params;
    const queue = queueOf(app.queues, name);
    const state = stateOf(request.query);
    const { skip, take, sortOrder } = parseListQuery({ range: request.query.range, sort: request.query.sort }, jobListSpec);
    const [jobs, total] = await Promise.all([
      queue.getJobs([state], skip, skip + take - 1, sortOrder === 'asc'),
      queue.getJobCountByTypes(state),
    ]);
    const rows = jobs.filter(Boolean).map((job) => jobView(name as QueueName, job, state));
    return sendList(reply, 'jobs', skip, await withJobMailboxes(app.prisma, rows), total);
  });

  app.post('/:name/jobs/:id/retry', {
    config: { access },
    schema: { tags, summary: 'Retry a failed job (it goes back to waiting with its attempts reset)', params: JobParams, response: { 200: JobSchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const { name, id } = request.params;
    const { queue, job, state } = await findJob(app.queues, name, id);
    if (state !== 'failed') throw new ConflictError(`Job ${name}/${id} is ${state}; only failed jobs can be retried`);
    const before = jobView(name as QueueName, job, state);
    await job.retry('failed');
    const fresh = (await queue.getJob(id)) ?? job;
    const after = jobView(name as QueueName, fresh, await fresh.getState());
    await app.audit.record(request, { action: 'job.retry', entityType: 'job', entityId: `${name}/${id}`, before: { state, failedReason: before.failedReason, attemptsMade: before.attemptsMade }, after: { state: after.state } });
    return (await withJobMailboxes(app.prisma, [after]))[0];
  });

  app.delete('/:name/jobs/:id', {
    config: { access },
    schema: { tags, summary: 'Remove a job that is not running', params: JobParams, response: { 200: JobSchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const { name, id } = request.params;
    const { job, state } = await findJob(app.queues, name, id);
    // A running job holds a lock: removing it under the worker would lose its outcome. Pause and wait, or let it fail.
    if (state === 'active') throw new ConflictError(`Job ${name}/${id} is running; it can be removed once it has finished or failed`);
    // The delayed job of a job scheduler is its next run: removing it would silently stop the schedule.
    if (job.repeatJobKey && state !== 'failed' && state !== 'completed') throw new ConflictError(`Job ${name}/${id} is the next run of scheduler ${job.repeatJobKey}; change the schedule instead`);
    const before = jobView(name as QueueName, job, state);
    await job.remove();
    await app.audit.record(request, { action: 'job.remove', entityType: 'job', entityId: `${name}/${id}`, before: { state, name: before.name, data: before.data, failedReason: before.failedReason } });
    return (await withJobMailboxes(app.prisma, [before]))[0];
  });
};

export default queueRoutes;
