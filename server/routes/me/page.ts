// GET /me: the signed-in user's mailbox page (services/my-mailbox.ts loads it, views/me-page.ts renders it).
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { loadMyMailbox } from '../../services/my-mailbox.ts';
import { renderMyMailboxPage } from '../../views/me-page.ts';
import type { MeContext } from './index.ts';

const NOTICES: Record<string, string> = { requested: 'Your request was sent to the help desk. You will get an email with their answer.' };

const pageRoutes: FastifyPluginAsync<{ ctx: MeContext }> = async (app, { ctx }) => {
  app.get('/me', {
    config: { access: { public: true }, mailUser: true },
    schema: {
      tags: ['me'],
      summary: 'The signed-in mail user\'s mailbox: usage, largest folders and messages, retention, what expires in 7 and 30 days, asking for space (HTML)',
      // Only which confirmation to show: no parameter names a mailbox (it comes from the session).
      querystring: Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) }),
    },
  }, async (request, reply) => {
    const now = new Date();
    const mine = await loadMyMailbox(app.prisma, app.mailboxReads, app.config.PUBLIC_BASE_URL, request.mailUser!.mailboxId, now);
    const done = (request.query as { done?: string }).done;
    return reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-store')
      .send(renderMyMailboxPage(mine, ctx.csrfOf(request), now, (done && NOTICES[done]) || null, Boolean(app.config.EXPORT_LINK_KEY)));
  });
};

export default pageRoutes;
