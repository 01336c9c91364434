// Real Dovecot (SQL userdb over the test database), PostgreSQL, Redis and BullMQ: the API enqueues
// a probe, an in-process worker runs it over IMAP, and the result is read back through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Worker } from 'bullmq';
import net, { type AddressInfo } from 'node:net';
import { pino } from 'pino';
import { as, createStaff, login, startTestApp, type Session } from '../harness/app.ts';
import { createWorkerRedis } from '../../server/core/lib/redis.ts';
import { createProbeWorker } from '../../jobs/workers/probe.ts';
import { testMailUser } from '../harness/env.ts';
import { resetMaildir } from '../harness/mail.ts';
import type { Config } from '../../server/core/config.ts';

let app: FastifyInstance;
let config: Config;
let helpdesk: Session;
let worker: Worker;
const connection = createWorkerRedis('redis://127.0.0.1:6379');

async function waitForProbe(id: number, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const res = await as(app, helpdesk, { method: 'GET', url: `/api/mailboxes/${id}` });
    if (res.json().probedAt) return res.json();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('probe did not finish');
}

async function createMailbox(login: string, limitBytes: number | null) {
  await resetMaildir(login);
  // dovecot_users computes Dovecot's limit itself (override, plan, increases): set it as an override, not only the cached column.
  const bytes = limitBytes === null ? null : BigInt(limitBytes);
  return app.prisma.mailbox.create({ data: { address: login, imapLogin: login, limitOverrideBytes: bytes, effectiveLimitBytes: bytes } });
}

beforeAll(async () => {
  ({ app, config } = await startTestApp());
  await createStaff(app, 'helpdesk');
  helpdesk = await login(app, 'helpdesk@example.test');
  worker = createProbeWorker({ config, prisma: app.prisma, connection, logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  await worker.close();
  connection.disconnect();
  await app.close();
});

describe('probe mailbox job', () => {
  it('reads capabilities, the quota root from the database limit, and special-use folders', async () => {
    const mailbox = await createMailbox(testMailUser(1), 5 * 1024 * 1024);
    const res = await as(app, helpdesk, { method: 'POST', url: `/api/mailboxes/${mailbox.id}/probe` });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ queue: 'probe', jobId: expect.any(String) });

    const probed = await waitForProbe(mailbox.id);
    expect(probed.probeError).toBeNull();
    expect(probed.probeResult.capabilities).toEqual(expect.arrayContaining(['IMAP4rev1', 'QUOTA', 'UIDPLUS', 'SPECIAL-USE']));
    expect(probed.probeResult.quota).toMatchObject({ storageLimitBytes: 5 * 1024 * 1024, storageUsedBytes: 0 });
    const specialUse = probed.probeResult.folders.map((f: { specialUse: string | null }) => f.specialUse).filter(Boolean);
    expect(specialUse).toEqual(expect.arrayContaining(['\\Trash', '\\Junk', '\\Sent', '\\Archive']));
    expect(JSON.stringify(probed)).not.toContain(config.IMAP_ADMIN_PASSWORD);

    const audit = await app.prisma.auditEvent.findFirst({ where: { action: 'mailbox.probed', entityId: String(mailbox.id) } });
    expect(audit?.actorType).toBe('system');
  });

  it('works through SASL PLAIN with an authorization identity as well', async () => {
    const mailbox = await createMailbox(testMailUser(2), 1024 * 1024);
    await worker.close();
    worker = createProbeWorker({ config: { ...config, IMAP_ADMIN_MODE: 'authzid' }, prisma: app.prisma, connection, logger: pino({ level: 'silent' }) });
    await as(app, helpdesk, { method: 'POST', url: `/api/mailboxes/${mailbox.id}/probe` });
    const probed = await waitForProbe(mailbox.id);
    expect(probed.probeResult.quota.storageLimitBytes).toBe(1024 * 1024);
  });

  it('marks a mailbox whose login is refused and does not retry it', async () => {
    await worker.close();
    worker = createProbeWorker({ config: { ...config, IMAP_ADMIN_PASSWORD: 'wrong-password' }, prisma: app.prisma, connection, logger: pino({ level: 'silent' }) });
    const mailbox = await createMailbox(testMailUser(3), null);
    const res = await as(app, helpdesk, { method: 'POST', url: `/api/mailboxes/${mailbox.id}/probe` });
    const probed = await waitForProbe(mailbox.id);
    expect(probed.probeResult).toBeNull();
    expect(probed.probeError).toMatch(/refused/);
    const job = await app.queues.probe.getJob(res.json().jobId);
    await new Promise((r) => setTimeout(r, 200));
    expect(await job!.getState()).toBe('failed');
    expect(job!.attemptsMade).toBe(1);
  });

  it('records a failed attempt on the mailbox even when the failure is not a refused login, and retries it', async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const { port } = closed.address() as AddressInfo;
    await new Promise((r) => closed.close(r));
    await worker.close();
    worker = createProbeWorker({ config: { ...config, IMAP_PORT: port }, prisma: app.prisma, connection, logger: pino({ level: 'silent' }) });
    const mailbox = await createMailbox(testMailUser(4), null);
    const res = await as(app, helpdesk, { method: 'POST', url: `/api/mailboxes/${mailbox.id}/probe` });
    const probed = await waitForProbe(mailbox.id);
    expect(probed.probeResult).toBeNull();
    expect(probed.probeError).toMatch(/ECONNREFUSED.*\(attempt 1 of 3, retried\)$/);
    expect(probed.probeError).not.toContain(config.IMAP_ADMIN_PASSWORD);
    const job = await app.queues.probe.getJob(res.json().jobId);
    expect(['delayed', 'waiting', 'active']).toContain(await job!.getState());
    await job!.remove().catch(() => undefined);
  });

  it('answers 404 for an unknown mailbox', async () => {
    const res = await as(app, helpdesk, { method: 'POST', url: '/api/mailboxes/999999/probe' });
    expect(res.statusCode).toBe(404);
  });
});
