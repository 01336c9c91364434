// Failed jobs across every queue of the registry (the Jobs page's "Failed jobs"), for ops and admin: one list, newest
// failure first, each job with the mailbox it was about by address and its reason in plain words; "retry all" puts
// every failed job (of one queue, or of all) back to waiting. Retrying or removing one job stays on
// /api/queues/:name/jobs/:id. Every retry is audited.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ListQuerystring, Nullable, authErrors } from '../../schemas/common.ts';
import { JobSchema } from '../../schemas/ops.ts';
import { OPS } from '../../core/domain/roles.ts';
import { filterValue, parseListQuery } from '../../core/repositories/list-query.ts';
import { sendList } from '../../http/list-reply.ts';
import { QUEUE_NAMES } from '../../core/queues/registry.ts';
import { listFailedJobs, retryAllFailed, RETRY_ALL_LIMIT } from '../../services/failed-jobs.ts';

const FailedJobSchema = Type.Object({
  ...JobSchema.properties,
  reason: Type.String({ description: 'The likely cause in plain words (failedReason keeps the raw text)' }),
  mailboxId: Nullable(Type.Integer({ description: 'The mailbox the job was about (its data, or a notice\'s notification)' })),
});

const RetryAllBody = Type.Object(
  { queue: Type.Optional(Type.Enum([...QUEUE_NAMES], { description: 'Only this queue; every queue when left out' })) },
  { additionalProperties: false },
);

const RetryAllResult = Type.Object({
  count: Type.Integer({ description: 'How many failed jobs went back to waiting' }),
  retried: Type.Record(Type.String(), Type.Array(Type.String()), { description: 'Job ids per queue' }),
  remaining: Type.Integer({ description: `Failed jobs left (more than ${RETRY_ALL_LIMIT} at once are retried in several calls)` }),
});

// BullMQ hands failed jobs out by when they failed: that is the one order (`finishedOn`).
const listSpec = {
  sortable: ['finishedOn'],
  defaultSort: ['finishedOn', 'desc'] as [string, 'desc'],
  parseFilter: (raw: Record<string, unknown>) => ({ queue: filterValue.oneOf(raw, 'queue', QUEUE_NAMES) }),
};

const failedJobRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['queues'];
  const access = { roles: OPS };

  app.get('/failed-jobs', {
    config: { access },
    schema: {
      tags, summary: 'Failed jobs of every queue, newest failure first, with the mailbox by address and a readable reason',
      description: 'filter: {"queue": …} for one queue; range pages (Content-Range: failed-jobs start-end/total).',
      querystring: ListQuerystring, response: { 200: Type.Array(FailedJobSchema), ...authErrors },
    },
  }, async (request, reply) => {
    const { skip, take, filter } = parseListQuery(request.query, listSpec);
    const { rows, total } = await listFailedJobs(app.queues, app.prisma, { skip, take, only: filter.queue });
    return sendList(reply, 'failed-jobs', skip, rows, total);
  });

  app.post('/failed-jobs/retry', {
    config: { access },
    schema: {
      tags, summary: `Retry every failed job (of one queue, or of all; up to ${RETRY_ALL_LIMIT} per call)`,
      body: RetryAllBody, response: { 200: RetryAllResult, ...authErrors },
    },
  }, async (request) => {
    const only = request.body?.queue;
    const result = await retryAllFailed(app.queues, only);
    for (const [queue, ids] of Object.entries(result.retried)) {
      await app.audit.record(request, { action: 'job.retry_all', entityType: 'queue', entityId: queue, after: { retried: ids.length, jobIds: ids.slice(0, 100) } });
    }
    return result;
  });
};

export default failedJobRoutes;
