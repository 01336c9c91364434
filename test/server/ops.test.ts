// Real PostgreSQL and Redis (BullMQ queues under this file's own prefix); the API via app.inject. A throwaway BullMQ
// Worker that always throws makes a real failed job; nothing is stubbed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { QueueEvents, Worker } from 'bullmq';
import type { Config } from '../../server/core/config.ts';
import { as, createStaff, login, startTestApp, type Session } from '../harness/app.ts';
import { testConfig } from '../harness/env.ts';
import { buildApp } from '../../server/app.ts';
import { createWorkerRedis } from '../../server/core/lib/redis.ts';
import { registerSchedules } from '../../server/core/queues/schedules.ts';
import { registerExpirySchedule } from '../../server/core/queues/expiry-schedule.ts';
import { readScheduleOverrides } from '../../server/core/queues/schedule-overrides.ts';
import { createWorkerMetrics } from '../../jobs/metrics.ts';
import { startMetricsServer } from '../../server/core/metrics/server.ts';
import type { AddressInfo } from 'node:net';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
let app: FastifyInstance;
let config: Config;
let ops: Session;
let helpdesk: Session;
const connection = createWorkerRedis('redis://127.0.0.1:6379');

const req = (s: Session | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, headers?: Record<string, string>) =>
  as(app, s, { method, url, payload, headers });

beforeAll(async () => {
  ({ app, config } = await startTestApp({ METRICS_TOKEN }));
  await createStaff(app, 'ops');
  await createStaff(app, 'helpdesk');
  ops = await login(app, 'ops@example.test');
  helpdesk = await login(app, 'helpdesk@example.test');
});
afterAll(async () => {
  await app.close();
  connection.disconnect();
});

