// Real: redis-server (a private one on a test port, killed and restarted; AOF keeps its data), Dovecot, PostgreSQL, BullMQ workers (jobs/start.ts), the API (app.inject), SMTP sink. Injected: the Redis crash, and latency on a TCP proxy before Dovecot so the sweep is still running when Redis dies.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from '../harness/fault-proxy.ts';
import { startJobsHarness, type JobsHarness } from '../harness/jobs.ts';
import { startOwnRedis, type OwnRedis } from '../harness/redis-server.ts';
import { as, createStaff, login, startTestApp, type Session } from '../harness/app.ts';
import { TEST_PORTS, testConfig, testMailUser, testPort } from '../harness/env.ts';
import { STANDARD_RULES, createMailboxRow, createPolicy, expectedAfterStandardRun, listMail, seed, subjectsOf } from '../harness/retention.ts';

const USERS = [1, 2, 3, 4];
const OUTAGE_MS = 5_000;
const direct = testConfig();
// The API enqueues where the workers consume.
const QUEUE_PREFIX = `mwfault-redis-${process.pid}`;
let redis: OwnRedis;
let proxy: FaultProxy;
let h: JobsHarness;
let app: FastifyInstance;
let admin: Session;
const mailboxes: { id: number; login: string; expected: Record<string, string[]> }[] = [];
let runId: number;
let outage: { ready: { statusCode: number; body: unknown }; scan: { statusCode: number; body: Record<string, unknown> }; list: number; login: number; at: number };

beforeAll(async () => {
  redis = await startOwnRedis(testPort(10392));
  proxy = await FaultProxy.start({ port: testPort(10394), targetPort: TEST_PORTS.imap });
  ({ app } = await startTestApp({ REDIS_URL: redis.url, QUEUE_PREFIX }));
  h = await startJobsHarness(testPort(10393), { REDIS_URL: redis.url, QUEUE_PREFIX, IMAP_PORT: String(proxy.port), EXPIRY_CONCURRENCY: '1' });
  // Plus a rule with notices that removes nothing here: the seeded 400-day-old Sent message is within its notice
  // window, so every mailbox gets exactly one pre-expiry notice to deliver across the restart.
  await createPolicy(h.ctx.prisma, 'Standard', [...STANDARD_RULES, { folderSelector: '\\Sent', maxAgeDays: 500, noticeDays: 200 }], { isDefault: true });
  await createStaff(app, 'admin');
  admin = await login(app, 'admin@example.test');
  for (const n of USERS) {
    const login = testMailUser(n);
    const { id } = await createMailboxRow(h.ctx.prisma, login);
    const seeded = await seed(direct, login);
    mailboxes.push({ id, login, expected: expectedAfterStandardRun(seeded, subjectsOf(seeded)) });
  }
});
afterAll(async () => {
  await app?.close();
  await h?.stop();
  await proxy?.close();
  await redis?.destroy();
});

const rowsOf = (id: number) => h.ctx.prisma.expiryMailboxRun.findMany({ where: { runId: id }, orderBy: { mailboxId: 'asc' } });

