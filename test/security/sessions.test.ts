// Real: the API (app.inject) with its session store in PostgreSQL, login rate limits in Redis, helmet and CORS as configured; nothing stubbed. Complements test/server/auth.test.ts with the attacker's side of each rule.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createStaff, login, startTestApp, STAFF_PASSWORD, type Session } from '../harness/app.ts';
import { buildApp } from '../../server/app.ts';
import { testConfig } from '../harness/env.ts';

const CONSOLE_ORIGIN = 'http://127.0.0.1:5173';
const SELF_ORIGIN = 'http://127.0.0.1:3999'; // PUBLIC_BASE_URL of testConfig()
let app: FastifyInstance;

beforeAll(async () => {
  ({ app } = await startTestApp({ CONSOLE_ORIGIN }));
  for (const role of ['admin', 'helpdesk'] as const) await createStaff(app, role);
});
afterAll(() => app?.close());

const sessionCookie = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'mw_session');
const me = (cookie: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
const loginWith = (headers: Record<string, string> = {}, email = 'admin@example.test', password = STAFF_PASSWORD, remoteAddress = '127.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, headers, remoteAddress });

describe('session cookie', () => {
  it('is httpOnly, SameSite=Strict, host-wide, expires with the session, and holds a token the database only knows hashed', async () => {
    const res = await loginWith();
    const cookie = sessionCookie(res)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 12 * 3600 });
    expect(cookie.secure).toBeFalsy(); // http:// base URL (tests); see the https case below
    expect(cookie.value).toMatch(/^[\w-]{43}$/); // 32 random bytes
    expect(await app.prisma.session.findUnique({ where: { id: cookie.value } })).toBeNull();
    expect(await app.prisma.session.findUnique({ where: { id: createHash('sha256').update(cookie.value).digest('hex') } })).not.toBeNull();
  });

  it('is Secure when the public URL is https', async () => {
    const secureApp = await buildApp(testConfig({ PUBLIC_BASE_URL: 'https://mail-admin.example.org' }));
    try {
      const res = await secureApp.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@example.test', password: STAFF_PASSWORD } });
      expect(sessionCookie(res)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });
    } finally {
      await secureApp.close();
    }
  });

  it('stops working when it expires or the account is disabled', async () => {
    const { cookie } = await login(app, 'helpdesk@example.test');
    await app.prisma.session.updateMany({ where: { staff: { email: 'helpdesk@example.test' } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await me(cookie)).statusCode).toBe(401);
    const fresh = await login(app, 'helpdesk@example.test');
    await app.prisma.staffUser.update({ where: { email: 'helpdesk@example.test' }, data: { active: false } });
    expect((await me(fresh.cookie)).statusCode).toBe(401);
    await app.prisma.staffUser.update({ where: { email: 'helpdesk@example.test' }, data: { active: true } });
  });
});