describe('queues', () => {
  it('lists every queue of the registry and flips isPaused with pause/resume, audited', async () => {
    const list = await req(ops, 'GET', '/api/queues');
    expect(list.statusCode).toBe(200);
    expect(list.json().map((q: { name: string }) => q.name).sort()).toEqual(['directory-sync', 'expiry', 'expiry-sweep', 'mailbox-read', 'maintenance', 'notify', 'plan-limits', 'probe', 'usage-scan']);
    expect(list.headers['content-range']).toBe('queues 0-8/9');

    const paused = await req(ops, 'POST', '/api/queues/usage-scan/pause');
    expect(paused.json()).toMatchObject({ name: 'usage-scan', isPaused: true });
    expect(await app.queues['usage-scan'].isPaused()).toBe(true);
    expect((await req(ops, 'GET', '/api/queues')).json().find((q: { name: string }) => q.name === 'usage-scan').isPaused).toBe(true);

    const resumed = await req(ops, 'POST', '/api/queues/usage-scan/resume');
    expect(resumed.json().isPaused).toBe(false);
    expect(await app.queues['usage-scan'].isPaused()).toBe(false);
    const audit = await app.prisma.auditEvent.findMany({ where: { entityType: 'queue', entityId: 'usage-scan' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.action, a.actorEmail])).toEqual([['queue.pause', 'ops@example.test'], ['queue.resume', 'ops@example.test']]);
  });

  it('answers 404 for a queue outside the registry and 403 to help desk', async () => {
    expect((await req(ops, 'POST', '/api/queues/nope/pause')).statusCode).toBe(404);
    expect((await req(helpdesk, 'POST', '/api/queues/probe/pause')).statusCode).toBe(403);
  });

  it('shows a failed job (reason, stack, ids only), retries it, then removes it', async () => {
    const worker = new Worker<unknown, unknown>('probe', async () => { throw new Error('IMAP said no'); }, { connection, prefix: config.QUEUE_PREFIX, autorun: true });
    const workerMetrics = createWorkerMetrics([worker]);
    const eventsConnection = createWorkerRedis(config.REDIS_URL);
    const events = new QueueEvents('probe', { connection: eventsConnection, prefix: config.QUEUE_PREFIX });
    await events.waitUntilReady();
    // A payload with an extra field that must never reach the screen.
    const job = await app.queues.probe.add('probe', { mailboxId: 42, password: 'hunter2' } as never, { attempts: 1 });
    await job.waitUntilFinished(events).catch(() => undefined);
    await worker.close();
    await events.close();
    eventsConnection.disconnect();
    // The worker process's own /metrics saw the failure (served with the same token rule as the API's).
    const server = await startMetricsServer(workerMetrics, '127.0.0.1', 0, METRICS_TOKEN);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    const text = await (await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    server.close();
    expect(text).toContain('mailwarden_jobs_failed_total{queue="probe",final="true"} 1');
    expect(text).toMatch(/mailwarden_job_duration_seconds_count\{queue="probe",outcome="failed"\} 1/);

    const failed = await req(ops, 'GET', '/api/queues/probe/jobs?state=failed&range=[0,9]');
    expect(failed.statusCode).toBe(200);
    expect(failed.headers['content-range']).toBe('jobs 0-0/1');
    const [row] = failed.json();
    expect(row).toMatchObject({ id: job.id, name: 'probe', state: 'failed', data: { mailboxId: 42 }, failedReason: 'IMAP said no', attemptsMade: 1 });
    expect(row.data).not.toHaveProperty('password');
    expect(row.stacktrace[0]).toContain('IMAP said no');

    const retried = await req(ops, 'POST', `/api/queues/probe/jobs/${job.id}/retry`);
    expect(retried.statusCode).toBe(200);
    expect(retried.json().state).toBe('waiting');
    expect(await (await app.queues.probe.getJob(job.id!))!.getState()).toBe('waiting');
    expect((await req(ops, 'POST', `/api/queues/probe/jobs/${job.id}/retry`)).statusCode).toBe(409);

    const removed = await req(ops, 'DELETE', `/api/queues/probe/jobs/${job.id}`);
    expect(removed.statusCode).toBe(200);
    expect(await app.queues.probe.getJob(job.id!)).toBeUndefined();
    expect((await req(ops, 'DELETE', `/api/queues/probe/jobs/${job.id}`)).statusCode).toBe(404);
    const actions = await app.prisma.auditEvent.findMany({ where: { entityType: 'job' }, orderBy: { id: 'asc' } });
    expect(actions.map((a) => a.action)).toEqual(['job.retry', 'job.remove']);
    expect(JSON.stringify(actions, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain('hunter2');
  });
});

describe('schedules', () => {
  beforeAll(async () => {
    await registerSchedules(app.queues, config);
    await registerExpirySchedule(app.queues, config);
  });

  it('lists the schedulers with their patterns and next run times', async () => {
    const res = await req(ops, 'GET', '/api/schedules');
    expect(res.statusCode).toBe(200);
    const byId = Object.fromEntries(res.json().map((s: { id: string }) => [s.id, s]));
    expect(Object.keys(byId).sort()).toEqual(['expire-increases', 'expiry-sweep', 'prune-expiry-audit', 'prune-usage-samples', 'purge-deleted', 'scan-all']);
    expect(byId['scan-all']).toMatchObject({ queue: 'maintenance', pattern: config.SCAN_CRON, every: null, defaultPattern: config.SCAN_CRON, overridden: false });
    expect(byId['expire-increases']).toMatchObject({ pattern: null, every: 60_000 });
    expect(byId['expiry-sweep'].upcoming).toHaveLength(5);
    expect(Date.parse(byId['expiry-sweep'].next)).toBeGreaterThan(Date.now());
  });

  it('refuses a bad cron with 400 naming body.pattern and keeps the old pattern', async () => {
    for (const pattern of ['not a cron', '61 * * * *', '* * *', '*/5 * * * * *']) {
      const res = await req(ops, 'PUT', '/api/schedules/scan-all', { pattern });
      expect(res.statusCode, pattern).toBe(400);
      expect(res.json().message).toMatch(/^body\.pattern /);
    }
    expect((await app.queues.maintenance.getJobScheduler('scan-all'))!.pattern).toBe(config.SCAN_CRON);
  });

  it('changes the live scheduler (next run), keeps the change across a worker re-registration, and drops it on the default', async () => {
    const res = await req(ops, 'PUT', '/api/schedules/scan-all', { pattern: '7 4 * * *' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ pattern: '7 4 * * *', overridden: true });
    const scheduler = (await app.queues.maintenance.getJobSchedulers()).find((s) => s.key === 'scan-all')!;
    const next = new Date(scheduler.next!);
    expect(scheduler.pattern).toBe('7 4 * * *');
    expect([next.getHours(), next.getMinutes()]).toEqual([4, 7]);
    // The delayed job the workers will pick up is the one for the new time, not the old one.
    const delayed = (await app.queues.maintenance.getDelayed()).filter((j) => j.repeatJobKey === 'scan-all');
    expect(delayed.map((j) => j.timestamp + (j.delay ?? 0))).toEqual([scheduler.next]);

    // A worker restart registers from SCAN_CRON, but the console's choice wins.
    await registerSchedules(app.queues, config, await readScheduleOverrides(app.redis, config.QUEUE_PREFIX));
    expect((await app.queues.maintenance.getJobScheduler('scan-all'))!.pattern).toBe('7 4 * * *');

    const back = await req(ops, 'PUT', '/api/schedules/scan-all', { pattern: config.SCAN_CRON });
    expect(back.json()).toMatchObject({ pattern: config.SCAN_CRON, overridden: false });
    expect(await readScheduleOverrides(app.redis, config.QUEUE_PREFIX)).toEqual({});
    expect(await app.prisma.auditEvent.count({ where: { action: 'schedule.update', entityId: 'scan-all' } })).toBe(2);
  });

  it('answers 404 for an unknown scheduler', async () => {
    expect((await req(ops, 'PUT', '/api/schedules/nope', { pattern: '0 1 * * *' })).statusCode).toBe(404);
  });
});

describe('dashboard', () => {
  const DAY = 24 * 3600_000;
  const todayStart = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
  const today = new Date(todayStart.getTime() + 1000);
  const yesterday = new Date(todayStart.getTime() - DAY / 2);

  beforeAll(async () => {
    const plan = await app.prisma.quotaPlan.create({ data: { name: 'Dash', storageLimitBytes: 1000n, warnThresholds: [85, 95], isDefault: true } });
    const mk = (n: number, pct: number | null, extra: object = {}) => app.prisma.mailbox.create({
      data: { address: `dash${n}@example.test`, imapLogin: `dash${n}@example.test`, planId: plan.id, effectiveLimitBytes: 1000n, usagePercent: pct, usedBytes: pct === null ? null : BigInt(pct * 10), scannedAt: pct === null ? null : today, ...extra },
    });
    // 50 % and 80 % are below the plan's first threshold (85); 86 and 99.5 near; 120 over; a disabled 150 % one is ignored.
    const [m1, m2, m3, m4] = [await mk(1, 120), await mk(2, 99.5), await mk(3, 86), await mk(4, 80)];
    await mk(5, 50);
    await mk(6, null);
    await mk(7, 150, { status: 'disabled' });

    const run = await app.prisma.expiryRun.create({ data: { scope: 'all', trigger: 'scheduled', status: 'completed', startedAt: new Date(today.getTime()), finishedAt: new Date(today.getTime() + 90_000), mailboxesTotal: 3 } });
    const done = await app.prisma.expiryMailboxRun.create({ data: { runId: run.id, mailboxId: m1.id, status: 'done', finishedAt: today, deleted: 3, bytesFreed: 3000n } });
    await app.prisma.expiryMailboxRun.create({ data: { runId: run.id, mailboxId: m2.id, status: 'done', finishedAt: today, deleted: 1, moved: 1, bytesFreed: 700n } });
    await app.prisma.expiryMailboxRun.create({ data: { runId: run.id, mailboxId: m3.id, status: 'failed', finishedAt: today, error: 'IMAP down' } });
    const old = await app.prisma.expiryRun.create({ data: { scope: 'all', status: 'completed', startedAt: yesterday, finishedAt: yesterday } });
    await app.prisma.expiryMailboxRun.create({ data: { runId: old.id, mailboxId: m1.id, status: 'done', finishedAt: yesterday, deleted: 1, bytesFreed: 500n } });
    // A later dry run: not "the last run", and frees nothing.
    const dry = await app.prisma.expiryRun.create({ data: { scope: 'all', dryRun: true, status: 'completed', startedAt: today, finishedAt: today } });
    await app.prisma.expiryMailboxRun.create({ data: { runId: dry.id, mailboxId: m1.id, dryRun: true, status: 'done', finishedAt: today, matched: 9, bytesFreed: 9999n } });

    const msg = (uid: number, state: string, at: Date) => app.prisma.expiredMessage.create({ data: { mailboxRunId: done.id, mailboxId: m1.id, folder: 'INBOX', uidValidity: 1n, uid, action: 'delete', state, size: 1000, at } });
    await Promise.all([msg(1, 'done', today), msg(2, 'done', today), msg(3, 'done', today), msg(4, 'pending', today), msg(5, 'done', yesterday)]);

    const sample = (mailboxId: number, used: bigint, at: Date) => app.prisma.usageSample.create({ data: { mailboxId, usedBytes: used, usedMessages: 1, limitBytes: 1000n, at } });
    await Promise.all([
      sample(m1.id, 1200n, today), sample(m1.id, 1300n, new Date(today.getTime() + 1000)), sample(m2.id, 1000n, today), sample(m3.id, 860n, today),
      sample(m4.id, 1100n, yesterday),
    ]);
  });

  it('summarises near/over quota, the top list, the last usage scan and the last real expiry run', async () => {
    const res = await req(helpdesk, 'GET', '/api/dashboard/summary');
    expect(res.statusCode).toBe(200);
    const { quota, scan, expiry } = res.json();
    expect({ near: quota.near, over: quota.over }).toEqual({ near: 2, over: 1 });
    expect(quota.top.map((m: { address: string }) => m.address)).toEqual(['dash1@example.test', 'dash2@example.test', 'dash3@example.test']);
    expect(quota.top[0]).toMatchObject({ usagePercent: 120, usedBytes: 1200, limitBytes: 1000, nearThreshold: 85 });
    expect(scan).toMatchObject({ status: 'unknown', activeMailboxes: 6, neverScanned: 1, lastScanAt: today.toISOString(), pending: 0 });
    expect(expiry.lastRun).toMatchObject({
      status: 'completed', scope: 'all', durationMs: 90_000, mailboxesTotal: 3, mailboxesDone: 2, mailboxesFailed: 1,
      messagesDeleted: 4, messagesMoved: 1, bytesFreed: 3700,
    });
  });

  it('gives per-day bytes freed, messages expired and users over quota, zeros on quiet days', async () => {
    const res = await req(helpdesk, 'GET', '/api/dashboard/series?days=7');
    expect(res.statusCode).toBe(200);
    const series = res.json();
    expect(series).toHaveLength(7);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    expect(series[6]).toEqual({ day: day(today), bytesFreed: 3700, messagesExpired: 3, usersOverQuota: 2 });
    expect(series[5]).toEqual({ day: day(yesterday), bytesFreed: 500, messagesExpired: 1, usersOverQuota: 1 });
    expect(series.slice(0, 5).every((d: { bytesFreed: number; messagesExpired: number; usersOverQuota: number }) => d.bytesFreed + d.messagesExpired + d.usersOverQuota === 0)).toBe(true);
    expect((await req(helpdesk, 'GET', '/api/dashboard/series?days=0')).statusCode).toBe(400);
  });
});

describe('GET /metrics', () => {
  it('answers 401 without the token and Prometheus text with it', async () => {
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
    const res = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('mailwarden_queue_jobs{queue="usage-scan",state="waiting"}');
    expect(res.body).toContain('mailwarden_queue_paused{queue="probe"} 0');
    expect(res.body).toMatch(/mailwarden_http_request_duration_seconds_count\{route="\/api\/queues",method="GET",status_code="200"\} \d+/);
  });

  it('without a token, answers loopback callers only, and not through a proxy', async () => {
    // Built without startTestApp: that would empty the database under the other tests' sessions.
    const open = await buildApp(testConfig());
    try {
      expect((await open.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
      expect((await open.inject({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } })).statusCode).toBe(403);
      for (const header of ['via', 'true-client-ip', 'forwarded', 'x-real-ip', 'cf-connecting-ip', 'x-forwarded-host']) {
        expect((await open.inject({ method: 'GET', url: '/metrics', headers: { [header]: header === 'via' ? '1.1 proxy' : '203.0.113.9' } })).statusCode, header).toBe(403);
      }
      expect((await open.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' })).statusCode).toBe(403);
    } finally {
      await open.close();
    }
  });
});

describe('bull-board at /admin/queues', () => {
  it('is 401 anonymous, 200 for ops, 403 for help desk (who gets the read-only board)', async () => {
    expect((await req(null, 'GET', '/admin/queues/')).statusCode).toBe(401);
    expect((await req(null, 'GET', '/admin/queues/api/queues')).statusCode).toBe(401);
    const page = await req(ops, 'GET', '/admin/queues/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<base href="/admin/queues/"');
    expect((await req(ops, 'GET', '/admin/queues/api/queues')).statusCode).toBe(200);
    expect((await req(helpdesk, 'GET', '/admin/queues/')).statusCode).toBe(403);
    expect((await req(helpdesk, 'GET', '/admin/queues/readonly/')).statusCode).toBe(200);
    expect((await req(helpdesk, 'GET', '/admin/queues/readonly/api/queues')).statusCode).toBe(200);
    expect((await req(helpdesk, 'PUT', '/admin/queues/readonly/api/queues/probe/pause')).statusCode).toBe(403);
  });

  it('lets ops act from the board (audited) and refuses cross-origin mutations', async () => {
    expect((await req(ops, 'PUT', '/admin/queues/api/queues/notify/pause', undefined, { origin: 'https://evil.example' })).statusCode).toBe(403);
    expect(await app.queues.notify.isPaused()).toBe(false);
    const res = await req(ops, 'PUT', '/admin/queues/api/queues/notify/pause');
    expect(res.statusCode).toBe(200);
    expect(await app.queues.notify.isPaused()).toBe(true);
    await app.queues.notify.resume();
    const audit = await app.prisma.auditEvent.findFirst({ where: { action: 'queue.board_action', entityId: 'notify' } });
    expect(audit).toMatchObject({ actorEmail: 'ops@example.test' });
  });
});