describe('Redis killed mid-sweep and restarted', () => {
  it('is killed while the sweep is between mailboxes and scans are in flight', async () => {
    proxy.setLatency(15); // every chunk each way: a mailbox takes a couple of seconds
    const sweep = await h.queues['expiry-sweep'].add('expiry-sweep', { dryRun: false, trigger: 'scheduled' });
    await expect.poll(async () => (await h.queues['expiry-sweep'].getJob(sweep.id!))?.data.runId, { timeout: 10_000 }).toBeTruthy();
    runId = (await h.queues['expiry-sweep'].getJob(sweep.id!))!.data.runId!;
    await expect.poll(async () => (await rowsOf(runId)).filter((r) => r.status === 'done').length, { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(1);
    await h.queues.maintenance.add('scan-all', { task: 'scan-all' });
    // A mailbox mid-expiry (its IMAP session open) and scans in flight when Redis dies.
    await expect.poll(async () => (await rowsOf(runId)).some((r) => r.status === 'running') && proxy.open >= 2, { timeout: 5000, interval: 20 }).toBe(true);
    expect((await rowsOf(runId)).map((r) => r.status)).toContain('pending');

    await redis.stop('SIGKILL');
    const at = Date.now();
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    const scan = await as(app, admin, { method: 'POST', url: `/api/mailboxes/${mailboxes[0].id}/scan` });
    const list = (await as(app, admin, { method: 'GET', url: '/api/mailboxes' })).statusCode;
    const relogin = (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@example.test', password: 'correct horse battery staple' } })).statusCode;
    outage = { ready: { statusCode: ready.statusCode, body: ready.json() }, scan: { statusCode: scan.statusCode, body: scan.json() }, list, login: relogin, at };
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - at))));
    await redis.start();
  });

  it('the API said 503 naming Redis from readiness and enqueueing routes, kept serving reads and logins, and wrote nothing for the refused call', async () => {
    expect(outage.ready).toEqual({ statusCode: 503, body: { status: 'unavailable', checks: { postgres: 'ok', redis: 'down' }, down: ['redis'] } });
    expect(outage.scan).toMatchObject({ statusCode: 503, body: { message: 'Redis is unavailable, try again shortly' } });
    expect(JSON.stringify(outage.scan.body)).not.toMatch(/\.ts:\d+|at \w+ \(/);
    expect(outage.list).toBe(200);
    expect(outage.login).toBe(200); // the login rate limiter skips a dead Redis instead of locking staff out
    expect(await h.ctx.prisma.auditEvent.count({ where: { action: 'mailbox.scan' } })).toBe(0);
  });

  it('readiness recovers by itself once Redis is back, without restarting the app', async () => {
    await expect.poll(async () => (await app.inject({ method: 'GET', url: '/health/ready' })).statusCode, { timeout: 15_000, interval: 200 }).toBe(200);
    const scan = await as(app, admin, { method: 'POST', url: `/api/mailboxes/${mailboxes[0].id}/scan` });
    expect(scan.statusCode).toBe(202);
  });

  it('the workers reconnect and finish the sweep: every mailbox expired exactly once, nothing lost or doubled', async () => {
    await expect.poll(async () => (await h.ctx.prisma.expiryRun.findUniqueOrThrow({ where: { id: runId } })).status, { timeout: 40_000, interval: 200 }).toBe('completed');
    await h.idle(30_000);
    const rows = await rowsOf(runId);
    expect(rows.map((r) => [r.mailboxId, r.status, r.deleted, r.moved, r.error])).toEqual(mailboxes.map((m) => [m.id, 'done', 6, 2, null]));
    for (const m of mailboxes) {
      expect(await listMail(direct, m.login)).toEqual(m.expected);
      const audit = await h.ctx.prisma.expiredMessage.findMany({ where: { mailboxId: m.id } });
      expect(audit.map((a) => a.state)).toEqual(Array(8).fill('done'));
      expect(new Set(audit.map((a) => `${a.folder}/${a.uid}`)).size).toBe(8);
    }
    // One effect per job: one audit event per expired mailbox, one notice each, one usage sample per scan.
    const expired = await h.ctx.prisma.auditEvent.findMany({ where: { action: 'mailbox.expired' } });
    expect(expired.map((e) => Number(e.entityId)).sort((a, b) => a - b)).toEqual(mailboxes.map((m) => m.id));
    expect(await h.ctx.prisma.auditEvent.count({ where: { action: 'expiry_run.finished', entityId: String(runId) } })).toBe(1);
    for (const m of mailboxes) {
      expect(await h.ctx.prisma.notification.findMany({ where: { mailboxId: m.id }, select: { status: true } })).toEqual([{ status: 'sent' }]);
      expect(h.sink.messages.filter((msg) => msg.envelope.to.includes(m.login))).toHaveLength(1);
    }
    const samples = await h.ctx.prisma.usageSample.groupBy({ by: ['mailboxId'], _count: { _all: true } });
    // scan-all once for every mailbox, plus the manual scan of the first one after the restart.
    expect(Object.fromEntries(samples.map((s) => [s.mailboxId, s._count._all]))).toEqual(Object.fromEntries(mailboxes.map((m, i) => [m.id, i === 0 ? 2 : 1])));
    expect(await h.queues.expiry.getJobCounts('completed', 'failed', 'active', 'waiting', 'delayed')).toEqual({ completed: 4, failed: 0, active: 0, waiting: 0, delayed: 0 });
  });
});
