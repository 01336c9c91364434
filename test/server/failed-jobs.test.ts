// Real PostgreSQL and Redis (BullMQ queues under this file's own prefix); the API via app.inject. Throwaway BullMQ
// Workers that always throw make real failed jobs in three queues; nothing is stubbed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { QueueEvents, Worker } from 'bullmq';
import type { Config } from '../../server/core/config.ts';
import type { QueueName } from '../../server/core/queues/registry.ts';
import { as, createStaff, login, startTestApp, type Session } from '../harness/app.ts';
import { createWorkerRedis } from '../../server/core/lib/redis.ts';
import { readableFailure } from '../../server/core/domain/job-failure.ts';

let app: FastifyInstance;
let config: Config;
let ops: Session;
let helpdesk: Session;
let mailboxId: number;
let noticeMailboxId: number;
const connection = createWorkerRedis('redis://127.0.0.1:6379');

/** Adds a job to `queue` and lets a worker that throws `message` fail it for good (one attempt). */
async function failJob(queue: QueueName, data: object, message: string) {
  const worker = new Worker<unknown, unknown>(queue, async () => { throw new Error(message); }, { connection, prefix: config.QUEUE_PREFIX });
  const eventsConnection = createWorkerRedis(config.REDIS_URL);
  const events = new QueueEvents(queue, { connection: eventsConnection, prefix: config.QUEUE_PREFIX });
  await events.waitUntilReady();
  const job = await (app.queues[queue] as unknown as { add(n: string, d: object, o: object): Promise<{ waitUntilFinished(e: QueueEvents): Promise<unknown>; id?: string }> })
    .add(queue, data, { attempts: 1 });
  await job.waitUntilFinished(events).catch(() => undefined);
  await worker.close();
  await events.close();
  eventsConnection.disconnect();
  return job.id!;
}

beforeAll(async () => {
  ({ app, config } = await startTestApp());
  await createStaff(app, 'ops');
  await createStaff(app, 'helpdesk');
  ops = await login(app, 'ops@example.test');
  helpdesk = await login(app, 'helpdesk@example.test');
  mailboxId = (await app.prisma.mailbox.create({ data: { address: 'nine@example.test', imapLogin: 'nine@example.test', displayName: 'Nine' } })).id;
  noticeMailboxId = (await app.prisma.mailbox.create({ data: { address: 'noticed@example.test', imapLogin: 'noticed@example.test', displayName: 'Noticed' } })).id;
});
afterAll(async () => {
  await app.close();
  connection.disconnect();
});

