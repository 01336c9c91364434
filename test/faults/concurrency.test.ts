// Real: Dovecot, PostgreSQL, Redis, the expiry processor and lock (jobs/workers/expiry.ts, jobs/expiry-lock.ts), worker child processes running jobs/start.ts, SMTP sink. Injected: latency on a TCP proxy before Dovecot (so runs overlap), SIGKILL of a worker process mid-sweep; the child shortens BullMQ's stall timings (see fixtures/short-lock-workers.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from '../harness/fault-proxy.ts';
import { truncateAll } from '../harness/db.ts';
import { TEST_DATABASE_URL, TEST_PORTS, TEST_REDIS_URL, testConfig, testMailUser, testPort } from '../harness/env.ts';
import { STANDARD_RULES, createMailboxRow, createPolicy, expectedAfterStandardRun, listMail, seed, subjectsOf } from '../harness/retention.ts';
import { createPrisma } from '../../server/core/lib/prisma.ts';
import { createWorkerRedis } from '../../server/core/lib/redis.ts';
import { closeQueues, createQueues } from '../../server/core/queues/registry.ts';
import { runMailboxExpiry } from '../../jobs/workers/expiry.ts';
import { ExpiryLockLostError, lockKey } from '../../jobs/expiry-lock.ts';
import { createMailboxRun } from '../../server/core/services/expiry-runs.ts';
import { withMailbox } from '../harness/mail.ts';
import { startSmtpSink, type SmtpSink } from '../../scripts/lib/smtp-sink.ts';
import type { WorkerContext } from '../../jobs/context.ts';

const QUEUE_PREFIX = `mwfault-conc-${process.pid}`;
const SMTP_PORT = testPort(10398);
const direct = testConfig();
const prisma = createPrisma(TEST_DATABASE_URL);
const connection = createWorkerRedis(TEST_REDIS_URL);
const queues = createQueues(connection, QUEUE_PREFIX);
let proxy: FaultProxy;
let sink: SmtpSink;
let ctx: WorkerContext;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  await truncateAll(prisma);
  proxy = await FaultProxy.start({ port: testPort(10397), targetPort: TEST_PORTS.imap });
  sink = await startSmtpSink({ port: SMTP_PORT });
  ctx = { config: testConfig({ IMAP_PORT: String(proxy.port), QUEUE_PREFIX }), prisma, connection, logger: pino({ level: 'silent' }) };
  await createPolicy(prisma, 'Standard', STANDARD_RULES, { isDefault: true });
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await closeQueues(queues);
  connection.disconnect();
  await sink?.stop();
  await proxy?.close();
  await prisma.$disconnect();
});

async function seededMailbox(n: number) {
  const login = testMailUser(n);
  const { id } = await createMailboxRow(prisma, login);
  const seeded = await seed(direct, login);
  return { id, login, expected: expectedAfterStandardRun(seeded, subjectsOf(seeded)) };
}

const auditOf = (mailboxId: number) => prisma.expiredMessage.findMany({ where: { mailboxId }, orderBy: [{ folder: 'asc' }, { uid: 'asc' }] });

