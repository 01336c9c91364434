// Real: the API (app.inject) with its sessions in PostgreSQL, and `npm run create-admin` run as its own process against
// the test database; nothing stubbed. Idle sessions end, a password reset by any path ends sessions (also those the API
// has cached: the script announces it over Redis), sign out everywhere.
import { execFile } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createStaff, login, startTestApp, STAFF_PASSWORD } from '../harness/app.ts';
import { createStaffRepository } from '../../server/core/repositories/staff.ts';
import { TEST_DATABASE_URL, TEST_MASTER, TEST_SESSION_SECRET } from '../harness/env.ts';

let app: FastifyInstance;

beforeAll(async () => {
  // A long session cache: a revocation seen at once is the announcement's doing, not the cache running out.
  ({ app } = await startTestApp({ SESSION_CACHE_SECONDS: '60' }));
  for (const role of ['admin', 'ops', 'helpdesk'] as const) await createStaff(app, role);
  for (const until = Date.now() + 5_000; !app.sessions.caching && Date.now() < until;) await new Promise((r) => setTimeout(r, 10));
  expect(app.sessions.caching).toBe(true);
});
afterAll(() => app?.close());

const me = (cookie: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
const sessionsOf = (email: string) => app.prisma.session.findMany({ where: { staff: { email } } });
const ageSessions = (email: string, minutes: number) =>
  app.prisma.session.updateMany({ where: { staff: { email } }, data: { lastSeenAt: new Date(Date.now() - minutes * 60_000) } });

describe('idle timeout (SESSION_IDLE_MINUTES, default 30)', () => {
  it('ends a session unused for longer than the idle limit, and deletes its row', async () => {
    const session = await login(app, 'ops@example.test');
    await ageSessions('ops@example.test', 31);
    expect((await me(session.cookie)).statusCode).toBe(401);
    expect(await sessionsOf('ops@example.test')).toHaveLength(0);
  });

  it('keeps a session used within the limit and moves its last use forward, writing at most once a minute', async () => {
    const session = await login(app, 'ops@example.test');
    await ageSessions('ops@example.test', 29);
    expect((await me(session.cookie)).statusCode).toBe(200);
    const [touched] = await sessionsOf('ops@example.test');
    expect(Date.now() - touched.lastSeenAt.getTime()).toBeLessThan(5_000);
    // Within the minute: no write (the timestamp stays exactly as it was).
    expect((await me(session.cookie)).statusCode).toBe(200);
    const [again] = await sessionsOf('ops@example.test');
    expect(again.lastSeenAt.getTime()).toBe(touched.lastSeenAt.getTime());
    // 29 + 29 minutes after login, but never idle for 30: still alive.
    await ageSessions('ops@example.test', 29);
    expect((await me(session.cookie)).statusCode).toBe(200);
    await app.prisma.session.deleteMany({ where: { staff: { email: 'ops@example.test' } } });
  });
});

describe('password reset ends sessions', () => {
  it('npm run create-admin resetting a password ends every session of that account', async () => {
    const session = await login(app, 'helpdesk@example.test');
    const other = await login(app, 'ops@example.test');
    // Both resolved, so both cached: the script's announcement (Redis pub/sub) is what must end the first.
    expect((await me(session.cookie)).statusCode).toBe(200);
    expect((await me(other.cookie)).statusCode).toBe(200);
    await new Promise<void>((resolve, reject) => {
      const child = execFile('npx', ['tsx', 'scripts/create-admin.ts', '--email', 'helpdesk@example.test', '--role', 'helpdesk'], {
        env: {
          ...process.env, DATABASE_URL: TEST_DATABASE_URL, IMAP_ADMIN_PASSWORD: TEST_MASTER.password, SESSION_SECRET: TEST_SESSION_SECRET, LOG_LEVEL: 'silent',
          REDIS_URL: app.config.REDIS_URL, QUEUE_PREFIX: app.config.QUEUE_PREFIX,
        },
        timeout: 60_000,
      }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(void expect(stdout).toMatch(/Updated helpdesk/))));
      child.stdin!.end('a brand new password 2026\n');
    });
    expect((await me(session.cookie)).statusCode).toBe(401);
    expect(await sessionsOf('helpdesk@example.test')).toHaveLength(0);
    expect((await me(other.cookie)).statusCode).toBe(200); // someone else's session is untouched
    // The new password works (and the old one no longer does).
    expect((await login(app, 'helpdesk@example.test', 'a brand new password 2026')).email).toBe('helpdesk@example.test');
    const repo = createStaffRepository(app.prisma);
    await repo.update((await repo.findForLogin('helpdesk@example.test'))!.id, { password: STAFF_PASSWORD });
  }, 90_000);
});

describe('sign out everywhere', () => {
  it('POST /api/auth/logout-everywhere ends all of my sessions (this one included) and no one else\'s', async () => {
    await app.prisma.session.deleteMany({ where: { staff: { email: 'ops@example.test' } } }); // left by earlier tests
    const laptop = await login(app, 'ops@example.test');
    const phone = await login(app, 'ops@example.test');
    const colleague = await login(app, 'admin@example.test');
    const res = await as(app, laptop, { method: 'POST', url: '/api/auth/logout-everywhere' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ended: 2 });
    expect(res.cookies.find((c) => c.name === 'mw_session')!.value).toBe('');
    expect((await me(laptop.cookie)).statusCode).toBe(401);
    expect((await me(phone.cookie)).statusCode).toBe(401);
    expect((await me(colleague.cookie)).statusCode).toBe(200);
    const event = await app.prisma.auditEvent.findFirst({ where: { action: 'staff.logout-everywhere' }, orderBy: { id: 'desc' } });
    expect(event).toMatchObject({ entityType: 'staff', after: { ended: 2 } });
  });

  it('needs the CSRF header like every other mutation', async () => {
    const session = await login(app, 'ops@example.test');
    const res = await app.inject({ method: 'POST', url: '/api/auth/logout-everywhere', headers: { cookie: session.cookie } });
    expect(res.statusCode).toBe(403);
    expect((await me(session.cookie)).statusCode).toBe(200);
  });

  it('DELETE /api/staff/:id/sessions lets an admin sign another account out everywhere', async () => {
    const admin = await login(app, 'admin@example.test');
    const victim = await login(app, 'helpdesk@example.test');
    const target = await app.prisma.staffUser.findUniqueOrThrow({ where: { email: 'helpdesk@example.test' } });
    const res = await as(app, admin, { method: 'DELETE', url: `/api/staff/${target.id}/sessions` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ended: 1 });
    expect((await me(victim.cookie)).statusCode).toBe(401);
    expect((await me(admin.cookie)).statusCode).toBe(200);
    expect((await as(app, admin, { method: 'DELETE', url: '/api/staff/999999/sessions' })).statusCode).toBe(404);
    // Helpdesk may not do it to anyone (admin only).
    const helpdesk = await login(app, 'helpdesk@example.test');
    expect((await as(app, helpdesk, { method: 'DELETE', url: `/api/staff/${target.id}/sessions` })).statusCode).toBe(403);
  });
});
