// POST /me/space-request: the signed-in user asks for more space (how much, why, until when). The mailbox is the
// session's; the form has no field that could name another (extra fields are refused by the schema).
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../core/domain/errors.ts';
import { createSpaceRequestService } from '../../services/space-requests.ts';
import { createTemporaryIncreaseService } from '../../services/temporary-increases.ts';
import { afterLimitChange } from '../../services/limit-changes.ts';
import type { MeContext } from './index.ts';

const GiB = 1024 ** 3;

const SpaceForm = Type.Object({
  _csrf: Type.String({ maxLength: 200 }),
  gib: Type.String({ maxLength: 10 }),
  reason: Type.String({ maxLength: 500 }),
  until: Type.String({ maxLength: 10 }),
}, { additionalProperties: false });

const spaceRoutes: FastifyPluginAsync<{ ctx: MeContext }> = async (app, { ctx }) => {
  const increases = createTemporaryIncreaseService(app.prisma, app.audit, (ids) => afterLimitChange(app, ids));
  const requests = createSpaceRequestService(app.prisma, app.audit, app.queues.notify, increases);

  app.post('/me/space-request', {
    config: { access: { public: true }, mailUser: true, rateLimit: { max: 10, timeWindow: '1 hour' } },
    schema: { tags: ['me'], summary: 'Ask for more space (form); help desk sees it at /api/space-requests', body: SpaceForm },
  }, async (request, reply) => {
    const body = request.body as { gib: string; reason: string; until: string };
    const gib = Number(body.gib);
    const reason = body.reason.trim();
    const until = /^\d{4}-\d{2}-\d{2}$/.test(body.until) ? new Date(`${body.until}T23:59:59.000Z`) : new Date(NaN);
    const problem = !(gib >= 0.1 && gib <= 1024) ? 'How much: between 0.1 and 1024 GiB.'
      : reason.length < 3 ? 'Why: please say in a few words why you need it.'
      : Number.isNaN(until.getTime()) ? 'Until: please pick a date.' : null;
    if (problem) return ctx.page(reply, 400, 'Ask for more space', problem, { href: '/me#ask', text: 'Back' });
    try {
      await requests.file(request.mailUser!.mailboxId, { extraBytes: Math.round(gib * GiB), reason, until }, request.id);
    } catch (err) {
      if (err instanceof AppError && err.statusCode < 500) return ctx.page(reply, err.statusCode, 'Ask for more space', err.message.replace(/^body\.until /, 'Until: '), { href: '/me#ask', text: 'Back' });
      throw err;
    }
    return reply.redirect('/me?done=requested#ask', 303);
  });
};

export default spaceRoutes;
