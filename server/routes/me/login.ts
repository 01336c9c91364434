// /me sign-in and sign-out. The password is checked by the IMAP server (services/mail-user-login.ts); failures are
// limited per (address, account) and, from addresses the account never signed in from, per address and per account
// (the staff login's model, routes/auth/login-limits.ts, in its own Redis namespace), and per IP by the route's
// @fastify/rate-limit budget. A wrong password and an unknown address get the same page after the same work.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { parseAddress } from '../../core/domain/guidance/address.ts';
import { BusyError, DependencyDownError } from '../../core/domain/errors.ts';
import { createMailUserLogin } from '../../services/mail-user-login.ts';
import { MAIL_USER_COOKIE } from '../../services/mail-user-sessions.ts';
import { renderLoginPage } from '../../views/me-login.ts';
import { createLoginLimits, TooManyLoginsError } from '../auth/login-limits.ts';
import type { MeContext } from './index.ts';

const tags = ['me'];
/** Per client IP, on top of the per-account model: far above a person's retries, far below guessing. */
const LOGIN_RATE_LIMIT = { max: 20, timeWindow: '1 minute' };
const REFUSED = 'Wrong email address or password.';

const LoginForm = Type.Object({
  email: Type.String({ maxLength: 300 }),
  password: Type.String({ maxLength: 1024 }),
});

const loginRoutes: FastifyPluginAsync<{ ctx: MeContext }> = async (app, { ctx }) => {
  const key = app.config.MAIL_LOGIN_KEY;
  const checker = key ? createMailUserLogin(app.prisma, app.mailboxReads, key, app.config.MAILBOX_READ_TIMEOUT_MS) : null;
  const limits = createLoginLimits(app.redis, `${app.config.QUEUE_PREFIX}:me`, app.log);
  const html = async (reply: import('fastify').FastifyReply, status: number, email?: string, error?: string) =>
    reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderLoginPage({ organisation: await ctx.organisation(), email, error }));
  const unavailable = 'Signing in with your mail password is not available here. Please ask your help desk.';

  app.get('/me/login', {
    config: { access: { public: true } },
    schema: { tags, summary: 'The /me sign-in form (HTML)' },
  }, async (request, reply) => {
    if (!checker) return ctx.page(reply, 404, 'Not available', unavailable); // not configured here: not a server fault
    if (request.mailUser) return reply.redirect('/me', 303);
    return html(reply, 200);
  });

  app.post('/me/login', {
    config: { access: { public: true }, rateLimit: LOGIN_RATE_LIMIT },
    schema: { tags, summary: 'Sign in with the mail address and password (checked by the IMAP server); sets the mw_me cookie', body: LoginForm },
  }, async (request, reply) => {
    if (!checker) return ctx.page(reply, 404, 'Not available', unavailable); // not configured here: not a server fault
    const body = request.body as { email: string; password: string };
    const typed = body.email.trim().slice(0, 254);
    const address = parseAddress(typed);
    if (!address || !body.password) return html(reply, 400, typed, address ? 'Please type your password.' : `"${typed}" is not an email address.`);

    let attempt;
    try {
      attempt = await limits.reserve(request.ip, address.address);
    } catch (err) {
      if (!(err instanceof TooManyLoginsError)) throw err;
      reply.header('retry-after', err.retryAfterSeconds);
      return html(reply, 429, typed, `Too many failed attempts. Please try again in ${err.retryAfterSeconds} seconds.`);
    }
    let refused = false;
    try {
      const mailboxId = await checker.check(address.address, body.password);
      if (mailboxId === null) {
        refused = true;
        return html(reply, 401, typed, REFUSED);
      }
      if (request.mailUserToken) await ctx.sessions.destroy(request.mailUserToken); // no session fixation
      const token = await ctx.sessions.create(mailboxId, { ip: request.ip, userAgent: request.headers['user-agent'] });
      await limits.remember(request.ip, address.address);
      await app.audit.record({ staff: null, id: request.id }, { action: 'self_service.login', entityType: 'mailbox', entityId: mailboxId, after: { ip: request.ip } });
      reply.setCookie(MAIL_USER_COOKIE, token, { ...ctx.cookie, maxAge: app.config.SELF_SERVICE_SESSION_MINUTES * 60 });
      return reply.redirect('/me', 303);
    } catch (err) {
      if (err instanceof BusyError || err instanceof DependencyDownError) {
        return html(reply, err.statusCode, typed, 'Your password cannot be checked at the moment. Please try again in a minute.');
      }
      throw err;
    } finally {
      if (!refused) await attempt.refund();
    }
  });

  app.post('/me/logout', {
    config: { access: { public: true }, mailUser: true },
    schema: { tags, summary: 'Sign out of /me (the session ends server-side)' },
  }, async (request, reply) => {
    await ctx.sessions.destroy(request.mailUserToken!);
    reply.clearCookie(MAIL_USER_COOKIE, ctx.cookie);
    return reply.redirect('/me/login', 303);
  });
};

export default loginRoutes;
