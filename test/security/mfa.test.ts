// Staff MFA through the real API (PostgreSQL, Redis): enrolment, two-step login, replay, recovery codes, the code
// limit, the per-role requirement, admin reset, and the secret kept out of responses and stored only encrypted.
// Codes are computed from the enrolment secret as an authenticator app would (RFC 6238).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createStaff, login, startTestApp, STAFF_PASSWORD, type Session } from '../harness/app.ts';
import { totpCode } from '../../server/core/domain/totp.ts';
import { buildApp, loggerOptions } from '../../server/app.ts';
import { Writable } from 'node:stream';
import { TEST_DATABASE_URL, testConfig } from '../harness/env.ts';
import { execFile } from 'node:child_process';

let app: FastifyInstance;
let redisPrefix: string;
const secrets = new Map<string, string>();

beforeAll(async () => {
  const started = await startTestApp({ MFA_REQUIRED_ROLES: 'admin' });
  app = started.app;
  redisPrefix = started.config.QUEUE_PREFIX;
  await createStaff(app, 'admin');
  await createStaff(app, 'admin', 'admin2@example.test');
  await createStaff(app, 'helpdesk');
  await createStaff(app, 'ops');
});
afterAll(() => app?.close());

const cookieOf = (res: LightMyRequestResponse) => `mw_session=${res.cookies.find((c) => c.name === 'mw_session')!.value}`;
const passwordStep = (email: string) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: STAFF_PASSWORD } });
const codeStep = (cookie: string, code: string) => app.inject({ method: 'POST', url: '/api/auth/mfa/verify', payload: { code }, headers: { cookie } });
/** Lets the current code be used again (each code is accepted once): for cases that are not about replay. */
const forgetLastCode = (email: string) => app.prisma.staffUser.update({ where: { email }, data: { mfaLastStep: null } });

async function enrol(session: Session): Promise<{ secret: string; recoveryCodes: string[] }> {
  const start = await as(app, session, { method: 'POST', url: '/api/auth/mfa/enrol' });
  expect(start.statusCode).toBe(200);
  const { secret, otpauthUri, qrCodeDataUrl } = start.json();
  expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Mailwarden:.+\?.*secret=[A-Z2-7]+/);
  expect(new URL(otpauthUri).searchParams.get('secret')).toBe(secret);
  expect(qrCodeDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
  expect(Buffer.from(qrCodeDataUrl.split(',')[1], 'base64').toString()).toContain('<svg');
  const confirm = await as(app, session, { method: 'POST', url: '/api/auth/mfa/enrol/confirm', payload: { code: totpCode(secret) } });
  expect(confirm.statusCode).toBe(200);
  secrets.set(session.email, secret);
  return { secret, recoveryCodes: confirm.json().recoveryCodes };
}

async function fullLogin(email: string): Promise<Session> {
  await forgetLastCode(email);
  const first = await passwordStep(email);
  expect(first.json()).toEqual({ mfaRequired: true });
  const second = await codeStep(cookieOf(first), totpCode(secrets.get(email)!));
  expect(second.statusCode).toBe(200);
  return { cookie: cookieOf(second), csrf: second.json().csrfToken, email };
}

