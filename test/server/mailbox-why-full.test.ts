// "Why is it full" and "Recalculate now" answered when the work ends (#19). Real PostgreSQL, Redis and Dovecot, the
// real mailbox-read and usage-scan workers; nothing stubbed.
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../server/core/config.ts';
import { createWorkerRedis } from '../../server/core/lib/redis.ts';
import { findLargestMessages } from '../../server/core/imap/largest-messages.ts';
import { createUsageScanWorker } from '../../jobs/workers/usage-scan.ts';
import { as, createStaff, login, startMailboxReader, startTestApp, type Session } from '../harness/app.ts';
import { testMailUser } from '../harness/env.ts';
import { withMailbox } from '../harness/mail.ts';
import { createMailboxRow, seed } from '../harness/retention.ts';

let app: FastifyInstance;
let config: Config;
let helpdesk: Session;
let admin: Session;
let reader: { close(): Promise<void> };
let fullId: number;
let scannedId: number;
const full = testMailUser(37);
const scanned = testMailUser(38);

beforeAll(async () => {
  ({ app, config } = await startTestApp());
  await createStaff(app, 'helpdesk');
  await createStaff(app, 'admin');
  helpdesk = await login(app, 'helpdesk@example.test');
  admin = await login(app, 'admin@example.test');
  reader = startMailboxReader(app, config);
  fullId = (await createMailboxRow(app.prisma, full)).id;
  await seed(config, full, [
    { folder: 'INBOX', count: 5, ageDays: 1, sizeBytes: 10_000, subjectPrefix: 'small' },
    { folder: 'Archive', count: 1, ageDays: 30, sizeBytes: 200_000, subjectPrefix: 'video' },
    { folder: 'Archive', count: 2, ageDays: 20, sizeBytes: 60_000, subjectPrefix: 'slides' },
    { folder: '\\Trash', count: 1, ageDays: 2, sizeBytes: 100_000, subjectPrefix: 'scan' },
  ]);
  scannedId = (await createMailboxRow(app.prisma, scanned)).id;
  await seed(config, scanned, [{ folder: 'INBOX', count: 3, ageDays: 1, sizeBytes: 50_000 }]);
});
afterAll(async () => {
  await reader?.close();
  await app?.close();
});

const largest = (s: Session, query = '') => as(app, s, { method: 'GET', url: `/api/mailboxes/${fullId}/largest-messages${query}` });

describe('GET /api/mailboxes/:id/largest-messages', () => {
  it('ranks the largest messages across folders by the server\'s SORT, without subjects for help desk', async () => {
    const res = await largest(helpdesk, '?limit=3');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.method).toBe('sort');
    expect(body.withMetadata).toBe(false);
    expect(body.messages.map((m: { folder: string }) => m.folder)).toEqual(['Archive', 'Trash', 'Archive']);
    const sizes = body.messages.map((m: { size: number }) => m.size);
    expect(sizes[0]).toBeGreaterThan(200_000 - 1);
    expect(sizes[1]).toBeGreaterThan(100_000 - 1);
    expect(sizes[0]).toBeGreaterThan(sizes[1]);
    expect(sizes[1]).toBeGreaterThan(sizes[2]);
    expect(body.messages.every((m: { subject: unknown; from: unknown }) => m.subject === null && m.from === null)).toBe(true);
    expect(body.errors).toEqual([]);
    const audit = await app.prisma.auditEvent.findFirst({ where: { action: 'mailbox.largest_messages', actorEmail: 'helpdesk@example.test' } });
    expect(audit?.after).toMatchObject({ messagesListed: 3, subjects: 'hidden' }); // the audit reads "messages listed 3; subjects hidden"
  });

  it('gives subjects and senders to staff with the message-metadata permission', async () => {
    const body = (await largest(admin, '?limit=2')).json();
    expect(body.withMetadata).toBe(true);
    expect(body.messages.map((m: { subject: string }) => m.subject)).toEqual(['video Archive 1/1', 'scan Trash 1/1']);
    expect(body.messages[0].from).toBe('seed@mailwarden.test');
  });

  it('ranks the same way with a FETCH of every size when the server has no SORT', async () => {
    const bySort = (await largest(admin, '?limit=10')).json().messages;
    const byFetch = await withMailbox(config, full, async (client) => {
      client.capabilities.delete('SORT');
      return findLargestMessages(client, 10, true);
    });
    expect(byFetch.method).toBe('fetch');
    expect(byFetch.messages).toEqual(bySort);
  });

  it('refuses a limit over 100 with a 400 naming the field, and an unknown mailbox with a 404', async () => {
    const tooMany = await largest(helpdesk, '?limit=101');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toMatch(/limit/);
    const missing = await as(app, helpdesk, { method: 'GET', url: '/api/mailboxes/999999/largest-messages' });
    expect(missing.statusCode).toBe(404);
  });
});

describe('GET /api/mailboxes/:id/scans/:jobId', () => {
  it('answers when the worker has stored the new figures, and 404 for another mailbox\'s job', async () => {
    const connection = createWorkerRedis(config.REDIS_URL);
    const startScanner = (workerConfig: Config) => createUsageScanWorker(
      { config: workerConfig, prisma: app.prisma, connection, logger: pino({ level: 'silent' }) },
      { notifyQueue: app.queues.notify, scanQueue: app.queues['usage-scan'] },
    );
    let worker = startScanner(config);
    try {
      const queued = await as(app, helpdesk, { method: 'POST', url: `/api/mailboxes/${scannedId}/scan` });
      expect(queued.statusCode).toBe(202);
      const { jobId } = queued.json();
      expect((await as(app, helpdesk, { method: 'GET', url: `/api/mailboxes/${fullId}/scans/${jobId}` })).statusCode).toBe(404);
      const waited = await as(app, helpdesk, { method: 'GET', url: `/api/mailboxes/${scannedId}/scans/${jobId}` });
      expect(waited.statusCode, waited.body).toBe(200);
      expect(waited.json()).toEqual({ jobId, state: 'completed' });
      // When the answer comes, the figures are already stored: the console's next read shows them.
      const row = await app.prisma.mailbox.findUniqueOrThrow({ where: { id: scannedId } });
      expect(Number(row.usedBytes)).toBeGreaterThan(150_000 - 1);
      // Asked again after the end, it answers at once from the job's state.
      expect((await as(app, helpdesk, { method: 'GET', url: `/api/mailboxes/${scannedId}/scans/${jobId}` })).json().state).toBe('completed');

      // A refused admin login fails the scan for good (no retry): 'failed', and the row says why.
      await worker.close();
      worker = startScanner({ ...config, IMAP_ADMIN_PASSWORD: 'not-the-master-password' });
      const refusedJob = (await as(app, helpdesk, { method: 'POST', url: `/api/mailboxes/${scannedId}/scan` })).json().jobId;
      const failed = await as(app, helpdesk, { method: 'GET', url: `/api/mailboxes/${scannedId}/scans/${refusedJob}` });
      expect(failed.json().state).toBe('failed');
      expect((await app.prisma.mailbox.findUniqueOrThrow({ where: { id: scannedId } })).scanError).toBeTruthy();
    } finally {
      await worker.close();
      connection.disconnect();
    }
  });
});
