// Real: Cyrus IMAP 3.6 (admin access through SASL PLAIN authzid), the API (app.inject), Redis/BullMQ workers,
// PostgreSQL. Cyrus does not read Mailwarden's limits: a limit change (override, temporary increase granted or
// revoked) must reach it with SETQUOTA and show in its own GETQUOTAROOT; with QUOTA_SYNC=off the limit Cyrus
// enforces is recorded on each scan and a mismatch shows in the API.
import type { FastifyInstance } from 'fastify';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestCyrus } from '../harness/cyrus.ts';
import { as, createStaff, login, startTestApp, type Session } from '../harness/app.ts';
import { startJobsHarness, type JobsHarness } from '../harness/jobs.ts';
import { testCyrusConfig, testMailUser, testPort } from '../harness/env.ts';
import { withMailbox } from '../harness/mail.ts';
import { measureUsage } from '../../server/core/imap/usage.ts';
import { otherUsersMailbox, setServerQuota } from '../../server/core/imap/quota-sync.ts';
import { seedMailbox } from '../../scripts/lib/seed-mail.ts';
import { runUsageScan } from '../../jobs/workers/usage-scan.ts';

const KiB = 1024;
const cyrus = testCyrusConfig();
const USER = testMailUser(12);
const OTHER = testMailUser(13);
let h: JobsHarness;
let app: FastifyInstance;
let ops: Session;

/** The limit Cyrus itself enforces on the user's INBOX, read as that user (GETQUOTAROOT INBOX). */
const cyrusLimit = () => withMailbox(cyrus, USER, async (c) => (await measureUsage(c)).limitBytes);
const row = (id: number) => h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id } });

beforeAll(async () => {
  await ensureTestCyrus();
  h = await startJobsHarness(testPort(10463), { IMAP_PORT: String(cyrus.IMAP_PORT), IMAP_ADMIN_MODE: 'authzid', SCAN_RATE_PER_SECOND: '1000' });
  ({ app } = await startTestApp({ IMAP_PORT: String(cyrus.IMAP_PORT), IMAP_ADMIN_MODE: 'authzid', QUEUE_PREFIX: h.ctx.config.QUEUE_PREFIX }));
  await createStaff(app, 'ops');
  ops = await login(app, 'ops@example.test');
});
afterAll(async () => {
  await app?.close();
  await h?.stop();
});

describe('limits on Cyrus (QUOTA_SYNC=auto, IMAP_ADMIN_MODE=authzid)', () => {
  let id: number;

  it('a new mailbox\'s limit is set on Cyrus with SETQUOTA and shows in its GETQUOTAROOT', async () => {
    const res = await as(app, ops, { method: 'POST', url: '/api/mailboxes', payload: { address: USER, limitOverrideBytes: 300 * KiB } });
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    await expect.poll(async () => (await row(id)).serverLimitBytes, { timeout: 15_000 }).toBe(BigInt(300 * KiB));
    expect(await cyrusLimit()).toBe(300 * KiB);
    const api = (await as(app, ops, { method: 'GET', url: `/api/mailboxes/${id}` })).json();
    expect(api).toMatchObject({ effectiveLimitBytes: 300 * KiB, serverLimitBytes: 300 * KiB, serverLimitMismatch: false });
  });

  it('follows an override change, and a temporary increase granted and revoked', async () => {
    expect((await as(app, ops, { method: 'PUT', url: `/api/mailboxes/${id}`, payload: { limitOverrideBytes: 500 * KiB } })).statusCode).toBe(200);
    await expect.poll(cyrusLimit, { timeout: 15_000 }).toBe(500 * KiB);

    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const inc = await as(app, ops, { method: 'POST', url: '/api/temporary-increases', payload: { mailboxId: id, extraBytes: 1024 * KiB, expiresAt, reason: 'exam week' } });
    expect(inc.statusCode).toBe(201);
    await expect.poll(cyrusLimit, { timeout: 15_000 }).toBe(1524 * KiB);
    expect((await as(app, ops, { method: 'DELETE', url: `/api/temporary-increases/${inc.json().id}` })).statusCode).toBe(200);
    await expect.poll(cyrusLimit, { timeout: 15_000 }).toBe(500 * KiB);
  });

  it('reports usage in whole KiB rounded down (Dovecot rounds up)', async () => {
    const seeded = await withMailbox(cyrus, USER, (c) => seedMailbox(c, USER, [{ folder: 'INBOX', count: 3, ageDays: 1, sizeBytes: 5_000 }]));
    const total = seeded.reduce((n, m) => n + m.size, 0);
    const usage = await withMailbox(cyrus, USER, (c) => measureUsage(c));
    expect(usage.source).toBe('quota');
    expect(usage.usedBytes).toBe(Math.floor(total / KiB) * KiB);
  });
});

