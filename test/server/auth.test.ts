// Real PostgreSQL and Redis behind the real app (app.inject); nothing stubbed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { as, createStaff, login, startTestApp, STAFF_PASSWORD, type Session } from '../harness/app.ts';

let app: FastifyInstance;
const sessions: Record<'admin' | 'ops' | 'helpdesk', Session> = {} as never;

beforeAll(async () => {
  ({ app } = await startTestApp());
  for (const role of ['admin', 'ops', 'helpdesk'] as const) {
    await createStaff(app, role);
    sessions[role] = await login(app, `${role}@example.test`);
  }
});
afterAll(() => app.close());

describe('POST /api/auth/login', () => {
  it('sets an httpOnly, SameSite=Strict session cookie and returns the identity with a CSRF token', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'ADMIN@example.test', password: STAFF_PASSWORD } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ email: 'admin@example.test', role: 'admin' });
    expect(res.json().csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = res.cookies.find((c) => c.name === 'mw_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(res.body).not.toContain('passwordHash');
  });

  it('answers 401 with the same message for a wrong password and an unknown user', async () => {
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'ops@example.test', password: 'nope-nope-nope' } });
    const unknown = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'ghost@example.test', password: 'nope-nope-nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().message).toBe(unknown.json().message);
  });

  it('rate-limits repeated attempts for one account', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'target@example.test', password: `guess-${i}` } });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
  });
});

describe('roles on a sample of routes', () => {
  const cases: [string, string, 'anonymous' | 'admin' | 'ops' | 'helpdesk', number][] = [
    ['GET', '/api/staff', 'anonymous', 401],
    ['GET', '/api/staff', 'helpdesk', 403],
    ['GET', '/api/staff', 'ops', 403],
    ['GET', '/api/staff', 'admin', 200],
    ['GET', '/api/audit-events', 'anonymous', 401],
    ['GET', '/api/audit-events', 'helpdesk', 200],
    ['GET', '/api/mailboxes', 'helpdesk', 200],
    ['GET', '/api/auth/me', 'anonymous', 401],
    ['GET', '/health/live', 'anonymous', 200],
  ];
  for (const [method, url, who, expected] of cases) {
    it(`${method} ${url} as ${who} → ${expected}`, async () => {
      const res = await as(app, who === 'anonymous' ? null : sessions[who], { method: method as 'GET', url });
      expect(res.statusCode).toBe(expected);
      if (expected >= 400) expect(res.json()).toMatchObject({ statusCode: expected, message: expect.any(String), reqId: expect.any(String) });
    });
  }

  // Help desk may create mailboxes (#18); quota plans stay ops' and admins'.
  it('refuses a helpdesk user creating a quota plan (403) and writes nothing', async () => {
    const plans = await app.prisma.quotaPlan.count();
    const res = await as(app, sessions.helpdesk, { method: 'POST', url: '/api/plans', payload: { name: 'Sneaky', storageLimitBytes: 1024 } });
    expect(res.statusCode).toBe(403);
    expect(await app.prisma.quotaPlan.count()).toBe(plans);
  });
});

describe('CSRF and logout', () => {
  it('rejects a cookie-authenticated mutation without the CSRF header', async () => {
    const res = await app.inject({
      method: 'POST', url: '/api/staff', headers: { cookie: sessions.admin.cookie },
      payload: { email: 'new@example.test', name: 'New', role: 'helpdesk', password: 'long-enough-password' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toMatch(/CSRF/);
    expect(await app.prisma.staffUser.count({ where: { email: 'new@example.test' } })).toBe(0);
  });

  it('logout deletes the session server-side: the old cookie no longer works', async () => {
    const session = await login(app, 'helpdesk@example.test');
    expect((await as(app, session, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await as(app, session, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect((await as(app, session, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('issues a new session on login and ends the one presented (no fixation)', async () => {
    const first = await login(app, 'ops@example.test');
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: first.cookie }, payload: { email: 'ops@example.test', password: STAFF_PASSWORD } });
    const second = res.cookies.find((c) => c.name === 'mw_session')!.value;
    expect(`mw_session=${second}`).not.toBe(first.cookie);
    expect((await as(app, first, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });
});

describe('route table', () => {
  it('every /api route declares an access rule', () => {
    const api = app.accessTable.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
    expect(api.length).toBeGreaterThan(5);
    expect(api.filter((r) => !r.access)).toEqual([]);
  });
});
