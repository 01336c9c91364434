// Authentication and authorization for every route. Each /api route must declare `config.access`
// ({ public: true } or { roles: [...] }): a route without a rule makes the app refuse to start,
// so nothing is ever exposed by omission. Cookie-authenticated mutations need the CSRF header.
import fp from 'fastify-plugin';
import { ForbiddenError, UnauthorizedError } from '../../core/domain/errors.ts';
import { mfaRequiredRoles as requiredRoles, type AccessRule } from '../../core/domain/roles.ts';
import { createSessionStore, SESSION_COOKIE, type ResolvedSession, type SessionStore, type StaffIdentity } from './sessions.ts';
import { createSessionCacheLink } from './session-cache.ts';

declare module 'fastify' {
  interface FastifyInstance {
    sessions: SessionStore;
    /** Method + URL + rule of every route, for the authorization matrix test and docs. */
    accessTable: { method: string; url: string; access: AccessRule | undefined }[];
  }
  interface FastifyRequest {
    staff: StaffIdentity | null;
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    access?: AccessRule;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

export default fp(
  async (app) => {
    const cacheLink = createSessionCacheLink<ResolvedSession>({
      ttlMs: app.config.SESSION_CACHE_SECONDS * 1000, redisUrl: app.config.REDIS_URL, publisher: app.redis, queuePrefix: app.config.QUEUE_PREFIX, log: app.log,
    });
    app.addHook('onClose', async () => cacheLink.close());
    const sessions = createSessionStore(app.prisma, app.config.SESSION_SECRET, app.config.SESSION_TTL_HOURS, app.config.SESSION_IDLE_MINUTES, cacheLink);
    app.decorate('sessions', sessions);
    const mfaRequiredRoles = requiredRoles(app.config.MFA_REQUIRED_ROLES);
    app.decorate('accessTable', []);
    app.decorateRequest('staff', null);
    app.decorateRequest('sessionToken', null);

    app.addHook('onRoute', (route) => {
      const access = route.config?.access;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) app.accessTable.push({ method, url: route.url, access });
      if (route.url.startsWith('/api/') && !access && !methods.every((m) => m === 'HEAD')) {
        throw new Error(`Route ${methods.join(',')} ${route.url} declares no access rule (config.access)`);
      }
    });

    // Access is checked in onRequest, before the body is parsed or validated: an anonymous caller
    // learns nothing about a route's schema, and no handler work is done for them.
    app.addHook('onRequest', async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        const staff = await sessions.resolve(token);
        if (staff) {
          request.staff = staff;
          request.sessionToken = token;
        }
      }
      const access = request.routeOptions.config?.access;
      if (!access || 'public' in access) return;
      if (!request.staff) throw new UnauthorizedError();
      if (!access.roles.includes(request.staff.role)) throw new ForbiddenError();
      if (!access.beforeMfaEnrolment && !request.staff.mfaEnabled && mfaRequiredRoles.includes(request.staff.role)) {
        throw new ForbiddenError('Set up MFA first: your role requires it (POST /api/auth/mfa/enrol)');
      }
      if (!SAFE_METHODS.has(request.method)) {
        const presented = request.headers[CSRF_HEADER];
        if (!sessions.csrfMatches(request.sessionToken!, typeof presented === 'string' ? presented : undefined)) {
          throw new ForbiddenError('Missing or invalid CSRF token (send the X-CSRF-Token header)');
        }
      }
    });
  },
  { name: 'auth', dependencies: ['prisma', 'redis', 'config'] },
);