describe('two expiry runs for the same mailbox at once', () => {
  it('only one performs deletions; the other is skipped naming it; the audit has each message once', async () => {
    const m = await seededMailbox(1);
    proxy.setLatency(10);
    const runs = await Promise.all([0, 1].map(() => createMailboxRun(prisma, { mailboxId: m.id, dryRun: false, trigger: 'manual', createdBy: null })));
    const deps = { notifyQueue: queues.notify };
    await Promise.all(runs.map(({ run }) => runMailboxExpiry(ctx, deps, { mailboxId: m.id, runId: run.id, dryRun: false })));
    await proxy.resume();
    const rows = await prisma.expiryMailboxRun.findMany({ where: { mailboxId: m.id }, orderBy: { id: 'asc' } });
    const worked = rows.filter((r) => r.status === 'done');
    const skipped = rows.filter((r) => r.status === 'skipped_locked');
    expect(worked).toHaveLength(1);
    expect(skipped).toHaveLength(1);
    expect(worked[0]).toMatchObject({ deleted: 6, moved: 2 });
    expect(skipped[0]).toMatchObject({ deleted: 0, moved: 0, error: expect.stringContaining(`run ${worked[0].runId}`) });
    expect(await listMail(direct, m.login)).toEqual(m.expected);
    const audit = await auditOf(m.id);
    expect(audit).toHaveLength(8);
    expect(audit.every((a) => a.state === 'done' && a.mailboxRunId === worked[0].id)).toBe(true);
  });

  it('the same job delivered twice at once (a stalled job re-run while the first is alive) deletes each message once', async () => {
    // Delete rules only: UID EXPUNGE of a message the other delivery already removed is a no-op. MOVE: the next test.
    const deleteOnly = await createPolicy(prisma, 'Delete only', STANDARD_RULES.filter((r) => !('action' in r)));
    const login = testMailUser(2);
    const { id } = await createMailboxRow(prisma, login, { retentionPolicyId: deleteOnly.id });
    const seeded = await seed(direct, login);
    const subjects = subjectsOf(seeded);
    const expected = expectedAfterStandardRun(seeded.filter((x) => !subjects.get(x.messageId)!.startsWith('move')), subjects);
    expected['Lists/dev'] = [...(expected['Lists/dev'] ?? []), 'move list-old Lists/dev 1/2', 'move list-old Lists/dev 2/2'].sort();
    proxy.setLatency(10);
    const { run } = await createMailboxRun(prisma, { mailboxId: id, dryRun: false, trigger: 'manual', createdBy: null });
    const data = { mailboxId: id, runId: run.id, dryRun: false };
    const results = await Promise.allSettled([0, 1].map(() => runMailboxExpiry(ctx, { notifyQueue: queues.notify }, data)));
    await proxy.resume();
    // The delivery whose lock the other took over stops at its first removal (see the next test).
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await listMail(direct, login)).toEqual(expected);
    const audit = await auditOf(id);
    expect(audit.map((a) => a.state)).toEqual(Array(6).fill('done'));
    expect(await prisma.expiryMailboxRun.findFirstOrThrow({ where: { runId: run.id } })).toMatchObject({ status: 'done', deleted: 6, moved: 0 });
    // The standard rules carry no notices (pre-expiry notices have their own suite: test/jobs/expiry-notice-promise.test.ts).
    expect(await prisma.notification.count({ where: { mailboxId: id } })).toBe(0);
  });

  it('the same job delivered twice at once moves each message once: the delivery whose lock was taken over stops before its first removal', async () => {
    // Without the ownership check before each MOVE / UID EXPUNGE (jobs/expiry-lock.ts), both deliveries COPY before
    // either EXPUNGEs and the archive gets two copies of each moved message.
    const m = await seededMailbox(11);
    proxy.setLatency(10);
    // Hold each UID MOVE until both deliveries have sent one (or 2 s pass), then let them reach Dovecot at the same moment.
    let moves = 0;
    let releaseAt = 0;
    const untap = proxy.tap((direction, chunk) => {
      if (direction === 'up' && /UID MOVE/.test(chunk.toString('latin1')) && ++moves === 2) releaseAt = Date.now() + 50;
    });
    proxy.holdOn(/UID MOVE/, async () => {
      const started = Date.now();
      while (!releaseAt && Date.now() - started < 2000) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, Math.max(0, releaseAt - Date.now())));
    }, { times: 2 });
    const { run } = await createMailboxRun(prisma, { mailboxId: m.id, dryRun: false, trigger: 'manual', createdBy: null });
    const data = { mailboxId: m.id, runId: run.id, dryRun: false };
    const results = await Promise.allSettled([0, 1].map(() => runMailboxExpiry(ctx, { notifyQueue: queues.notify }, data)));
    untap();
    await proxy.resume();
    expect(await listMail(direct, m.login)).toEqual(m.expected);
    expect(moves).toBe(1);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(lost.reason).toBeInstanceOf(ExpiryLockLostError);
    const audit = await auditOf(m.id);
    expect(audit.map((a) => [a.action, a.state])).toEqual([...Array(6).fill(['delete', 'done']), ['move', 'done'], ['move', 'done']]);
    expect(await prisma.expiryMailboxRun.findFirstOrThrow({ where: { runId: run.id } })).toMatchObject({ status: 'done', deleted: 6, moved: 2, error: null });
    expect(await prisma.expiryRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: 'completed' });
  });

  it('an attempt whose lock lapsed and went to another run stops before its next removal, and the retry finishes exactly', async () => {
    const m = await seededMailbox(12);
    const before = Object.values(await listMail(direct, m.login)).flat().length;
    const { run } = await createMailboxRun(prisma, { mailboxId: m.id, dryRun: false, trigger: 'manual', createdBy: null });
    const data = { mailboxId: m.id, runId: run.id, dryRun: false };
    const key = lockKey(QUEUE_PREFIX, m.id);
    let removals = 0;
    // After the first removal, the lock is gone (TTL lapsed) and another run holds it.
    const hooks = { afterRemove: async () => { if (++removals === 1) await connection.set(key, 'run:999999:other', 'PX', 60_000); } };
    await expect(runMailboxExpiry(ctx, { notifyQueue: queues.notify }, data, { chunkSize: 1, hooks, finalAttempt: false })).rejects.toBeInstanceOf(ExpiryLockLostError);
    expect(removals).toBe(1);
    expect(Object.values(await listMail(direct, m.login)).flat()).toHaveLength(before - 1);
    // The removed message is recorded; the lock is checked before the next chunk's rows are written, so none is pending.
    expect((await auditOf(m.id)).map((a) => a.state).sort()).toEqual(['done']);
    expect(await prisma.expiryMailboxRun.findFirstOrThrow({ where: { runId: run.id } })).toMatchObject({ status: 'pending', error: expect.stringMatching(/will retry: the expiry lock of mailbox \d+ was taken over or expired/) });
    expect(await connection.get(key)).toBe('run:999999:other'); // the other run's lock is left alone

    await connection.del(key);
    expect(await runMailboxExpiry(ctx, { notifyQueue: queues.notify }, data)).toMatchObject({ status: 'done', deleted: 6, moved: 2 });
    expect(await listMail(direct, m.login)).toEqual(m.expected);
    expect((await auditOf(m.id)).map((a) => a.state)).toEqual(Array(8).fill('done'));
  });

  it("a user's mail client changing flags while the expiry fetches (unsolicited FETCH responses without a UID) does not break the run", async () => {
    const m = await seededMailbox(6);
    let folder = '';
    const untap = proxy.tap((direction, chunk) => {
      const selected = /SELECT "?([^"\r\n]+)"?/.exec(chunk.toString('latin1'));
      if (direction === 'up' && selected) folder = selected[1];
    });
    // The moment the worker asks for envelopes, the user's own session tags every message of that folder.
    proxy.holdOn(/UID FETCH .*ENVELOPE/, () => withMailbox(direct, m.login, async (c) => {
      const lock = await c.getMailboxLock(folder);
      try { await c.messageFlagsAdd('1:*', ['$Label1']); } finally { lock.release(); }
    }), { times: 3 });
    const { run } = await createMailboxRun(prisma, { mailboxId: m.id, dryRun: false, trigger: 'manual', createdBy: null });
    const result = await runMailboxExpiry(ctx, { notifyQueue: queues.notify }, { mailboxId: m.id, runId: run.id, dryRun: false });
    untap();
    await proxy.resume();
    expect(result).toMatchObject({ status: 'done', deleted: 6, moved: 2, error: null });
    expect(await listMail(direct, m.login)).toEqual(m.expected);
    expect((await auditOf(m.id)).map((a) => [a.state, typeof a.uid])).toEqual(Array(8).fill(['done', 'number']));
  });
});

