// /me: the mail user's own pages (#20), server-rendered HTML like /help: no script, works on a phone, nothing for a
// user to install or learn (react-admin is the staff console's tool, not theirs). Signed in with the mail password
// (login.ts); the signed-in mailbox comes from the session only: no /me route takes a mailbox id, address or login, so
// no parameter can point it at another mailbox. Forms carry the CSRF token as a hidden `_csrf` field (an HTML form
// cannot send the staff side's header); a POST with an Origin other than PUBLIC_BASE_URL's is refused as well.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import { createMailUserSessions, MAIL_USER_COOKIE, type MailUserIdentity, type MailUserSessions } from '../../services/mail-user-sessions.ts';
import { createMailSettingsRepository } from '../../core/repositories/mail-settings.ts';
import { messagePage } from '../../core/views/me-layout.ts';
import loginRoutes from './login.ts';
import pageRoutes from './page.ts';
import spaceRoutes from './space.ts';
import exportRoutes from './export.ts';

declare module 'fastify' {
  interface FastifyRequest {
    mailUser: MailUserIdentity | null;
    mailUserToken: string | null;
  }
  interface FastifyContextConfig {
    /** A /me route for a signed-in mail user only. */
    mailUser?: boolean;
  }
}

const CSS = readFileSync(new URL('../../views/me.css', import.meta.url), 'utf8');

export interface MeContext {
  sessions: MailUserSessions;
  cookie: { path: string; httpOnly: true; sameSite: 'strict'; secure: boolean };
  organisation(): Promise<string>;
  /** Sends a short HTML page with one message. */
  page(reply: FastifyReply, status: number, title: string, message: string, link?: { href: string; text: string } | null): Promise<FastifyReply>;
  csrfOf(request: FastifyRequest): string;
}

const meRoutes: FastifyPluginAsync = async (app) => {
  const { config } = app;
  const settings = createMailSettingsRepository(app.prisma);
  const ctx: MeContext = {
    sessions: createMailUserSessions(app.prisma, config.SESSION_SECRET, config.SELF_SERVICE_SESSION_MINUTES, config.SESSION_IDLE_MINUTES),
    cookie: { path: '/me', httpOnly: true, sameSite: 'strict', secure: config.PUBLIC_BASE_URL.startsWith('https:') },
    organisation: async () => (await settings.get()).organisationName,
    async page(reply, status, title, message, link = null) {
      return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(messagePage(await ctx.organisation(), title, message, link));
    },
    csrfOf: (request) => ctx.sessions.csrfToken(request.mailUserToken!),
  };
  const ownOrigin = new URL(config.PUBLIC_BASE_URL).origin;

  // Forms post urlencoded; parsed here only, for /me.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16_384 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  // helmet's no-referrer makes Chromium send `Origin: null` with a form POST; same-origin keeps the real origin on
  // our own forms (for the check below) and still sends nothing to other sites.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('referrer-policy', 'same-origin');
  });
  app.decorateRequest('mailUser', null);
  app.decorateRequest('mailUserToken', null);

  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'POST' && request.headers.origin && request.headers.origin !== ownOrigin) {
      return ctx.page(reply, 403, 'Refused', 'This form was sent from another site.');
    }
    const token = request.cookies[MAIL_USER_COOKIE];
    if (token) {
      const user = await ctx.sessions.resolve(token);
      if (user) {
        request.mailUser = user;
        request.mailUserToken = token;
      }
    }
    if (!request.routeOptions.config?.mailUser || request.mailUser) return;
    if (request.method === 'GET') return reply.redirect('/me/login', 303);
    return ctx.page(reply, 401, 'Signed out', 'Your session has ended. Please sign in again.', { href: '/me/login', text: 'Sign in' });
  });
  // After the body is parsed: a signed-in POST must carry its session's CSRF token.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || !request.routeOptions.config?.mailUser) return;
    const presented = (request.body as Record<string, unknown> | undefined)?._csrf;
    if (!ctx.sessions.csrfMatches(request.mailUserToken!, presented)) {
      return ctx.page(reply, 403, 'Refused', 'This form has expired. Please go back, reload the page and try again.', { href: '/me', text: 'Your mailbox' });
    }
  });

  app.get('/me/me.css', {
    config: { access: { public: true } },
    schema: { tags: ['me'], summary: 'Stylesheet of the /me pages' },
  }, async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS));

  await app.register(loginRoutes, { ctx });
  await app.register(pageRoutes, { ctx });
  await app.register(spaceRoutes, { ctx });
  await app.register(exportRoutes, { ctx });
};

export default meRoutes;