describe('failed jobs across queues', () => {
  let probeId: string;
  let scanId: string;
  let notifyId: string;

  beforeAll(async () => {
    const notice = await app.prisma.notification.create({ data: { mailboxId: noticeMailboxId, kind: 'near_quota', dedupeKey: 'near:80:test', toAddress: 'noticed@example.test', data: { address: 'noticed@example.test' } } });
    probeId = await failJob('probe', { mailboxId }, 'Command failed');
    scanId = await failJob('usage-scan', { mailboxId, reason: 'manual' }, 'connect ECONNREFUSED 127.0.0.1:10143');
    notifyId = await failJob('notify', { notificationId: notice.id }, 'Greeting never received');
  });

  it('lists the failed jobs of every queue, newest first, with the mailbox by address and a readable reason', async () => {
    const res = await as(app, ops, { method: 'GET', url: '/api/queues/failed-jobs' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-range']).toBe('failed-jobs 0-2/3');
    const rows = res.json() as { id: string; queue: string; mailboxAddress: string | null; reason: string; failedReason: string; attemptsMade: number; finishedOn: string }[];
    expect(rows.map((r) => `${r.queue}/${r.id}`)).toEqual([`notify/${notifyId}`, `usage-scan/${scanId}`, `probe/${probeId}`]);
    expect(rows.map((r) => r.mailboxAddress)).toEqual(['noticed@example.test', 'nine@example.test', 'nine@example.test']);
    expect(rows[1]).toMatchObject({ reason: 'Could not connect: the server refused the connection (is it running?)', failedReason: 'connect ECONNREFUSED 127.0.0.1:10143', attemptsMade: 1 });
    expect(rows[2].reason).toBe('The IMAP server refused a command');
    expect(rows[0].reason).toBe('Greeting never received'); // no known cause: the raw reason
    expect(new Date(rows[0].finishedOn).getTime()).toBeGreaterThanOrEqual(new Date(rows[2].finishedOn).getTime());

    const page = await as(app, ops, { method: 'GET', url: `/api/queues/failed-jobs?range=[1,1]` });
    expect(page.headers['content-range']).toBe('failed-jobs 1-1/3');
    expect(page.json().map((r: { id: string }) => r.id)).toEqual([scanId]);
    const one = await as(app, ops, { method: 'GET', url: `/api/queues/failed-jobs?filter=${encodeURIComponent('{"queue":"probe"}')}` });
    expect(one.json().map((r: { queue: string }) => r.queue)).toEqual(['probe']);
  });

  it('refuses an unknown queue with a 400 naming the filter, and help desk with a 403', async () => {
    const bad = await as(app, ops, { method: 'GET', url: `/api/queues/failed-jobs?filter=${encodeURIComponent('{"queue":"nope"}')}` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('filter.queue');
    expect((await as(app, ops, { method: 'POST', url: '/api/queues/failed-jobs/retry', payload: { queue: 'nope' } })).statusCode).toBe(400);
    expect((await as(app, helpdesk, { method: 'GET', url: '/api/queues/failed-jobs' })).statusCode).toBe(403);
    expect((await as(app, helpdesk, { method: 'POST', url: '/api/queues/failed-jobs/retry', payload: {} })).statusCode).toBe(403);
  });

  it('retries the failed jobs of one queue, then all the others, audited per queue', async () => {
    const probe = await as(app, ops, { method: 'POST', url: '/api/queues/failed-jobs/retry', payload: { queue: 'probe' } });
    expect(probe.statusCode, probe.body).toBe(200);
    expect(probe.json()).toEqual({ count: 1, retried: { probe: [probeId] }, remaining: 0 });
    expect(await (await app.queues.probe.getJob(probeId))!.getState()).toBe('waiting');
    expect((await as(app, ops, { method: 'GET', url: '/api/queues/failed-jobs' })).headers['content-range']).toBe('failed-jobs 0-1/2');

    const all = await as(app, ops, { method: 'POST', url: '/api/queues/failed-jobs/retry', payload: {} });
    expect(all.json()).toEqual({ count: 2, retried: { 'usage-scan': [scanId], notify: [notifyId] }, remaining: 0 });
    expect(await (await app.queues.notify.getJob(notifyId))!.getState()).toBe('waiting');
    expect((await as(app, ops, { method: 'GET', url: '/api/queues/failed-jobs' })).json()).toEqual([]);
    const audit = await app.prisma.auditEvent.findMany({ where: { action: 'job.retry_all' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.entityId, a.actorEmail, (a.after as { retried: number }).retried])).toEqual([
      ['probe', 'ops@example.test', 1], ['usage-scan', 'ops@example.test', 1], ['notify', 'ops@example.test', 1],
    ]);
  });
});

describe('readableFailure', () => {
  it('puts the likely cause first and keeps an unknown reason as it is', () => {
    expect(readableFailure('IMAP login as a@b through admin access was refused (IMAP_ADMIN_MODE=master)')).toBe('The mail server refused the login');
    expect(readableFailure('job stalled more than allowable limit')).toBe('The worker running it stopped (crash or restart) too many times');
    expect(readableFailure('mailbox 9 no longer exists')).toBe('What the job was for was deleted before it ran');
    expect(readableFailure('IMAP server did not answer SELECT within 30000 ms (IMAP_READ_TIMEOUT_MS)')).toBe('The server did not answer in time');
    expect(readableFailure(null)).toBe('No reason was recorded');
    expect(readableFailure('Something odd\nat line 2')).toBe('Something odd');
  });
});
