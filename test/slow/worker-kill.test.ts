// Real: the production worker entrypoint (jobs/index.ts) as child processes with production timings (BullMQ lock 60 s, stalled check every 30 s), Dovecot, PostgreSQL, Redis, SMTP sink. Injected: SIGKILL of the worker process mid-sweep, and latency on a proxy before Dovecot so the kill lands mid-mailbox. Takes ~1.5–2 minutes: recovery waits out the dead worker's lock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from '../harness/fault-proxy.ts';
import { envOf, startEntrypoint, type Entrypoint } from '../harness/processes.ts';
import { truncateAll } from '../harness/db.ts';
import { TEST_PORTS, testConfig, testMailUser, testPort } from '../harness/env.ts';
import { STANDARD_RULES, createMailboxRow, createPolicy, expectedAfterStandardRun, listMail, seed, subjectsOf } from '../harness/retention.ts';
import { createPrisma } from '../../server/core/lib/prisma.ts';
import { createWorkerRedis } from '../../server/core/lib/redis.ts';
import { closeQueues, createQueues } from '../../server/core/queues/registry.ts';
import { startSmtpSink, type SmtpSink } from '../../scripts/lib/smtp-sink.ts';

const config = testConfig({ SMTP_PORT: String(testPort(10393)), EXPIRY_CONCURRENCY: '1', LOG_LEVEL: 'info', SCAN_CRON: '0 0 1 1 *', EXPIRY_CRON: '0 0 1 1 *' });
const prisma = createPrisma(config.DATABASE_URL);
const connection = createWorkerRedis(config.REDIS_URL);
const queues = createQueues(connection, config.QUEUE_PREFIX);
let proxy: FaultProxy;
let sink: SmtpSink;
const workers: Entrypoint[] = [];

beforeAll(async () => {
  await truncateAll(prisma);
  proxy = await FaultProxy.start({ port: testPort(10394), targetPort: TEST_PORTS.imap });
  sink = await startSmtpSink({ port: testPort(10393) });
  await createPolicy(prisma, 'Standard', STANDARD_RULES, { isDefault: true });
});
afterAll(async () => {
  for (const w of workers) await w.kill('SIGKILL');
  await closeQueues(queues);
  connection.disconnect();
  await sink?.stop();
  await proxy?.close();
  await prisma.$disconnect();
});

const startWorker = async () => {
  const w = await startEntrypoint('jobs/index.ts', envOf(config, { IMAP_PORT: String(proxy.port) }), /workers started/);
  workers.push(w);
  return w;
};

describe('worker process killed with SIGKILL mid-sweep (production timings)', () => {
  it('the stalled job is recovered by another worker process and the sweep completes exactly as policy says', async () => {
    const mailboxes = [];
    for (const n of [4, 5]) {
      const login = testMailUser(n);
      const { id } = await createMailboxRow(prisma, login);
      const seeded = await seed(config, login);
      mailboxes.push({ id, login, expected: expectedAfterStandardRun(seeded, subjectsOf(seeded)) });
    }
    proxy.setLatency(15);
    const first = await startWorker();
    let killedAt = 0;
    proxy.tap((direction, chunk) => {
      if (!killedAt && direction === 'up' && /UID EXPUNGE|UID MOVE/.test(chunk.toString('latin1'))) {
        killedAt = Date.now();
        first.child.kill('SIGKILL');
      }
    });
    const sweep = await queues['expiry-sweep'].add('expiry-sweep', { dryRun: false, trigger: 'scheduled' });
    await expect.poll(() => killedAt, { timeout: 30_000, interval: 20 }).toBeGreaterThan(0);
    await first.kill(); // already dying: wait for the exit
    const runId = (await queues['expiry-sweep'].getJob(sweep.id!))!.data.runId!;
    const [stalled] = await queues.expiry.getActive();
    expect(stalled).toBeDefined();

    await startWorker();
    await expect.poll(async () => (await prisma.expiryRun.findUniqueOrThrow({ where: { id: runId } })).status, { timeout: 240_000, interval: 1000 }).toBe('completed');
    const recoveredAfter = Date.now() - killedAt;
    const job = (await queues.expiry.getJob(stalled.id!))!;
    expect(await job.getState()).toBe('completed');
    expect(job.stalledCounter).toBe(1);
    const rows = await prisma.expiryMailboxRun.findMany({ where: { runId }, orderBy: { mailboxId: 'asc' } });
    expect(rows.map((r) => [r.mailboxId, r.status, r.deleted, r.moved])).toEqual(mailboxes.map((m) => [m.id, 'done', 6, 2]));
    for (const m of mailboxes) {
      expect(await listMail(config, m.login)).toEqual(m.expected);
      expect((await prisma.expiredMessage.findMany({ where: { mailboxId: m.id } })).map((a) => a.state)).toEqual(Array(8).fill('done'));
    }
    expect(await prisma.auditEvent.count({ where: { action: 'mailbox.expired' } })).toBe(2);
    console.log(`SIGKILLed worker's job recovered and the sweep completed ${Math.round(recoveredAfter / 1000)} s after the kill`);
  });
});
