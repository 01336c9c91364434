// Job schedulers (scan-all, expiry-sweep, housekeeping): when each runs next, and changing a cron pattern live.
// A change upserts the scheduler in Redis, so workers follow it at once, and is remembered across worker restarts
// (services/schedules.ts). Patterns are checked with cron-parser, the parser BullMQ uses; a bad one is a 400 naming
// body.pattern and leaves the scheduler untouched.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, authErrors } from '../../schemas/common.ts';
import { ScheduleSchema, ScheduleUpdateSchema } from '../../schemas/ops.ts';
import { OPS } from '../../core/domain/roles.ts';
import { NotFoundError } from '../../core/domain/errors.ts';
import { sendList } from '../../http/list-reply.ts';
import { createScheduleService } from '../../services/schedules.ts';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

const scheduleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schedules = createScheduleService(app);
  const tags = ['schedules'];
  const access = { roles: OPS };

  app.get('/', {
    config: { access },
    schema: { tags, summary: 'Every job scheduler with its pattern or interval and next run times', response: { 200: Type.Array(ScheduleSchema), ...authErrors } },
  }, async (_request, reply) => {
    const rows = await schedules.list();
    return sendList(reply, 'schedules', 0, rows, rows.length);
  });

  app.get('/:id', {
    config: { access },
    schema: { tags, summary: 'One job scheduler', params: IdParams, response: { 200: ScheduleSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const row = await schedules.find(request.params.id);
    if (!row) throw new NotFoundError('Schedule', request.params.id);
    return row;
  });

  app.put('/:id', {
    config: { access },
    schema: {
      tags, summary: 'Change the cron pattern of a job scheduler (takes effect at once on every worker)',
      description: 'Setting the configured pattern again (defaultPattern) drops the console override, so the configuration applies again.',
      params: IdParams, body: ScheduleUpdateSchema, response: { 200: ScheduleSchema, 404: ErrorSchema, ...authErrors },
    },
  }, async (request) => {
    const { id } = request.params;
    const changed = await schedules.setPattern(id, request.body.pattern);
    if (!changed?.after) throw new NotFoundError('Schedule', id);
    const { before, after } = changed;
    await app.audit.record(request, {
      action: 'schedule.update', entityType: 'schedule', entityId: id,
      before: { pattern: before.pattern, every: before.every, next: before.next },
      after: { pattern: after.pattern, every: after.every, next: after.next, overridden: after.overridden },
    });
    return after;
  });
};

export default scheduleRoutes;
