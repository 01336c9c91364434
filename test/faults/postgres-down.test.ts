// Real: PostgreSQL (shared, never stopped), Redis, Dovecot, the API (app.inject) and BullMQ workers. Injected: a TCP proxy in front of PostgreSQL (test/harness/fault-proxy.ts) that refuses, cuts or stalls connections — "the database is down" without touching the shared server.
import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from '../harness/fault-proxy.ts';
import { as, createStaff, login, startTestApp, type Session } from '../harness/app.ts';
import { startJobsHarness, waitForJob, type JobsHarness } from '../harness/jobs.ts';
import { TEST_DB_NAME, testMailUser, testPort } from '../harness/env.ts';
import { resetMaildir } from '../harness/mail.ts';
import { createPrisma } from '../../server/core/lib/prisma.ts';
import { TEST_DATABASE_URL } from '../harness/env.ts';

const UNAVAILABLE = 'PostgreSQL is unavailable, try again shortly';
const STATEMENT_TIMEOUT_MS = 1_000;
let proxy: FaultProxy;
let app: FastifyInstance;
let h: JobsHarness;
let admin: Session;
/** Straight to PostgreSQL: what is really stored, whatever the proxy does. */
const db = createPrisma(TEST_DATABASE_URL);

beforeAll(async () => {
  proxy = await FaultProxy.start({ port: testPort(10395), targetPort: 5432 });
  const DATABASE_URL = `postgresql://root@127.0.0.1:${proxy.port}/${TEST_DB_NAME}`;
  // A short statement timeout so the silent-partition case below is quick to observe (production: 30 s).
  ({ app } = await startTestApp({ DATABASE_URL, DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS) }));
  h = await startJobsHarness(testPort(10396), { DATABASE_URL });
  await createStaff(app, 'admin');
  admin = await login(app, 'admin@example.test');
});
afterAll(async () => {
  await app?.close();
  await h?.stop();
  await proxy?.close();
  await db.$disconnect();
});

function expectUnavailable(res: { statusCode: number; body: string; json(): Record<string, unknown> }) {
  expect(res.statusCode).toBe(503);
  expect(res.json()).toMatchObject({ statusCode: 503, error: 'Service Unavailable', message: UNAVAILABLE, reqId: expect.any(String) });
  expect(res.body).not.toMatch(/\.ts:\d+|node_modules|at \w+ \(|ECONNREFUSED|5432|prisma/i);
}

const mailboxRows = (address: string) => db.mailbox.count({ where: { address } });
const auditRows = (action: string) => db.auditEvent.count({ where: { action } });

describe('PostgreSQL refusing connections for a few seconds', () => {
  it('API calls answer 503 with a clear message and no internals, quickly; readiness names postgres', async () => {
    await proxy.refuse();
    proxy.cutAll(); // pooled connections die with the server
    const started = Date.now();
    expectUnavailable(await as(app, admin, { method: 'GET', url: '/api/mailboxes' }));
    expectUnavailable(await as(app, admin, { method: 'GET', url: '/api/mailboxes/1' }));
    expectUnavailable(await as(app, admin, { method: 'POST', url: '/api/mailboxes', payload: { address: 'during-outage@example.test' } }));
    expectUnavailable(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@example.test', password: 'whatever-password' } }));
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'unavailable', checks: { postgres: 'down', redis: 'ok' }, down: ['postgres'] });
    expect(Date.now() - started).toBeLessThan(20_000); // each call fails within the pool's 3 s connect timeout
    await new Promise((r) => setTimeout(r, 1500));
  });

  it('works again as soon as the database is back, with the same session, and the refused create left nothing', async () => {
    await proxy.resume();
    await expect.poll(async () => (await app.inject({ method: 'GET', url: '/health/ready' })).statusCode, { timeout: 10_000, interval: 200 }).toBe(200);
    expect((await as(app, admin, { method: 'GET', url: '/api/mailboxes' })).statusCode).toBe(200);
    expect(await mailboxRows('during-outage@example.test')).toBe(0);
    expect(await auditRows('mailbox.create')).toBe(0);
    const created = await as(app, admin, { method: 'POST', url: '/api/mailboxes', payload: { address: 'during-outage@example.test' } });
    expect(created.statusCode).toBe(201);
    expect(await mailboxRows('during-outage@example.test')).toBe(1);
    expect(await auditRows('mailbox.create')).toBe(1);
  });
});

describe('connection lost in the middle of a transaction', () => {
  it('a create whose connection dies after its mailbox INSERT and before COMMIT leaves neither the mailbox nor its audit event', async () => {
    // The audit INSERT reaches the server (inside the open transaction, after the mailbox INSERT); the answer never returns.
    proxy.dropOn(/INSERT INTO "public"\."audit_events"/, { direction: 'up', anyConnection: true });
    const cutsBefore = proxy.cuts;
    const res = await as(app, admin, { method: 'POST', url: '/api/mailboxes', payload: { address: 'half-written@example.test', displayName: 'Half' } });
    expect(proxy.cuts - cutsBefore).toBe(1);
    expectUnavailable(res);
    expect(await mailboxRows('half-written@example.test')).toBe(0);
    expect(await auditRows('mailbox.create')).toBe(1); // only the earlier, committed one
    await proxy.resume();
    expect((await as(app, admin, { method: 'POST', url: '/api/mailboxes', payload: { address: 'half-written@example.test' } })).statusCode).toBe(201);
    expect(await auditRows('mailbox.create')).toBe(2);
  });

  it('more such cuts than the pool has connections leave the API working (no pool client leaks)', async () => {
    // Prisma 6.19 left the client of a transaction whose ROLLBACK failed checked out for ever; server/core/lib/prisma.ts releases it.
    for (let i = 0; i < 12; i++) {
      proxy.dropOn(/INSERT INTO "public"\."audit_events"/, { direction: 'up', anyConnection: true });
      expectUnavailable(await as(app, admin, { method: 'POST', url: '/api/mailboxes', payload: { address: `cut-${i}@example.test` } }));
    }
    await proxy.resume();
    const started = Date.now();
    expect((await as(app, admin, { method: 'GET', url: '/api/mailboxes' })).statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await db.mailbox.count({ where: { address: { startsWith: 'cut-' } } })).toBe(0);
    expect(await auditRows('mailbox.create')).toBe(2);
  });
});