describe('a plan\'s limit change on Cyrus', () => {
  it('reaches every mailbox of the plan through the plan-limits job (a batch scan)', async () => {
    const plan = (await as(app, ops, { method: 'POST', url: '/api/plans', payload: { name: 'Cyrus plan', storageLimitBytes: 600 * KiB } })).json();
    const logins = [testMailUser(16), testMailUser(17)];
    const ids: number[] = [];
    for (const address of logins) ids.push((await as(app, ops, { method: 'POST', url: '/api/mailboxes', payload: { address, planId: plan.id } })).json().id);
    for (const id of ids) await expect.poll(async () => (await row(id)).serverLimitBytes, { timeout: 15_000 }).toBe(BigInt(600 * KiB));
    expect((await as(app, ops, { method: 'PUT', url: `/api/plans/${plan.id}`, payload: { storageLimitBytes: 700 * KiB } })).statusCode).toBe(200);
    for (const login of logins) {
      await expect.poll(() => withMailbox(cyrus, login, async (c) => (await measureUsage(c)).limitBytes), { timeout: 20_000 }).toBe(700 * KiB);
    }
  });
});

describe('limits on Cyrus with QUOTA_SYNC=off', () => {
  it('records the limit Cyrus enforces on each scan and shows the mismatch in the API', async () => {
    const created = await as(app, ops, { method: 'POST', url: '/api/mailboxes', payload: { address: OTHER, limitOverrideBytes: 100 * KiB } });
    const id = created.json().id as number;
    // The workers here sync (auto): let their scan of the new mailbox finish first.
    await expect.poll(async () => (await row(id)).serverLimitBytes, { timeout: 15_000 }).toBe(BigInt(100 * KiB));
    // Cyrus enforces 1 MiB, set by hand (as an admin would with cyradm); Mailwarden says 100 KiB.
    expect(await setServerQuota({ ...cyrus, QUOTA_SYNC: 'setquota' }, OTHER, 1024 * KiB)).toBe(1024 * KiB);
    const off = { ...h.ctx, config: { ...h.ctx.config, QUOTA_SYNC: 'off' as const } };
    await runUsageScan(off, { notifyQueue: h.queues.notify, scanQueue: h.queues['usage-scan'] }, { id: 'off-1', data: { mailboxId: id, reason: 'manual' } } as Job);
    expect((await row(id)).serverLimitBytes).toBe(BigInt(1024 * KiB));
    const api = (await as(app, ops, { method: 'GET', url: `/api/mailboxes/${id}` })).json();
    expect(api).toMatchObject({ effectiveLimitBytes: 100 * KiB, serverLimitBytes: 1024 * KiB, serverLimitMismatch: true });
    const list = (await as(app, ops, { method: 'GET', url: '/api/mailboxes' })).json() as { id: number; serverLimitMismatch: boolean }[];
    expect(list.find((m) => m.id === id)).toMatchObject({ serverLimitMismatch: true });
  });
});

describe('the admin\'s name for a user\'s mailbox', () => {
  it('is the other-users prefix and the login; with a "." separator dots in the user name become "^" (Cyrus)', () => {
    expect(otherUsersMailbox('user/', '/', 'jane.doe@example.org')).toBe('user/jane.doe@example.org');
    expect(otherUsersMailbox('user.', '.', 'jane.doe@example.org')).toBe('user.jane^doe@example.org');
    expect(otherUsersMailbox('user/', '/', 'jane')).toBe('user/jane');
  });
});