function startWorkerProcess(): Promise<ChildProcess> {
  const script = path.resolve(import.meta.dirname, 'fixtures/short-lock-workers.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: {
      ...process.env,
      DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX, IMAP_HOST: '127.0.0.1', IMAP_PORT: String(proxy.port),
      IMAP_ADMIN_USER: direct.IMAP_ADMIN_USER, IMAP_ADMIN_PASSWORD: direct.IMAP_ADMIN_PASSWORD, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(SMTP_PORT),
      MAIL_FROM: 'Mailwarden <mailwarden@example.test>', SESSION_SECRET: direct.SESSION_SECRET, EXPIRY_CONCURRENCY: '1', LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => { if (b.toString().includes('ready')) resolve(child); });
    child.once('exit', (code) => reject(new Error(`worker process exited with ${code} before it was ready`)));
  });
}

describe('a worker process killed with SIGKILL mid-sweep', () => {
  it('leaves its job stalled; a new worker recovers it and the sweep completes exactly as policy says', async () => {
    const mailboxes = [];
    for (const n of [3, 4, 5]) mailboxes.push(await seededMailbox(n));
    await prisma.mailbox.updateMany({ where: { id: { notIn: mailboxes.map((m) => m.id) } }, data: { status: 'disabled' } });
    proxy.setLatency(15);
    const first = await startWorkerProcess();
    // Kill the moment the first mailbox's removal command leaves for Dovecot: its audit rows are pending, its lock held.
    let killedAt = 0;
    const untap = proxy.tap((direction, chunk) => {
      if (!killedAt && direction === 'up' && /UID EXPUNGE|UID MOVE/.test(chunk.toString('latin1'))) {
        killedAt = Date.now();
        first.kill('SIGKILL');
      }
    });
    const sweep = await queues['expiry-sweep'].add('expiry-sweep', { dryRun: false, trigger: 'scheduled' });
    await expect.poll(() => killedAt, { timeout: 20_000, interval: 20 }).toBeGreaterThan(0);
    untap();
    await new Promise((resolve) => (first.exitCode !== null || first.signalCode !== null ? resolve(null) : first.once('exit', resolve)));
    const runId = (await queues['expiry-sweep'].getJob(sweep.id!))!.data.runId!;
    expect(runId).toEqual(expect.any(Number));
    const active = await queues.expiry.getActive();
    expect(active).toHaveLength(1); // the killed job: still "active", nobody working on it
    const lockTtl = await connection.pttl(`${QUEUE_PREFIX}:expiry:${active[0].id}:lock`);
    expect(lockTtl).toBeLessThanOrEqual(4000); // the child's shortened lock
    expect((await prisma.expiredMessage.count({ where: { state: 'pending' } })) + (await prisma.expiredMessage.count({ where: { state: 'done' } }))).toBeGreaterThan(0);

    const second = await startWorkerProcess();
    await expect.poll(async () => (await prisma.expiryRun.findUniqueOrThrow({ where: { id: runId } })).status, { timeout: 40_000, interval: 200 }).toBe('completed');
    const recovered = (await queues.expiry.getJob(active[0].id!))!;
    expect(await recovered.getState()).toBe('completed');
    expect(recovered.stalledCounter).toBe(1); // came back through BullMQ's stalled-job check
    const rows = await prisma.expiryMailboxRun.findMany({ where: { runId }, orderBy: { mailboxId: 'asc' } });
    expect(rows.map((r) => [r.mailboxId, r.status, r.deleted, r.moved])).toEqual(mailboxes.map((m) => [m.id, 'done', 6, 2]));
    for (const m of mailboxes) {
      expect(await listMail(direct, m.login)).toEqual(m.expected);
      expect((await auditOf(m.id)).map((a) => a.state)).toEqual(Array(8).fill('done'));
    }
    expect(await prisma.auditEvent.count({ where: { action: 'mailbox.expired', entityId: { in: mailboxes.map((m) => String(m.id)) } } })).toBe(3);
    second.kill('SIGTERM');
    await new Promise((resolve) => second.once('exit', resolve));
    await proxy.resume();
  }, 90_000); // two worker processes start (tsx compiles the worker tree): ~3 s each on an idle machine, 10+ s on a busy one
});