describe('a role that requires MFA (MFA_REQUIRED_ROLES=admin)', () => {
  it('can do nothing but enrol until MFA is set up; other roles are not held', async () => {
    const admin = await login(app, 'admin@example.test');
    expect(admin).toBeTruthy();
    const me = await as(app, admin, { method: 'GET', url: '/api/auth/me' });
    expect(me.json()).toMatchObject({ mfaEnabled: false, mfaEnrolmentRequired: true });
    const blocked = await as(app, admin, { method: 'GET', url: '/api/mailboxes' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().message).toMatch(/MFA/);
    expect((await as(app, admin, { method: 'GET', url: '/api/staff' })).statusCode).toBe(403);
    expect((await as(app, admin, { method: 'GET', url: '/api/auth/mfa' })).json()).toEqual({ enabled: false, enrolmentRequired: true, recoveryCodesLeft: 0 });

    const helpdesk = await login(app, 'helpdesk@example.test');
    expect((await as(app, helpdesk, { method: 'GET', url: '/api/mailboxes' })).statusCode).toBe(200);
  });
});

describe('enrolment', () => {
  it('refuses a wrong code naming the field, then turns MFA on with the current code and returns 10 recovery codes', async () => {
    const admin = await login(app, 'admin@example.test');
    const start = await as(app, admin, { method: 'POST', url: '/api/auth/mfa/enrol' });
    const wrong = await as(app, admin, { method: 'POST', url: '/api/auth/mfa/enrol/confirm', payload: { code: totpCode(start.json().secret) === '000000' ? '111111' : '000000' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toMatch(/body\.code/);

    const other = await login(app, 'admin@example.test'); // a second session, opened with the password alone
    const { recoveryCodes } = await enrol(admin);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);

    expect((await as(app, admin, { method: 'GET', url: '/api/mailboxes' })).statusCode).toBe(200);
    expect((await as(app, other, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401); // ended by the enrolment
    expect((await as(app, admin, { method: 'POST', url: '/api/auth/mfa/enrol' })).statusCode).toBe(409);
    const events = await app.prisma.auditEvent.findMany({ where: { action: { startsWith: 'staff.mfa-enrol' } } });
    expect(events.map((e) => e.action).sort()).toEqual(['staff.mfa-enrol', 'staff.mfa-enrol-start', 'staff.mfa-enrol-start']);
  });

  it('stores the secret only encrypted and the recovery codes only hashed; no later response or audit event carries either', async () => {
    const secret = secrets.get('admin@example.test')!;
    const row = await app.prisma.staffUser.findUniqueOrThrow({ where: { email: 'admin@example.test' }, include: { recoveryCodes: true } });
    expect(row.mfaSecret).toMatch(/^v1\./);
    expect(row.mfaSecret).not.toContain(secret);
    expect(row.mfaPendingSecret).toBeNull();
    for (const { codeHash } of row.recoveryCodes) expect(codeHash).toMatch(/^\$argon2id\$/);

    const admin = await fullLogin('admin@example.test');
    const bodies = await Promise.all(['/api/auth/me', '/api/auth/mfa', '/api/staff', `/api/staff/${row.id}`, '/api/audit-events?range=[0,99]']
      .map(async (url) => (await as(app, admin, { method: 'GET', url })).body));
    for (const body of bodies) {
      expect(body).not.toContain(secret);
      expect(body).not.toContain(row.mfaSecret!);
    }
    const audit = JSON.stringify(await app.prisma.auditEvent.findMany({ select: { before: true, after: true } }));
    expect(audit).not.toContain(secret);
  });
});

describe('login with MFA', () => {
  it('answers a right password with the code step only: no account details, and the pending session opens nothing', async () => {
    const first = await passwordStep('admin@example.test');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ mfaRequired: true });
    const pending = cookieOf(first);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: pending } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/mailboxes', headers: { cookie: pending } })).statusCode).toBe(401);
    // A wrong password is refused as before, with no code step.
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@example.test', password: 'not the password' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.cookies.find((c) => c.name === 'mw_session')).toBeUndefined();
  });

  it('completes with the current code, records the login, and accepts each code once', async () => {
    await forgetLastCode('admin@example.test');
    const code = totpCode(secrets.get('admin@example.test')!);
    const first = await passwordStep('admin@example.test');
    const done = await codeStep(cookieOf(first), code);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ email: 'admin@example.test', role: 'admin', mfaEnabled: true, mfaEnrolmentRequired: false });
    const session = { cookie: cookieOf(done), csrf: done.json().csrfToken, email: 'admin@example.test' };
    expect((await as(app, session, { method: 'GET', url: '/api/mailboxes' })).statusCode).toBe(200);
    expect((await app.prisma.session.findMany({ where: { staff: { email: 'admin@example.test' }, mfaPending: true } }))).toHaveLength(1); // only the first test's, unused

    const again = await passwordStep('admin@example.test');
    const replay = await codeStep(cookieOf(again), code);
    expect(replay.statusCode).toBe(401);
    const login = await app.prisma.auditEvent.findFirst({ where: { action: 'staff.login', actorEmail: 'admin@example.test' }, orderBy: { id: 'desc' } });
    expect(login?.after).toEqual({ mfa: 'totp' });
    expect(await app.prisma.auditEvent.count({ where: { action: 'staff.mfa-failed' } })).toBeGreaterThan(0);
  });

  it('takes a recovery code once, in any case and with or without the dash', async () => {
    const { recoveryCodes } = await enrol(await login(app, 'ops@example.test'));
    const first = await passwordStep('ops@example.test');
    const used = await codeStep(cookieOf(first), recoveryCodes[3].toUpperCase().replace('-', ''));
    expect(used.statusCode).toBe(200);
    const session = { cookie: cookieOf(used), csrf: used.json().csrfToken, email: 'ops@example.test' };
    expect((await as(app, session, { method: 'GET', url: '/api/auth/mfa' })).json()).toMatchObject({ enabled: true, recoveryCodesLeft: 9 });
    const again = await codeStep(cookieOf(await passwordStep('ops@example.test')), recoveryCodes[3]);
    expect(again.statusCode).toBe(401);
  });

  it('refuses a code after the pending session expired', async () => {
    const first = await passwordStep('ops@example.test');
    await app.prisma.session.updateMany({ where: { mfaPending: true, staff: { email: 'ops@example.test' } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await forgetLastCode('ops@example.test');
    expect((await codeStep(cookieOf(first), totpCode(secrets.get('ops@example.test')!))).statusCode).toBe(401);
  });

  it('limits wrong codes: the 11th attempt within 15 minutes is refused with 429, even with the right code', async () => {
    const secret = secrets.get('ops@example.test')!;
    const wrongCode = totpCode(secret) === '123456' ? '654321' : '123456';
    const cookie = cookieOf(await passwordStep('ops@example.test'));
    const { id } = await app.prisma.staffUser.findUniqueOrThrow({ where: { email: 'ops@example.test' } });
    await app.redis.del(`${redisPrefix}:rl:mfa:${id}`); // the reused recovery code above counted one already
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await codeStep(cookie, wrongCode)).statusCode);
    expect(statuses).toEqual(Array(10).fill(401));
    await forgetLastCode('ops@example.test');
    const limited = await codeStep(cookie, totpCode(secret));
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('admin reset', () => {
  it('is admin only, audited, ends the staff member\'s sessions and brings back the one-step login', async () => {
    const opsRow = await app.prisma.staffUser.findUniqueOrThrow({ where: { email: 'ops@example.test' } });
    const helpdesk = await login(app, 'helpdesk@example.test');
    expect((await as(app, helpdesk, { method: 'DELETE', url: `/api/staff/${opsRow.id}/mfa` })).statusCode).toBe(403);

    const admin2 = await enrol(await login(app, 'admin2@example.test')).then(() => fullLogin('admin2@example.test'));
    const reset = await as(app, admin2, { method: 'DELETE', url: `/api/staff/${opsRow.id}/mfa` });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ id: opsRow.id, mfaEnabledAt: null });
    expect(await app.prisma.session.count({ where: { staffId: opsRow.id } })).toBe(0);
    expect(await app.prisma.staffRecoveryCode.count({ where: { staffId: opsRow.id } })).toBe(0);
    const event = await app.prisma.auditEvent.findFirst({ where: { action: 'staff.mfa-reset' } });
    expect(event).toMatchObject({ actorEmail: 'admin2@example.test', entityId: String(opsRow.id) });
    expect(event?.after).toMatchObject({ wasEnabled: true });
    // The reset also clears the code limit spent above; ops is not an MFA-required role, so login is one step again.
    const again = await passwordStep('ops@example.test');
    expect(again.json()).toMatchObject({ email: 'ops@example.test', mfaEnabled: false, mfaEnrolmentRequired: false });
  });
});

describe('the last admin locked out', () => {
  it('npm run create-admin --reset-mfa turns the account\'s MFA off (audited); it enrols again at the next sign-in', async () => {
    const before = await app.prisma.staffUser.findUniqueOrThrow({ where: { email: 'admin2@example.test' } });
    expect(before.mfaSecret).not.toBeNull();
    await new Promise<void>((resolve, reject) => {
      const child = execFile('npx', ['tsx', 'scripts/create-admin.ts', '--email', 'admin2@example.test', '--reset-mfa'], {
        env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL, LOG_LEVEL: 'silent' },
        timeout: 60_000,
      }, (err, _stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve()));
      child.stdin!.end(`${STAFF_PASSWORD}\n`);
    });
    const after = await app.prisma.staffUser.findUniqueOrThrow({ where: { email: 'admin2@example.test' } });
    expect([after.mfaSecret, after.mfaEnabledAt]).toEqual([null, null]);
    expect(await app.prisma.staffRecoveryCode.count({ where: { staffId: after.id } })).toBe(0);
    expect(await app.prisma.auditEvent.findFirst({ where: { action: 'staff.mfa-reset', entityId: String(after.id), actorType: 'system' } })).not.toBeNull();
    expect((await passwordStep('admin2@example.test')).json()).toMatchObject({ mfaEnabled: false, mfaEnrolmentRequired: true });
  }, 90_000);
});

describe('logs', () => {
  it('carry neither the TOTP secret (plain or sealed) nor a recovery code, at trace level, through enrolment and both kinds of sign-in', async () => {
    const lines: string[] = [];
    const capture = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const config = testConfig({ MFA_REQUIRED_ROLES: 'admin', LOG_LEVEL: 'trace' });
    const logged = await buildApp(config, { logger: { ...(loggerOptions(config) as object), stream: capture } } as never);
    try {
      await createStaff(logged, 'helpdesk', 'logged@example.test');
      const first = await logged.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'logged@example.test', password: STAFF_PASSWORD } });
      const session = { cookie: cookieOf(first), csrf: first.json().csrfToken };
      const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf };
      const { secret } = (await logged.inject({ method: 'POST', url: '/api/auth/mfa/enrol', headers })).json();
      const { recoveryCodes } = (await logged.inject({ method: 'POST', url: '/api/auth/mfa/enrol/confirm', headers, payload: { code: totpCode(secret) } })).json();
      await forgetLastCode('logged@example.test');
      const withCode = await logged.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'logged@example.test', password: STAFF_PASSWORD } });
      expect((await logged.inject({ method: 'POST', url: '/api/auth/mfa/verify', headers: { cookie: cookieOf(withCode) }, payload: { code: totpCode(secret) } })).statusCode).toBe(200);
      const withRecovery = await logged.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'logged@example.test', password: STAFF_PASSWORD } });
      expect((await logged.inject({ method: 'POST', url: '/api/auth/mfa/verify', headers: { cookie: cookieOf(withRecovery) }, payload: { code: recoveryCodes[0] } })).statusCode).toBe(200);

      const { mfaSecret } = await logged.prisma.staffUser.findUniqueOrThrow({ where: { email: 'logged@example.test' } });
      const log = lines.join('');
      expect(log).toContain('/api/auth/mfa/verify'); // trace-level request logs were captured
      for (const needle of [secret, mfaSecret!, ...recoveryCodes, ...recoveryCodes.map((c: string) => c.replace('-', ''))]) expect(log).not.toContain(needle);
    } finally {
      await logged.close();
    }
  });
});

describe('configuration', () => {
  it('keeps secrets unreadable under another key: MFA_SECRET_KEY (or SESSION_SECRET) is the key', async () => {
    const other = await buildApp(testConfig({ MFA_REQUIRED_ROLES: 'admin', MFA_SECRET_KEY: 'another-key-another-key-another-key-0123' }));
    try {
      await forgetLastCode('admin@example.test');
      const first = await other.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@example.test', password: STAFF_PASSWORD } });
      const second = await other.inject({ method: 'POST', url: '/api/auth/mfa/verify', payload: { code: totpCode(secrets.get('admin@example.test')!) }, headers: { cookie: cookieOf(first) } });
      expect(second.statusCode).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('refuses a malformed MFA_REQUIRED_ROLES naming the setting', async () => {
    expect(() => testConfig({ MFA_REQUIRED_ROLES: 'admin,root' })).toThrow(/MFA_REQUIRED_ROLES/);
    expect(() => testConfig({ MFA_REQUIRED_ROLES: 'none' })).not.toThrow();
  });
});
