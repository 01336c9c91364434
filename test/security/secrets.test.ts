// Real: the API (app.inject, pino at trace level into a capture stream), workers from jobs/start.ts (same), Dovecot, PostgreSQL, Redis, an SMTP sink that accepts AUTH. The secrets are the configured ones, made distinctive; the test greps every place they could leak to. Nothing stubbed.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Job } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loggerOptions } from '../../server/app.ts';
import { loadConfig, ConfigError } from '../../server/core/config.ts';
import { createWorkerRedis } from '../../server/core/lib/redis.ts';
import { startWorkers, type RunningWorkers } from '../../jobs/start.ts';
import { waitForJob } from '../harness/jobs.ts';
import { createStaff, login, as, STAFF_PASSWORD, type Session } from '../harness/app.ts';
import { truncateAll } from '../harness/db.ts';
import { TEST_MASTER, TEST_REDIS_URL, testConfig, testMailUser, testPort } from '../harness/env.ts';
import { STANDARD_RULES, createMailboxRow, createPolicy, seed } from '../harness/retention.ts';
import { startSmtpSink, type SmtpSink } from '../../scripts/lib/smtp-sink.ts';
import { createMailboxRun } from '../../server/core/services/expiry-runs.ts';

const SMTP_PASSWORD = 'smtp-Secret-7f3c91d2-never-show-me';
const SESSION_SECRET = 'session-Secret-5b8e0a41-never-show-me-0123456789';
const WRONG_IMAP_PASSWORD = 'imap-Secret-2c7d55e0-never-show-me';
const NEW_STAFF_PASSWORD = 'staff-Secret-9a1b2c3d-never-show-me';
const SECRETS = [TEST_MASTER.password, SMTP_PASSWORD, SESSION_SECRET, WRONG_IMAP_PASSWORD, STAFF_PASSWORD, NEW_STAFF_PASSWORD];
const SMTP_PORT = testPort(10399);
const QUEUE_PREFIX = `mwsec-${process.pid}`;
const env = { QUEUE_PREFIX, SMTP_PORT: String(SMTP_PORT), SMTP_USER: 'mailwarden', SMTP_PASSWORD, SESSION_SECRET, LOG_LEVEL: 'trace', MAIL_FROM: 'Mailwarden <mailwarden@example.test>' };

const logs: string[] = [];
const capture = new Writable({ write(chunk, _enc, done) { logs.push(String(chunk)); done(); } });
const seen: string[] = []; // every API response: status, headers, body
let app: FastifyInstance;
let workers: RunningWorkers[] = [];
const connections = [createWorkerRedis(TEST_REDIS_URL), createWorkerRedis(TEST_REDIS_URL)];
let sink: SmtpSink;
let admin: Session;

async function call(opts: Parameters<typeof as>[2], session: Session | null = admin) {
  const res = await as(app, session, opts);
  seen.push(`${opts.method} ${opts.url} ${res.statusCode} ${JSON.stringify(res.headers)} ${res.body}`);
  return res;
}

beforeAll(async () => {
  const config = testConfig(env);
  app = await buildApp(config, { logger: { ...(loggerOptions(config) as object), stream: capture } } as never);
  await truncateAll(app.prisma);
  sink = await startSmtpSink({ port: SMTP_PORT });
  const logger = pino({ level: 'trace' }, capture);
  // One worker set with the real admin password, one (another prefix) configured with a wrong one.
  workers = [
    startWorkers({ config, prisma: app.prisma, connection: connections[0], logger }),
    startWorkers({ config: testConfig({ ...env, QUEUE_PREFIX: `${QUEUE_PREFIX}-wrong`, IMAP_ADMIN_PASSWORD: WRONG_IMAP_PASSWORD }), prisma: app.prisma, connection: connections[1], logger }),
  ];
  await createStaff(app, 'admin');
  admin = await login(app, 'admin@example.test');
});
afterAll(async () => {
  for (const w of workers) await w.close();
  for (const c of connections) c.disconnect();
  await sink?.stop();
  await app?.close();
});

