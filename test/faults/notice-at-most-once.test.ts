// Real: the notify worker (jobs/workers/notify.ts) and its pooled nodemailer transport, BullMQ (retries, stalled-job
// detection), PostgreSQL, Redis and the smtp-server sink. Injected: TCP proxies (test/harness/fault-proxy.ts) before
// the sink (to hold the server's "250 message queued" answer) and before PostgreSQL (to refuse and cut connections
// at that moment). Retry backoffs and lock durations are shortened so the faults play out within a test.
import { Queue, type Job, type Worker } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from '../harness/fault-proxy.ts';
import { startJobsHarness, waitForJob, type JobsHarness } from '../harness/jobs.ts';
import { TEST_DATABASE_URL, TEST_DB_NAME, testPort } from '../harness/env.ts';
import { createPrisma } from '../../server/core/lib/prisma.ts';
import { createNotifyWorker } from '../../jobs/workers/notify.ts';
import { SEND_DEADLINE_MS, markStaleSendsUnknown } from '../../server/core/services/notice-delivery.ts';
import type { JobPayloads } from '../../server/core/queues/registry.ts';

const SINK_PORT = testPort(10440);
// The SMTP server's answer to the end of DATA: the message is stored once this is on its way back.
const ACCEPTED = /250 OK: message queued/;
let smtpProxy: FaultProxy;
let dbProxy: FaultProxy;
let h: JobsHarness;
/** Straight to PostgreSQL: what is really stored, whatever the proxy does. */
const db = createPrisma(TEST_DATABASE_URL);

