// Real API (app.inject), real BullMQ usage-scan worker over real IMAP to the test Dovecot, real PostgreSQL and
// Redis pub/sub, and the real policy server over TCP: changes made the supported ways reach SMTP-time decisions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { seedMailbox } from '../../scripts/lib/seed-mail.ts';
import { PolicyClient, rcptRequest } from '../../bench/lib/policy-client.ts';
import { as, createStaff, login, startTestApp, type Session } from '../harness/app.ts';
import { startJobsHarness, type JobsHarness } from '../harness/jobs.ts';
import { TEST_PORTS, testMailUser } from '../harness/env.ts';
import { resetMaildir, withMailbox } from '../harness/mail.ts';
import { startTestPolicy, type TestPolicy } from '../harness/policy.ts';

const KiB = 1024;
const USER = testMailUser(31);
const PREFIX = `mwtest-policy-${process.pid}`;
let app: FastifyInstance;
let jobs: JobsHarness;
let policy: TestPolicy;
let client: PolicyClient;
let helpdesk: Session;
let mailboxId: number;

const scan = () => jobs.run(jobs.queues['usage-scan'], { mailboxId, reason: 'manual' });
const append = (count: number) => withMailbox(jobs.ctx.config, USER, (c) => seedMailbox(c, USER, [{ folder: 'INBOX', count, ageDays: 1, sizeBytes: 20 * KiB }]));
// DATA-stage requests are judged but never counted, so polling with them does not change what is polled.
const probe = (size: number) => client.request(rcptRequest(USER, size, { protocol_state: 'DATA' }));

beforeAll(async () => {
  // The worker's SMTP sink sits next to the policy ports; both processes share one QUEUE_PREFIX (one installation).
  jobs = await startJobsHarness(TEST_PORTS.policy + 3, { QUEUE_PREFIX: PREFIX });
  ({ app } = await startTestApp({ QUEUE_PREFIX: PREFIX }));
  await createStaff(app, 'helpdesk');
  await createStaff(app, 'ops');
  helpdesk = await login(app, 'helpdesk@example.test');
  const ops = await login(app, 'ops@example.test');
  await resetMaildir(USER);
  const created = await as(app, ops, { method: 'POST', url: '/api/mailboxes', payload: { address: USER, limitOverrideBytes: 1024 * KiB } });
  mailboxId = created.json().id;
  await append(10);
  await scan();
  policy = await startTestPolicy({ QUEUE_PREFIX: PREFIX });
  client = await PolicyClient.connect(policy.port);
});
afterAll(async () => {
  client?.close();
  await policy?.stop();
  await app?.close();
  await jobs?.stop();
});

/** Polls every 10 ms until the policy server answers `action`; returns how long that took. */
async function msUntil(size: number, action: string): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 5_000) {
    if ((await probe(size)) === action) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`policy server never answered ${action}`);
}

describe('policy cache', () => {
  it('follows a quota change made through the API within 1 s, and agrees with Dovecot', async () => {
    expect(await probe(500 * KiB)).toBe('DUNNO'); // ~200 KiB used of 1 MiB

    const lowered = await as(app, helpdesk, { method: 'PUT', url: `/api/mailboxes/${mailboxId}`, payload: { limitOverrideBytes: 512 * KiB } });
    expect(lowered.statusCode).toBe(200);
    expect(await msUntil(500 * KiB, '552 5.2.2 Mailbox is full')).toBeLessThan(1000);
    const quota = await withMailbox(jobs.ctx.config, USER, (c) => c.getQuota('INBOX'));
    expect(quota && quota.storage?.limit).toBe(512 * KiB);

    const raised = await as(app, helpdesk, { method: 'PUT', url: `/api/mailboxes/${mailboxId}`, payload: { limitOverrideBytes: 1024 * KiB } });
    expect(raised.statusCode).toBe(200);
    expect(await msUntil(500 * KiB, 'DUNNO')).toBeLessThan(1000);
  });

  it('takes fresh usage from a finished scan and restarts its count of accepted bytes', async () => {
    const entry = policy.service.cache.get(USER)!;
    const usedBefore = entry.usedBytes!;
    expect(await client.request(rcptRequest(USER, 100 * KiB))).toBe('DUNNO');
    expect(entry.acceptedBytes).toBe(100 * KiB);

    await append(5); // 100 KiB more really arrives
    await scan();
    const row = await jobs.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id: mailboxId } });
    await expect.poll(() => entry.usedBytes, { timeout: 1000, interval: 10 }).toBe(Number(row.usedBytes));
    expect(entry.usedBytes).toBeGreaterThan(usedBefore);
    expect(entry.scannedAt).toBe(row.scannedAt!.getTime());
    expect(entry.acceptedBytes).toBe(0);
  });
});
