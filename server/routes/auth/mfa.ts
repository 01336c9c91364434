// Staff MFA (TOTP, RFC 6238): the code step of a login, enrolment, recovery codes. The TOTP secret is shown only
// while enrolling; afterwards no response, log or audit event carries it (services/staff-mfa.ts keeps it encrypted).
// An admin resets another staff member's MFA at DELETE /api/staff/:id/mfa.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema, authErrors } from '../../schemas/common.ts';
import { MeSchema, MfaCodeSchema, MfaEnrolmentSchema, MfaStatusSchema, RecoveryCodesSchema } from '../../schemas/staff.ts';
import { ANY_STAFF, mfaRequiredRoles } from '../../core/domain/roles.ts';
import { UnauthorizedError } from '../../core/domain/errors.ts';
import { createSecretBox } from '../../core/lib/mfa-crypto.ts';
import { SESSION_COOKIE } from '../../plugins/app/sessions.ts';
import { createStaffMfa, TooManyCodesError } from '../../services/staff-mfa.ts';
import { createStaffRepository } from '../../core/repositories/staff.ts';
import type { createLoginCompletion, CookieOptions } from './login-completion.ts';

interface Options { completion: ReturnType<typeof createLoginCompletion>; cookieOptions: CookieOptions }

const mfaRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { completion, cookieOptions }) => {
  const box = createSecretBox(app.config.MFA_SECRET_KEY ?? app.config.SESSION_SECRET);
  const mfa = createStaffMfa(app.prisma, app.redis, box, app.config.QUEUE_PREFIX);
  const staffUsers = createStaffRepository(app.prisma);
  const required = mfaRequiredRoles(app.config.MFA_REQUIRED_ROLES);
  const tags = ['auth'];
  // Enrolment is open before MFA is set up, also to a role that must have it.
  const enrolAccess = { roles: ANY_STAFF, beforeMfaEnrolment: true as const };
  const withRetryAfter = (reply: { header(k: string, v: number): unknown }) => (err: unknown) => {
    if (err instanceof TooManyCodesError) reply.header('retry-after', err.retryAfterSeconds);
    throw err;
  };

  app.post('/verify', {
    // The session presented is a pending one (password step done), which the access check does not admit.
    config: { access: { public: true } },
    schema: {
      tags, summary: 'Second login step: a TOTP code or a recovery code; sets the full session cookie',
      body: MfaCodeSchema, response: { 200: MeSchema, 400: ErrorSchema, 401: ErrorSchema, 429: ErrorSchema, 503: ErrorSchema },
    },
  }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    const staffId = token ? await app.sessions.resolvePending(token) : null;
    if (!staffId) throw new UnauthorizedError('No sign-in is waiting for a code: enter your password again');
    const { ok, recoveryCodeUsed } = await mfa.verify(staffId, request.body.code).catch(withRetryAfter(reply));
    const user = await staffUsers.findForLoginById(staffId);
    if (!user) throw new UnauthorizedError('No sign-in is waiting for a code: enter your password again'); // deleted since the password step
    if (!ok) {
      await app.audit.record({ staff: user, id: request.id }, { action: 'staff.mfa-failed', entityType: 'staff', entityId: staffId });
      throw new UnauthorizedError('Invalid code');
    }
    await app.sessions.destroy(token!);
    reply.setCookie(SESSION_COOKIE, '', { ...cookieOptions, maxAge: 0 });
    return completion.finish(request, reply, user, { mfa: recoveryCodeUsed ? 'recovery-code' : 'totp' });
  });

  app.get('/', {
    config: { access: enrolAccess },
    schema: { tags, summary: 'MFA state of the logged-in staff member', response: { 200: MfaStatusSchema, ...authErrors } },
  }, async (request) => {
    const { id, role, mfaEnabled } = request.staff!;
    return { enabled: mfaEnabled, enrolmentRequired: !mfaEnabled && required.includes(role), recoveryCodesLeft: await mfa.recoveryCodesLeft(id) };
  });

  app.post('/enrol', {
    config: { access: enrolAccess },
    schema: {
      tags, summary: 'Start MFA enrolment: a new TOTP secret (otpauth URI and QR code), to confirm with a code',
      response: { 200: MfaEnrolmentSchema, 409: ErrorSchema, ...authErrors },
    },
  }, async (request) => {
    const enrolment = await mfa.startEnrolment(request.staff!);
    await app.audit.record(request, { action: 'staff.mfa-enrol-start', entityType: 'staff', entityId: request.staff!.id });
    return enrolment;
  });

  app.post('/enrol/confirm', {
    config: { access: enrolAccess },
    schema: {
      tags, summary: 'Confirm MFA enrolment with the current code: MFA is on; answers the recovery codes (shown once)',
      body: MfaCodeSchema, response: { 200: RecoveryCodesSchema, 409: ErrorSchema, 429: ErrorSchema, 503: ErrorSchema, ...authErrors },
    },
  }, async (request, reply) => {
    const staff = request.staff!;
    const recoveryCodes = await mfa.confirmEnrolment(staff.id, request.body.code).catch(withRetryAfter(reply));
    // Sessions opened with the password alone end; this one has just proved the second factor.
    await app.sessions.destroyOthersOf(staff.id, staff.sessionId);
    await app.audit.record(request, { action: 'staff.mfa-enrol', entityType: 'staff', entityId: staff.id });
    return { recoveryCodes };
  });

  app.post('/recovery-codes', {
    config: { access: { roles: ANY_STAFF } },
    schema: {
      tags, summary: 'New recovery codes (the old ones stop working), confirmed with a current TOTP code',
      body: MfaCodeSchema, response: { 200: RecoveryCodesSchema, 409: ErrorSchema, 429: ErrorSchema, 503: ErrorSchema, ...authErrors },
    },
  }, async (request, reply) => {
    const recoveryCodes = await mfa.regenerateRecoveryCodes(request.staff!.id, request.body.code).catch(withRetryAfter(reply));
    await app.audit.record(request, { action: 'staff.mfa-recovery-codes', entityType: 'staff', entityId: request.staff!.id });
    return { recoveryCodes };
  });
};

export default mfaRoutes;
