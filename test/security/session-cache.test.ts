// Real: two API instances (two buildApp, as two API processes would be) on the same PostgreSQL and Redis, with a long
// session cache (60 s), so only the pub/sub announcement can explain a change seen within a second. A change made
// through one instance must be seen by the other at once: logout, role change, account disabled, name, MFA reset.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { SessionCache } from '../../server/plugins/app/session-cache.ts';
import { as, createStaff, login, type Session } from '../harness/app.ts';
import { testConfig } from '../harness/env.ts';
import { truncateAll } from '../harness/db.ts';

let one: FastifyInstance;
let two: FastifyInstance;
let admin: Session;

/** Polls `check` for up to `ms`: the announcement crosses Redis, so "at once" is within a few milliseconds. */
async function within(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  for (const until = Date.now() + ms; ;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
}

const me = (app: FastifyInstance, session: Session) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });

beforeAll(async () => {
  const overrides = { SESSION_CACHE_SECONDS: '60', QUEUE_PREFIX: `mwtest-session-cache-${process.pid}` };
  one = await buildApp(testConfig(overrides));
  two = await buildApp(testConfig(overrides));
  await truncateAll(one.prisma);
  await createStaff(one, 'admin');
  await createStaff(one, 'ops');
  await createStaff(one, 'helpdesk');
  admin = await login(one, 'admin@example.test');
  // Each instance caches only once its subscription is confirmed.
  expect(await within(5_000, async () => one.sessions.caching && two.sessions.caching)).toBe(true);
});
afterAll(async () => {
  await one?.close();
  await two?.close();
});

/** Signs in through instance one and has instance two resolve (and so cache) the session. */
async function cachedInTwo(email: string): Promise<Session> {
  const session = await login(one, email);
  expect((await me(two, session)).statusCode).toBe(200);
  return session;
}

describe('session cache across API instances', () => {
  it('really caches: a change written behind the API\'s back stays unseen for the TTL', async () => {
    const session = await cachedInTwo('ops@example.test');
    await two.prisma.$executeRaw`UPDATE staff_users SET name = 'Renamed in SQL' WHERE email = 'ops@example.test'`;
    expect((await me(two, session)).json().name).toBe('ops user');
    await two.prisma.$executeRaw`UPDATE staff_users SET name = 'ops user' WHERE email = 'ops@example.test'`;
  });

  it('a logout through one instance is refused by the other at once', async () => {
    const session = await cachedInTwo('ops@example.test');
    expect((await as(one, session, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect(await within(1_000, async () => (await me(two, session)).statusCode === 401)).toBe(true);
  });

  it('a role change through one instance ends the session in the other at once', async () => {
    const session = await cachedInTwo('helpdesk@example.test');
    const other = await cachedInTwo('ops@example.test');
    const helpdesk = (await one.prisma.staffUser.findUniqueOrThrow({ where: { email: 'helpdesk@example.test' } })).id;
    const res = await as(one, admin, { method: 'PUT', url: `/api/staff/${helpdesk}`, payload: { role: 'ops' } });
    expect(res.statusCode).toBe(200);
    expect(await within(1_000, async () => (await me(two, session)).statusCode === 401)).toBe(true);
    expect((await me(two, other)).statusCode).toBe(200); // someone else's cached session is untouched
    // Signed in again: the new role, as the other instance sees it.
    const again = await cachedInTwo('helpdesk@example.test');
    expect((await me(two, again)).json().role).toBe('ops');
    await as(one, admin, { method: 'PUT', url: `/api/staff/${helpdesk}`, payload: { role: 'helpdesk' } });
  });

  it('a disabled account, a new name and an MFA reset reach the other instance at once', async () => {
    const ops = (await one.prisma.staffUser.findUniqueOrThrow({ where: { email: 'ops@example.test' } })).id;
    const session = await cachedInTwo('ops@example.test');
    // A new name ends no session, but the other instance shows it at once.
    expect((await as(one, admin, { method: 'PUT', url: `/api/staff/${ops}`, payload: { name: 'Olga Ops' } })).statusCode).toBe(200);
    expect(await within(1_000, async () => (await me(two, session)).json().name === 'Olga Ops')).toBe(true);
    // An MFA reset ends every session of the account.
    expect((await as(one, admin, { method: 'DELETE', url: `/api/staff/${ops}/mfa` })).statusCode).toBe(200);
    expect(await within(1_000, async () => (await me(two, session)).statusCode === 401)).toBe(true);
    // Disabled: refused everywhere.
    const next = await cachedInTwo('ops@example.test');
    expect((await as(one, admin, { method: 'PUT', url: `/api/staff/${ops}`, payload: { active: false } })).statusCode).toBe(200);
    expect(await within(1_000, async () => (await me(two, next)).statusCode === 401)).toBe(true);
    await as(one, admin, { method: 'PUT', url: `/api/staff/${ops}`, payload: { active: true, name: 'ops user' } });
  });

  it('sign out everywhere through the other instance ends the sessions cached here', async () => {
    const laptop = await login(two, 'helpdesk@example.test');
    const phone = await cachedInTwo('helpdesk@example.test');
    expect((await me(one, laptop)).statusCode).toBe(200); // cached in one
    expect((await as(two, phone, { method: 'POST', url: '/api/auth/logout-everywhere' })).statusCode).toBe(200);
    expect(await within(1_000, async () => (await me(one, laptop)).statusCode === 401)).toBe(true);
    expect((await me(two, phone)).statusCode).toBe(401);
  });
});

describe('SessionCache', () => {
  it('keeps nothing until its subscription is confirmed, and drops everything when it is lost', () => {
    const cache = new SessionCache<string>(60_000);
    cache.set('a', 1, 'identity', cache.mark(), 0);
    expect(cache.get('a', 1)).toBeUndefined();
    cache.setLive(true);
    cache.set('a', 1, 'identity', cache.mark(), 0);
    expect(cache.get('a', 1)).toBe('identity');
    cache.setLive(false);
    expect(cache.get('a', 1)).toBeUndefined();
  });

  it('does not store a read that began before a change was announced, and expires entries after the TTL', () => {
    const cache = new SessionCache<string>(10_000);
    cache.setLive(true);
    const mark = cache.mark();
    cache.forget({ staffId: 7 }); // announced while the read was under way
    cache.set('s', 7, 'stale', mark, 0);
    expect(cache.get('s', 1)).toBeUndefined();
    cache.set('s', 7, 'fresh', cache.mark(), 0);
    expect(cache.get('s', 9_999)).toBe('fresh');
    expect(cache.get('s', 10_000)).toBeUndefined();
  });
});
