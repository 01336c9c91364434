// The end of a login, shared by the password step (accounts without MFA) and the MFA code step: a fresh full session,
// the address remembered as known (login-limits.ts), last login and the audit event, the cookie, and the answer.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mfaRequiredRoles, type Role } from '../../core/domain/roles.ts';
import { SESSION_COOKIE } from '../../plugins/app/sessions.ts';
import { createStaffRepository } from '../../core/repositories/staff.ts';
import type { createLoginLimits } from './login-limits.ts';

interface StaffRow { id: number; email: string; name: string; role: Role; mfaSecret: string | null; canViewMessageMetadata: boolean }
export interface CookieOptions { path: string; httpOnly: boolean; sameSite: 'strict'; secure: boolean }

export function createLoginCompletion(app: FastifyInstance, limits: ReturnType<typeof createLoginLimits>, cookieOptions: CookieOptions) {
  const staff = createStaffRepository(app.prisma);
  const required = mfaRequiredRoles(app.config.MFA_REQUIRED_ROLES);

  /** What GET /api/auth/me and a completed login answer. */
  function me(user: { id: number; email: string; name: string; role: Role; mfaEnabled: boolean; canViewMessageMetadata: boolean }, token: string) {
    const { id, email, name, role, mfaEnabled, canViewMessageMetadata } = user;
    return {
      id, email, name, role, mfaEnabled, canViewMessageMetadata,
      mfaEnrolmentRequired: !mfaEnabled && required.includes(role),
      csrfToken: app.sessions.csrfToken(token),
    };
  }

  async function finish(request: FastifyRequest, reply: FastifyReply, user: StaffRow, extra: { mfa?: 'totp' | 'recovery-code' } = {}) {
    if (request.sessionToken) await app.sessions.destroy(request.sessionToken);
    const token = await app.sessions.create(user.id, { ip: request.ip, userAgent: request.headers['user-agent'] });
    await staff.touchLogin(user.id);
    await limits.remember(request.ip, user.email);
    await app.audit.record({ staff: user, id: request.id }, {
      action: 'staff.login', entityType: 'staff', entityId: user.id, ...(extra.mfa ? { after: { mfa: extra.mfa } } : {}),
    });
    reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: app.config.SESSION_TTL_HOURS * 3600 });
    const canViewMessageMetadata = user.role === 'admin' || user.canViewMessageMetadata;
    return me({ ...user, mfaEnabled: user.mfaSecret !== null, canViewMessageMetadata }, token);
  }

  return { me, finish };
}