describe('PostgreSQL silently unreachable (packets dropped, no reset)', () => {
  it('readiness answers 503 naming postgres within its probe timeout instead of hanging', async () => {
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    proxy.stall();
    const started = Date.now();
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(ready.json()).toMatchObject({ checks: { postgres: 'down', redis: 'ok' }, down: ['postgres'] });
    await proxy.resume(); // the held query completes; the pool is healthy again
    await expect.poll(async () => (await app.inject({ method: 'GET', url: '/health/ready' })).statusCode, { timeout: 5000 }).toBe(200);
  });

  it('database connections carry the statement timeout and TCP keepalive', async () => {
    expect(await app.prisma.$queryRaw`SHOW statement_timeout`).toEqual([{ statement_timeout: `${STATEMENT_TIMEOUT_MS / 1000}s` }]);
    await as(app, admin, { method: 'GET', url: '/api/mailboxes' });
    // /proc/net/tcp: our side of each open connection to the proxy; timer "02" is the keepalive timer of an idle socket.
    const proxyPort = proxy.port.toString(16).toUpperCase().padStart(4, '0');
    const sockets = (await readFile('/proc/net/tcp', 'utf8')).split('\n').slice(1).map((l) => l.trim().split(/\s+/))
      .filter((f) => f[2] === `0100007F:${proxyPort}` && f[3] === '01');
    expect(sockets.length).toBeGreaterThan(0);
    expect(sockets.map((f) => f[5].split(':')[0])).toEqual(sockets.map(() => '02'));
  });

  it('API calls answer 503 within a bounded time instead of hanging, on pooled and new connections, and recover on their own', async () => {
    // Warm the pool: some requests below get an open (now silent) connection, others must open one through the stall.
    await Promise.all([0, 1, 2].map(() => as(app, admin, { method: 'GET', url: '/api/mailboxes' })));
    proxy.stall();
    const started = Date.now();
    const [me, ...answers] = await Promise.all([
      as(app, admin, { method: 'GET', url: '/api/auth/me' }),
      as(app, admin, { method: 'GET', url: '/api/mailboxes' }),
      as(app, admin, { method: 'GET', url: '/api/audit-events' }),
      as(app, admin, { method: 'POST', url: '/api/mailboxes', payload: { address: 'during-stall@example.test' } }),
    ]);
    const elapsed = Date.now() - started;
    for (const res of answers) expectUnavailable(res);
    // Who is signed in needs no query while the session is in the API's session cache (SESSION_CACHE_SECONDS, warmed
    // just above): it answers at once. Everything that reads or writes data answers 503.
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: admin.email });
    // statement timeout + 2 s grace (a pooled connection) or the 3 s connect timeout (a new one), plus slack.
    expect(elapsed).toBeLessThan(STATEMENT_TIMEOUT_MS + 2_000 + 2_500);
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(503);
    await proxy.resume();
    await expect.poll(async () => (await app.inject({ method: 'GET', url: '/health/ready' })).statusCode, { timeout: 10_000 }).toBe(200);
    expect((await as(app, admin, { method: 'GET', url: '/api/mailboxes' })).statusCode).toBe(200);
    // The create that timed out may or may not have reached the server; it is whole or absent, never half-written.
    const created = await mailboxRows('during-stall@example.test');
    expect(await db.auditEvent.count({ where: { action: 'mailbox.create', entityId: { not: null } } }) >= created).toBe(true);
  });
});

describe('workers while PostgreSQL is down', () => {
  it('a usage scan fails while the database refuses, is retried, and succeeds once it is back', async () => {
    const login = testMailUser(1);
    await resetMaildir(login);
    const { id } = await db.mailbox.create({ data: { address: login, imapLogin: login } });
    const failures: string[] = [];
    const worker = h.workers.find((w) => w.name === 'usage-scan')!;
    const onFailed = (job?: Job, err?: Error) => { if (job?.data.mailboxId === id) failures.push(err?.message ?? ''); };
    worker.on('failed', onFailed);
    await proxy.refuse();
    proxy.cutAll();
    const job = await h.queues['usage-scan'].add('usage-scan', { mailboxId: id, reason: 'manual' }, { attempts: 30, backoff: { type: 'fixed', delay: 200 } });
    await expect.poll(() => failures.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    expect(await db.mailbox.findUniqueOrThrow({ where: { id } })).toMatchObject({ scannedAt: null });
    await proxy.resume();
    await waitForJob(h.queues['usage-scan'], job, 30_000);
    worker.off('failed', onFailed);
    expect(await db.mailbox.findUniqueOrThrow({ where: { id } })).toMatchObject({ scannedAt: expect.any(Date), usedMessages: 0, scanError: null });
    expect(await db.usageSample.count({ where: { mailboxId: id } })).toBe(1);
  });
});
