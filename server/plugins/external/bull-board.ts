// bull-board (Fastify adapter) over the queue registry, behind the console's session cookie:
//   /admin/queues           admin and ops: the full board (retry, clean, pause, …);
//   /admin/queues/readonly  every staff role: the same queues in bull-board's readOnlyMode (help desk looks, never acts).
// bull-board's routes carry no config.access (they are not under /api, so the app's rule does not apply to them):
// the onRequest hook below, scoped to the board's own routes, gates them on request.staff as resolved by the auth
// plugin. Its mutations send no X-CSRF-Token, so a cross-site request is refused by the SameSite=Strict cookie and
// by an Origin check here. Every mutation through the full board is audited.
// A browser that is refused (signed out, or help desk on the full board) gets a short HTML page saying where to go
// (board-pages.ts); API clients keep the JSON error. bull-board's page asks Google for its IBM Plex fonts, which
// the CSP (style-src 'self') refuses and which this service should not leak staff visits to: the same fonts are
// served from the @fontsource packages at /board-fonts/ and the page's link is pointed there.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { QUEUE_NAMES } from '../../core/queues/registry.ts';
import { ANY_STAFF, OPS, type Role } from '../../core/domain/roles.ts';
import { refusedPage, selfHostFonts, registerBoardFonts, wantsHtml } from './board-pages.ts';

export const BOARD_PATH = '/admin/queues';
export const READONLY_BOARD_PATH = `${BOARD_PATH}/readonly`;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function deny(request: FastifyRequest, reply: FastifyReply, statusCode: 401 | 403, message: string) {
  // Sent here rather than thrown: bull-board installs its own error handler in its scope, which would reshape it.
  if (wantsHtml(request)) return reply.code(statusCode).type('text/html; charset=utf-8').send(refusedPage(statusCode, request.staff?.role ?? null));
  return reply.code(statusCode).send({ statusCode, error: statusCode === 401 ? 'Unauthorized' : 'Forbidden', message, reqId: request.id });
}

function mountBoard(app: FastifyInstance, prefix: string, roles: readonly Role[], readOnly: boolean) {
  const serverAdapter = new FastifyAdapter();
  createBullBoard({
    queues: QUEUE_NAMES.map((name) => new BullMQAdapter(app.queues[name], { readOnlyMode: readOnly })),
    // @bull-board/fastify pins its own copy of @bull-board/api (a patch version apart): same shape, separate declarations.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: readOnly ? 'Mailwarden queues (read-only)' : 'Mailwarden queues' } },
  });
  serverAdapter.setBasePath(prefix);
  const allowedOrigins = new Set([new URL(app.config.PUBLIC_BASE_URL).origin, ...(app.config.CONSOLE_ORIGIN ? [app.config.CONSOLE_ORIGIN] : [])]);

  // Not fastify-plugin: the hooks stay inside this scope and apply to the board's routes only.
  return app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      if (!request.staff) return deny(request, reply, 401, 'Sign in to the console first');
      if (!roles.includes(request.staff.role)) return deny(request, reply, 403, `The queue board is for ${roles.join(' and ')} staff; use ${READONLY_BOARD_PATH}/`);
      if (SAFE_METHODS.has(request.method)) return;
      if (readOnly) return deny(request, reply, 403, 'This board is read-only');
      const origin = request.headers.origin;
      if (origin !== undefined && !allowedOrigins.has(origin)) return deny(request, reply, 403, 'Cross-origin request refused');
    });
    // onSend, not onResponse: the audit row exists before the caller hears that the action succeeded.
    scope.addHook('onSend', async (request, reply, payload) => {
      if (SAFE_METHODS.has(request.method)) return typeof payload === 'string' && String(reply.getHeader('content-type')).startsWith('text/html') ? selfHostFonts(payload) : payload;
      if (readOnly || reply.statusCode >= 400) return payload;
      const params = request.params as { queueName?: string; jobId?: string };
      await app.audit.record(request, {
        action: 'queue.board_action', entityType: 'queue', entityId: params.queueName ?? null,
        after: { method: request.method, path: request.routeOptions.url?.slice(prefix.length), jobId: params.jobId ?? null, status: reply.statusCode },
      }).catch((err: unknown) => request.log.error({ err }, 'audit of a bull-board action failed'));
      return payload;
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix });
  });
}

export default fp(
  async (app) => {
    await registerBoardFonts(app);
    await mountBoard(app, BOARD_PATH, OPS, false);
    await mountBoard(app, READONLY_BOARD_PATH, ANY_STAFF, true);
  },
  { name: 'bull-board', dependencies: ['queues', 'config', 'auth', 'audit'] },
);