describe('logout', () => {
  it('deletes the session row, clears the cookie, and the old cookie is refused afterwards', async () => {
    const session = await login(app, 'admin@example.test');
    const before = await app.prisma.session.count();
    const res = await as(app, session, { method: 'POST', url: '/api/auth/logout' });
    expect(res.statusCode).toBe(204);
    expect(await app.prisma.session.count()).toBe(before - 1);
    const cleared = sessionCookie(res)!;
    expect(cleared.value).toBe('');
    expect(cleared.expires!.getTime()).toBeLessThanOrEqual(Date.now());
    expect((await me(session.cookie)).statusCode).toBe(401);
    // A replayed logout with the dead cookie changes nothing.
    expect((await as(app, session, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(401);
  });
});

describe('session fixation', () => {
  it('never adopts a session id chosen by an attacker', async () => {
    const planted = 'attacker-chosen-token-0123456789abcdefghijklmno';
    const res = await loginWith({ cookie: `mw_session=${planted}` });
    expect(res.statusCode).toBe(200);
    expect(sessionCookie(res)!.value).not.toBe(planted);
    expect((await me(`mw_session=${planted}`)).statusCode).toBe(401);
  });

  it("ends the attacker's own valid session when the victim logs in over it", async () => {
    const attacker = await login(app, 'helpdesk@example.test');
    const res = await loginWith({ cookie: attacker.cookie }, 'admin@example.test');
    expect((await me(attacker.cookie)).statusCode).toBe(401);
    expect((await me(`mw_session=${sessionCookie(res)!.value}`)).json()).toMatchObject({ email: 'admin@example.test' });
  });
});

describe('login rate limit', () => {
  it('answers 429 after 10 failures a minute for one account from one address, and still serves other accounts', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await loginWith({}, 'admin@example.test', `wrong-${i}`, '10.1.1.1')).statusCode);
    expect(codes).toEqual([...Array(10).fill(401), 429, 429]);
    // The right password does not get through while limited.
    expect((await loginWith({}, 'admin@example.test', STAFF_PASSWORD, '10.1.1.1')).statusCode).toBe(429);
    expect((await loginWith({}, 'helpdesk@example.test', STAFF_PASSWORD, '10.1.1.1')).statusCode).toBe(200);
    const limited = await loginWith({}, 'admin@example.test', 'wrong', '10.1.1.1');
    expect(limited.json()).toMatchObject({ statusCode: 429, message: expect.any(String) });
    expect(limited.headers['retry-after']).toBeDefined();
  });

  it('counts the account case-insensitively (no bypass by changing the email case)', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await loginWith({}, i % 2 ? 'HELPDESK@example.test' : 'helpdesk@EXAMPLE.test', `wrong-${i}`, '10.2.2.2')).statusCode);
    expect(codes.at(-1)).toBe(429);
  });

  it('limits one address spraying many accounts (30 failures in 15 minutes), whatever X-Forwarded-For it claims', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) codes.push((await loginWith({ 'x-forwarded-for': `198.51.100.${i}` }, `spray-${i}@example.test`, 'Winter2026!', '10.3.3.3')).statusCode);
    expect(codes).toEqual([...Array(30).fill(401), 429]);
    // Every account is closed to that address now, real credentials included; other addresses are not affected.
    expect((await loginWith({}, 'helpdesk@example.test', STAFF_PASSWORD, '10.3.3.3')).statusCode).toBe(429);
    expect((await loginWith({}, 'spray-0@example.test', 'Winter2026!', '10.3.3.4')).statusCode).toBe(401);
    expect((await loginWith({}, 'helpdesk@example.test', STAFF_PASSWORD, '10.3.3.4')).statusCode).toBe(200);
  });

  it('limits one account tried from many addresses (30 failures in 15 minutes), and only that account', async () => {
    await createStaff(app, 'ops', 'botnet-target@example.test');
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) codes.push((await loginWith({}, 'botnet-target@example.test', `guess-${i}`, `10.4.0.${i + 1}`)).statusCode);
    expect(codes).toEqual(Array(30).fill(401));
    const fresh = await loginWith({}, 'botnet-target@example.test', STAFF_PASSWORD, '10.4.1.1');
    expect(fresh.statusCode).toBe(429);
    expect(Number(fresh.headers['retry-after'])).toBeGreaterThan(60); // the 15-minute window, not the 1-minute one
    expect((await loginWith({}, 'helpdesk@example.test', STAFF_PASSWORD, '10.4.1.1')).statusCode).toBe(200);
  });

  it('lets no parallel burst past the limit, and does not count successful logins', async () => {
    const burst = await Promise.all(Array.from({ length: 16 }, (_, i) => loginWith({}, 'burst@example.test', `guess-${i}`, '10.6.6.6')));
    expect(burst.map((r) => r.statusCode).sort()).toEqual([...Array(10).fill(401), ...Array(6).fill(429)]);
    await createStaff(app, 'ops', 'typo@example.test');
    const codes: number[] = [];
    for (let i = 0; i < 9; i++) codes.push((await loginWith({}, 'typo@example.test', `typo-${i}`, '10.7.7.7')).statusCode);
    codes.push((await loginWith({}, 'typo@example.test', STAFF_PASSWORD, '10.7.7.7')).statusCode);
    for (let i = 0; i < 2; i++) codes.push((await loginWith({}, 'typo@example.test', `typo-again-${i}`, '10.7.7.7')).statusCode);
    expect(codes).toEqual([...Array(9).fill(401), 200, 401, 429]);
  });
});

