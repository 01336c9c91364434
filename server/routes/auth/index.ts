// Staff login/logout/me. Failed logins are limited per (account, address), and addresses the account never logged in
// from also per address and per account (login-limits.ts explains the model). A new session token is issued on every
// login (any session presented with the request is destroyed first: no session fixation).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema } from '../../schemas/common.ts';
import { LoginSchema, MeSchema, SessionsEndedSchema } from '../../schemas/staff.ts';
import { ANY_STAFF } from '../../domain/roles.ts';
import { UnauthorizedError } from '../../domain/errors.ts';
import { createStaffRepository } from '../../repositories/staff.ts';
import { verifyPassword } from '../../lib/passwords.ts';
import { SESSION_COOKIE } from '../../plugins/app/sessions.ts';
import { createLoginLimits, TooManyLoginsError } from './login-limits.ts';

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const staff = createStaffRepository(app.prisma);
  const secure = app.config.PUBLIC_BASE_URL.startsWith('https:');
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure };
  const limits = createLoginLimits(app.redis, app.config.QUEUE_PREFIX, app.log);

  app.post('/login', {
    config: { access: { public: true } },
    schema: {
      tags: ['auth'],
      summary: 'Log in with email and password; sets the session cookie',
      body: LoginSchema,
      response: { 200: MeSchema, 400: ErrorSchema, 401: ErrorSchema, 429: ErrorSchema },
    },
  }, async (request, reply) => {
    // request.ip is the peer address: the app does not trust X-Forwarded-For (trustProxy: false in app.ts).
    const attempt = await limits.reserve(request.ip, request.body.email).catch((err: unknown) => {
      if (err instanceof TooManyLoginsError) reply.header('retry-after', err.retryAfterSeconds);
      throw err;
    });
    let refused = false;
    try {
      const user = await staff.findForLogin(request.body.email);
      const ok = await verifyPassword(user?.active ? user.passwordHash : null, request.body.password);
      if (!user || !ok) {
        refused = true;
        throw new UnauthorizedError('Invalid email or password');
      }

      if (request.sessionToken) await app.sessions.destroy(request.sessionToken);
      const token = await app.sessions.create(user.id, { ip: request.ip, userAgent: request.headers['user-agent'] });
      await staff.touchLogin(user.id);
      await limits.remember(request.ip, request.body.email);
      await app.audit.record({ staff: user, id: request.id }, { action: 'staff.login', entityType: 'staff', entityId: user.id });
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: app.config.SESSION_TTL_HOURS * 3600 });
      return { id: user.id, email: user.email, name: user.name, role: user.role, csrfToken: app.sessions.csrfToken(token) };
    } finally {
      if (!refused) await attempt.refund();
    }
  });

  app.post('/logout', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags: ['auth'], summary: 'End the session (server-side)', response: { 204: Type.Null(), 401: ErrorSchema, 403: ErrorSchema } },
  }, async (request, reply) => {
    await app.sessions.destroy(request.sessionToken!);
    await app.audit.record(request, { action: 'staff.logout', entityType: 'staff', entityId: request.staff!.id });
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.code(204).send(null);
  });

  app.post('/logout-everywhere', {
    config: { access: { roles: ANY_STAFF } },
    schema: {
      tags: ['auth'],
      summary: 'Sign out everywhere: end every session of the logged-in staff member, this one included',
      response: { 200: SessionsEndedSchema, 401: ErrorSchema, 403: ErrorSchema },
    },
  }, async (request, reply) => {
    const ended = await app.sessions.destroyAllFor(request.staff!.id);
    await app.audit.record(request, { action: 'staff.logout-everywhere', entityType: 'staff', entityId: request.staff!.id, after: { ended } });
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return { ended };
  });

  app.get('/me', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags: ['auth'], summary: 'The logged-in staff member and the CSRF token for mutations', response: { 200: MeSchema, 401: ErrorSchema } },
  }, async (request) => {
    const { id, email, name, role } = request.staff!;
    return { id, email, name, role, csrfToken: app.sessions.csrfToken(request.sessionToken!) };
  });
};

export default authRoutes;