beforeAll(async () => {
  smtpProxy = await FaultProxy.start({ port: testPort(10441), targetPort: SINK_PORT });
  dbProxy = await FaultProxy.start({ port: testPort(10442), targetPort: 5432 });
  h = await startJobsHarness(SINK_PORT, {
    SMTP_PORT: String(smtpProxy.port),
    DATABASE_URL: `postgresql://root@127.0.0.1:${dbProxy.port}/${TEST_DB_NAME}`,
  });
});
afterEach(async () => {
  await smtpProxy.resume();
  await dbProxy.resume();
});
afterAll(async () => {
  await h?.stop();
  await smtpProxy?.close();
  await dbProxy?.close();
  await db.$disconnect();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A recorded, not yet sent notice to `<tag>@example.test`. */
async function pendingNotice(tag: string, extra: { status?: 'sending'; claimedAt?: Date } = {}) {
  const address = `${tag}@example.test`;
  const mailbox = await db.mailbox.create({ data: { address, imapLogin: address } });
  return db.notification.create({ data: { mailboxId: mailbox.id, kind: 'back_under', dedupeKey: `test:${tag}`, toAddress: address, data: { address }, ...extra } });
}
const copiesTo = (address: string) => h.sink.messages.filter((m) => m.envelope.to.includes(address));
const row = (id: number) => db.notification.findUniqueOrThrow({ where: { id } });

/** A promise with its resolve, to hold a fault until the test lets go. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => { open = resolve; });
  return { open, opened };
}

describe('the same notification delivered to several jobs at once', () => {
  it('sends one message: one job claims the row, the others find it sending', async () => {
    const n = await pendingNotice('twice');
    // Holds the first MAIL FROM a moment, so every job has read the row before any message is on its way.
    smtpProxy.holdOn(/MAIL FROM/i, () => sleep(500));
    const jobs = await Promise.all(['a', 'b', 'c'].map((k) => h.queues.notify.add('notify', { notificationId: n.id }, { jobId: `dup-${k}-${n.id}` })));
    const results = await Promise.all(jobs.map((job) => waitForJob(h.queues.notify, job)));

    expect(copiesTo(n.toAddress)).toHaveLength(1);
    expect(results.filter((r) => (r as { messageId?: string }).messageId)).toHaveLength(1);
    expect(results.filter((r) => (r as { skipped?: string }).skipped)).toHaveLength(2);
    expect(await row(n.id)).toMatchObject({ status: 'sent', attempts: 1, smtpMessageId: copiesTo(n.toAddress)[0].parsed.messageId });
  });
});

describe('PostgreSQL fails right after the SMTP server accepted the notice', () => {
  it('the retry records the acceptance kept on the job and sends nothing again', async () => {
    const n = await pendingNotice('db-lost');
    // The sink has stored the message; before its 250 reaches the worker the database goes away.
    smtpProxy.holdOn(ACCEPTED, async () => {
      await dbProxy.refuse();
      dbProxy.cutAll();
    }, { direction: 'down' });
    const job = await h.queues.notify.add('notify', { notificationId: n.id }, { jobId: `notification-${n.id}`, attempts: 5, backoff: { type: 'fixed', delay: 1000 } });
    await expect.poll(async () => (await h.queues.notify.getJob(job.id!))?.attemptsMade, { timeout: 15_000, interval: 50 }).toBeGreaterThanOrEqual(1);
    expect(copiesTo(n.toAddress)).toHaveLength(1);
    const meanwhile = await row(n.id); // the acceptance never reached the row

    await dbProxy.resume();
    const result = await waitForJob(h.queues.notify, job);
    const copies = copiesTo(n.toAddress);
    expect(copies).toHaveLength(1);
    expect(meanwhile).toMatchObject({ status: 'sending', sentAt: null });
    expect(result).toMatchObject({ recovered: true });
    expect(await row(n.id)).toMatchObject({ status: 'sent', attempts: 1, error: null, smtpMessageId: copies[0].parsed.messageId });
  });
});

describe('a stalled job handed to a second worker while the first is still sending', () => {
  let queue: Queue<JobPayloads['notify']>;
  const workers: Worker[] = [];
  afterAll(async () => {
    await Promise.allSettled(workers.map((w) => w.close(true)));
    await queue?.close();
  });

  it('the second worker finds the row claimed and sends nothing; the first one records its send', async () => {
    // Own queue prefix: only the two workers below see these jobs.
    const ctx = { ...h.ctx, config: { ...h.ctx.config, QUEUE_PREFIX: `${h.ctx.config.QUEUE_PREFIX}-stall` } };
    queue = new Queue('notify', { connection: h.ctx.connection, prefix: ctx.config.QUEUE_PREFIX });
    // The first worker's lock lapses after 1 s and is never renewed: to BullMQ it looks like a worker that died or
    // froze, so its job is "stalled" and given to the next worker, while the first is in fact still sending.
    const first = createNotifyWorker(ctx, { concurrency: 1, lockDuration: 1000, skipLockRenewal: true, stalledInterval: 300 });
    workers.push(first);
    for (const w of workers) w.on('error', () => {}); // the first worker cannot finish a job it lost: expected

    const n = await pendingNotice('stalled');
    const held = gate();
    const release = gate();
    smtpProxy.holdOn(ACCEPTED, () => { held.open(); return release.opened; }, { direction: 'down' });
    const job = await queue.add('notify', { notificationId: n.id }, { jobId: `notification-${n.id}` });
    await held.opened; // the sink has the message; the first worker waits for the answer

    const second = createNotifyWorker(ctx, { concurrency: 1, stalledInterval: 300 });
    workers.push(second);
    second.on('error', () => {});
    const redelivered = await new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the stalled job was not redelivered')), 15_000);
      second.on('completed', (j: Job, result: unknown) => { if (j.id === job.id) { clearTimeout(timer); resolve(result); } });
      second.on('failed', (j: Job | undefined, err: Error) => { if (j?.id === job.id) { clearTimeout(timer); reject(err); } });
    });
    expect(copiesTo(n.toAddress)).toHaveLength(1);
    expect(redelivered).toEqual({ skipped: 'sending' });

    release.open();
    await expect.poll(async () => (await row(n.id)).status, { timeout: 10_000 }).toBe('sent');
    expect(copiesTo(n.toAddress)).toHaveLength(1);
    expect(await row(n.id)).toMatchObject({ attempts: 1, smtpMessageId: copiesTo(n.toAddress)[0].parsed.messageId });
  });
});

describe('a row a worker claimed and never finished (it died between the claim and the SMTP answer)', () => {
  it('is not sent while its send may still be running, and becomes unknown, never re-sent, after the deadline', async () => {
    const fresh = await pendingNotice('in-flight', { status: 'sending', claimedAt: new Date() });
    expect(await h.run(h.queues.notify, { notificationId: fresh.id })).toEqual({ skipped: 'sending' });
    expect(await row(fresh.id)).toMatchObject({ status: 'sending' });

    const stale = await pendingNotice('died', { status: 'sending', claimedAt: new Date(Date.now() - SEND_DEADLINE_MS - 1000) });
    expect(await h.run(h.queues.notify, { notificationId: stale.id })).toEqual({ skipped: 'unknown' });
    expect(await row(stale.id)).toMatchObject({ status: 'unknown', error: expect.stringMatching(/may or may not have been delivered/) });
    expect(await h.run(h.queues.notify, { notificationId: stale.id }, { jobId: `again-${stale.id}` })).toEqual({ skipped: 'unknown' });
    expect(copiesTo(fresh.toAddress)).toHaveLength(0);
    expect(copiesTo(stale.toAddress)).toHaveLength(0);

    // The scan-all sweep settles the ones no job comes back for, once no send can still be running.
    expect(await markStaleSendsUnknown(db, new Date())).toBe(0);
    expect(await markStaleSendsUnknown(db, new Date(Date.now() + SEND_DEADLINE_MS + 1000))).toBe(1);
    expect(await row(fresh.id)).toMatchObject({ status: 'unknown' });
  });
});