describe('CSRF', () => {
  let admin: Session;
  let helpdesk: Session;
  beforeAll(async () => {
    admin = await login(app, 'admin@example.test');
    helpdesk = await login(app, 'helpdesk@example.test');
  });
  const create = (headers: Record<string, string>, payload: Record<string, unknown> = {}, url = '/api/mailboxes') =>
    app.inject({ method: 'POST', url, headers, payload: { address: 'csrf@example.test', ...payload } });

  it('refuses cookie-authenticated mutations without the header, with a wrong one, or with another session\'s token', async () => {
    const attempts: Record<string, string>[] = [
      { cookie: admin.cookie },
      { cookie: admin.cookie, 'x-csrf-token': 'x'.repeat(43) },
      { cookie: admin.cookie, 'x-csrf-token': helpdesk.csrf },
      { cookie: admin.cookie, 'x-csrf-token': '' },
    ];
    for (const headers of attempts) {
      const res = await create(headers);
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toMatch(/CSRF/);
    }
    expect((await create({ cookie: admin.cookie }, { csrfToken: admin.csrf }, `/api/mailboxes?csrf=${admin.csrf}`)).statusCode).toBe(403);
    expect(await app.prisma.mailbox.count({ where: { address: 'csrf@example.test' } })).toBe(0);
  });

  it('guards logout too (no cross-site logout) and lets reads through without a token', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: admin.cookie } })).statusCode).toBe(403);
    expect((await me(admin.cookie)).statusCode).toBe(200);
    expect((await create({ cookie: admin.cookie, 'x-csrf-token': admin.csrf })).statusCode).toBe(201);
  });

  it('rotates the token with the session', async () => {
    const again = await login(app, 'admin@example.test');
    expect(again.csrf).not.toBe(admin.csrf);
  });
});

describe('security headers', () => {
  it.each(['/api/auth/me', '/health/live', '/', '/help', '/docs'])('%s carries CSP (no inline script, no framing by others), nosniff and friends', async (url) => {
    const res = await app.inject({ method: 'GET', url });
    const csp = String(res.headers['content-security-policy']);
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'self'"]);
    expect(directives['base-uri']).toEqual(["'self'"]);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toBeUndefined(); // http:// base URL: HSTS only over https (hsts.test.ts)
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('CORS', () => {
  const preflight = (origin: string) => app.inject({
    method: 'OPTIONS', url: '/api/mailboxes', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-csrf-token' },
  });

  it.each(['https://evil.test', 'null', `${CONSOLE_ORIGIN}.evil.test`, 'http://127.0.0.1:5174', 'HTTP://127.0.0.1:5173', `${SELF_ORIGIN}@evil.test`])('refuses the unknown origin %s', async (origin) => {
    const simple = await app.inject({ method: 'GET', url: '/health/live', headers: { origin } });
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    expect(simple.headers['access-control-allow-credentials']).toBeUndefined();
    expect((await preflight(origin)).headers['access-control-allow-origin']).toBeUndefined();
  });

  it.each([CONSOLE_ORIGIN, SELF_ORIGIN])('allows %s with credentials and exposes Content-Range', async (origin) => {
    const res = await app.inject({ method: 'GET', url: '/api/mailboxes', headers: { origin } });
    expect(res.headers['access-control-allow-origin']).toBe(origin);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-expose-headers']).toMatch(/Content-Range/i);
    expect(res.headers.vary).toMatch(/Origin/i);
    const pre = await preflight(origin);
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe(origin);
  });
});