describe('secrets never leave the process', () => {
  it('exercises the API, the workers, IMAP and SMTP successes and failures', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@example.test', password: 'wrong-password-123' } })).statusCode).toBe(401);
    expect((await call({ method: 'POST', url: '/api/staff', payload: { email: 'new@example.test', name: 'New', role: 'ops', password: NEW_STAFF_PASSWORD } })).statusCode).toBe(201);
    expect((await call({ method: 'POST', url: '/api/staff', payload: { email: 'bad', name: 'x', role: 'ops', password: NEW_STAFF_PASSWORD } })).statusCode).toBe(400);
    await createPolicy(app.prisma, 'Standard', STANDARD_RULES, { isDefault: true });
    const login1 = testMailUser(1);
    const mailbox = await createMailboxRow(app.prisma, login1);
    await seed(testConfig(), login1);
    await app.prisma.mailbox.update({ where: { id: mailbox.id }, data: { effectiveLimitBytes: 10_000n } }); // over quota: a notice is due
    const ghost = await app.prisma.mailbox.create({ data: { address: 'ghost+x@example.test', imapLogin: 'ghost+x@example.test' } });
    for (const id of [mailbox.id, ghost.id]) expect((await call({ method: 'POST', url: `/api/mailboxes/${id}/scan` })).statusCode).toBe(202);
    expect((await call({ method: 'POST', url: `/api/mailboxes/${mailbox.id}/probe` })).statusCode).toBe(202);
    const [ok, wrong] = workers;
    const scanOf = async (w: RunningWorkers, id: number) => {
      const job = await w.queues['usage-scan'].add('usage-scan', { mailboxId: id, reason: 'manual' }, { attempts: 1 });
      return waitForJob(w.queues['usage-scan'] as never, job as Job).catch((err: Error) => err.message);
    };
    await expect.poll(async () => (await app.prisma.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } })).scannedAt, { timeout: 15_000 }).toBeTruthy();
    expect(await scanOf(wrong, mailbox.id)).toMatch(/refused/); // the admin password is wrong on this host
    // Notices: delivered with SMTP AUTH, then the server goes away and a send fails.
    await expect.poll(() => sink.messages.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await sink.stop();
    const notice = await app.prisma.notification.create({ data: { mailboxId: mailbox.id, kind: 'near_quota', dedupeKey: 'secret-test', toAddress: login1, data: { address: login1, name: 'User' } } });
    const job = await ok.queues.notify.add('notify', { notificationId: notice.id }, { attempts: 1 });
    await waitForJob(ok.queues.notify as never, job as Job).catch(() => undefined);
    // Expiry with its per-message audit and audit events.
    const { run } = await createMailboxRun(app.prisma, { mailboxId: mailbox.id, dryRun: false, trigger: 'manual', createdBy: null });
    const expiry = await ok.queues.expiry.add('expiry', { mailboxId: mailbox.id, runId: run.id, dryRun: false });
    await waitForJob(ok.queues.expiry as never, expiry as Job, 30_000);
    // Every parameterless GET of the API, and the single-record ones with real ids, as admin.
    for (const r of app.accessTable.filter((x) => x.method === 'GET' && !x.url.includes('*'))) {
      await call({ method: 'GET', url: r.url.replace(/:[A-Za-z]+/g, String(mailbox.id)) });
    }
    for (const name of ['usage-scan', 'notify', 'expiry']) await call({ method: 'GET', url: `/api/queues/${name}/jobs?state=failed` });
    expect(seen.length).toBeGreaterThan(40);
    expect(logs.length).toBeGreaterThan(50);
  });

  it('appear in no API response (bodies or headers)', () => {
    for (const secret of SECRETS) expect(seen.filter((s) => s.includes(secret)).map((s) => s.slice(0, 120)), secret).toEqual([]);
  });

  it('appear in no log line of the API or the workers', () => {
    for (const secret of SECRETS) expect(logs.filter((l) => l.includes(secret)).map((l) => l.slice(0, 300)), secret).toEqual([]);
  });

  it('appear in no Redis key of the queues: job data, return values, failure reasons, event streams', async () => {
    const redis = connections[0];
    const keys = await redis.keys(`${QUEUE_PREFIX}*`);
    expect(keys.length).toBeGreaterThan(10);
    const dump: string[] = [];
    for (const key of keys) {
      const type = await redis.type(key);
      if (type === 'hash') dump.push(JSON.stringify(await redis.hgetall(key)));
      else if (type === 'string') dump.push(String(await redis.get(key)));
      else if (type === 'list') dump.push(JSON.stringify(await redis.lrange(key, 0, -1)));
      else if (type === 'zset') dump.push(JSON.stringify(await redis.zrange(key, '0', '-1')));
      else if (type === 'set') dump.push(JSON.stringify(await redis.smembers(key)));
      else if (type === 'stream') dump.push(JSON.stringify(await redis.xrange(key, '-', '+')));
    }
    expect(dump.join('\n')).toMatch(/refused|ECONNREFUSED|SMTP send failed/); // the failures are there…
    for (const secret of SECRETS) expect(dump.filter((d) => d.includes(secret)).map((d) => d.slice(0, 200)), secret).toEqual([]); // …the secrets are not
  });

  it('appear in no database row: audit before/after, notification errors, scan and run errors, sessions', async () => {
    const tables = await app.prisma.$queryRaw<{ tablename: string }[]>`SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = 'public'`;
    const rows: string[] = [];
    for (const { tablename } of tables) {
      rows.push(...(await app.prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "public"."${tablename}" t`)).map((r) => `${tablename}: ${r.row}`));
    }
    expect(rows.some((r) => r.startsWith('notifications:') && r.includes('SMTP send failed'))).toBe(true);
    expect(rows.some((r) => r.startsWith('audit_events:') && r.includes('staff.create'))).toBe(true);
    for (const secret of SECRETS) expect(rows.filter((r) => r.includes(secret)).map((r) => r.slice(0, 200)), secret).toEqual([]);
  });

  it('appear in no configuration error message', () => {
    try {
      loadConfig({ IMAP_ADMIN_PASSWORD: TEST_MASTER.password, SESSION_SECRET: 'too-short-Secret-x1', SMTP_PORT: SMTP_PASSWORD });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      for (const secret of [...SECRETS, 'too-short-Secret-x1']) expect((err as Error).message).not.toContain(secret);
    }
  });
});
