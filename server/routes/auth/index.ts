// Staff login/logout/me. With MFA set up, login has two steps: a right password answers only `{ mfaRequired: true }`
// with a short-lived session that grants nothing but the code step (mfa.ts); the account's details come after the code.
// Failed logins are limited per (account, address), and addresses the account never logged in
// from also per address and per account (login-limits.ts explains the model). A new session token is issued on every
// login (any session presented with the request is destroyed first: no session fixation).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema } from '../../schemas/common.ts';
import { LoginSchema, MeSchema, MfaChallengeSchema, SessionsEndedSchema } from '../../schemas/staff.ts';
import { ANY_STAFF } from '../../core/domain/roles.ts';
import { UnauthorizedError } from '../../core/domain/errors.ts';
import { createStaffRepository } from '../../core/repositories/staff.ts';
import { verifyPassword } from '../../core/lib/passwords.ts';
import { SESSION_COOKIE } from '../../plugins/app/sessions.ts';
import { createLoginLimits, TooManyLoginsError } from './login-limits.ts';
import { createLoginCompletion } from './login-completion.ts';
import mfaRoutes from './mfa.ts';

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const staff = createStaffRepository(app.prisma);
  const secure = app.config.PUBLIC_BASE_URL.startsWith('https:');
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure };
  const limits = createLoginLimits(app.redis, app.config.QUEUE_PREFIX, app.log);
  const completion = createLoginCompletion(app, limits, cookieOptions);
  await app.register(mfaRoutes, { prefix: '/mfa', completion, cookieOptions });

  app.post('/login', {
    config: { access: { public: true } },
    schema: {
      tags: ['auth'],
      summary: 'Log in with email and password; sets the session cookie',
      body: LoginSchema,
      response: { 200: Type.Union([MeSchema, MfaChallengeSchema]), 400: ErrorSchema, 401: ErrorSchema, 429: ErrorSchema },
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

      if (user.mfaSecret) {
        // The address becomes known, the login counted and audited, only after the code (mfa.ts).
        if (request.sessionToken) await app.sessions.destroy(request.sessionToken);
        const pending = await app.sessions.create(user.id, { ip: request.ip, userAgent: request.headers['user-agent'] }, { mfaPending: true });
        reply.setCookie(SESSION_COOKIE, pending, { ...cookieOptions, maxAge: 5 * 60 });
        return { mfaRequired: true as const };
      }
      return await completion.finish(request, reply, user);
    } finally {
      if (!refused) await attempt.refund();
    }
  });

  app.post('/logout', {
    config: { access: { roles: ANY_STAFF, beforeMfaEnrolment: true } },
    schema: { tags: ['auth'], summary: 'End the session (server-side)', response: { 204: Type.Null(), 401: ErrorSchema, 403: ErrorSchema } },
  }, async (request, reply) => {
    await app.sessions.destroy(request.sessionToken!);
    await app.audit.record(request, { action: 'staff.logout', entityType: 'staff', entityId: request.staff!.id });
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.code(204).send(null);
  });

  app.post('/logout-everywhere', {
    config: { access: { roles: ANY_STAFF, beforeMfaEnrolment: true } },
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
    config: { access: { roles: ANY_STAFF, beforeMfaEnrolment: true } },
    schema: { tags: ['auth'], summary: 'The logged-in staff member and the CSRF token for mutations', response: { 200: MeSchema, 401: ErrorSchema } },
  }, async (request) => {
    return completion.me(request.staff!, request.sessionToken!);
  });
};

export default authRoutes;
