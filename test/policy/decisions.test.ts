// Real policy server over TCP, its cache loaded from real PostgreSQL rows and told of changes through real
// Redis pub/sub; clients send the attributes Postfix sends. Rows are written directly: how limits are
// computed is tested elsewhere (test/server/quotas.test.ts, policy/cache.test.ts goes through the API).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrisma } from '../../server/core/lib/prisma.ts';
import { createProducerRedis } from '../../server/core/lib/redis.ts';
import { publishMailboxChanged } from '../../server/core/pubsub/notify-change.ts';
import { PolicyClient, rcptRequest, type Attributes } from '../../bench/lib/policy-client.ts';
import { truncateAll } from '../harness/db.ts';
import { TEST_DATABASE_URL } from '../harness/env.ts';
import { startTestPolicy, type TestPolicy } from '../harness/policy.ts';

const prisma = createPrisma(TEST_DATABASE_URL);
const redis = createProducerRedis('redis://127.0.0.1:6379');
const NOTICES = 'quota-notices@example.test';
const STALE = '451 4.7.1 Usage unknown, try later';
let policy: TestPolicy;
let client: PolicyClient;
const ids: Record<string, number> = {};

async function mailbox(name: string, data: { limit: number | null; used?: number | null; planId?: number; scannedHoursAgo?: number | null; status?: 'active' | 'suspended' | 'disabled' | 'deleted' }) {
  const scannedAt = data.scannedHoursAgo === null ? null : new Date(Date.now() - (data.scannedHoursAgo ?? 1) * 3_600_000);
  const row = await prisma.mailbox.create({
    data: {
      address: `${name}@example.test`, imapLogin: `${name}@example.test`, planId: data.planId, status: data.status,
      effectiveLimitBytes: data.limit === null ? null : BigInt(data.limit), usedBytes: data.used === null ? null : BigInt(data.used ?? 0), scannedAt,
    },
  });
  ids[name] = row.id;
}

beforeAll(async () => {
  await truncateAll(prisma);
  const standard = await prisma.quotaPlan.create({ data: { name: 'Standard', storageLimitBytes: 10_000n, isDefault: true } });
  const graceful = await prisma.quotaPlan.create({ data: { name: 'Graceful', storageLimitBytes: 10_000n, gracePercent: 10 } });
  const gentle = await prisma.quotaPlan.create({ data: { name: 'Gentle', storageLimitBytes: 10_000n, overQuotaReply: 'temporary' } });
  await mailbox('roomy', { limit: 10_000, used: 2_000, planId: standard.id });
  await mailbox('full', { limit: 10_000, used: 10_000 });  // no plan: the default plan's grace (0) and reply apply
  await mailbox('grace', { limit: 10_000, used: 10_000, planId: graceful.id });
  await mailbox('gentle', { limit: 10_000, used: 10_000, planId: gentle.id });
  await mailbox('unlimited', { limit: null, used: 10 ** 12 });
  await mailbox('stale', { limit: 10_000, used: 0, scannedHoursAgo: 49 });
  await mailbox('unscanned', { limit: 10_000, used: null, scannedHoursAgo: null });
  await mailbox('suspended', { limit: 10_000, used: 0, status: 'suspended' });
  await mailbox('disabled', { limit: 10_000, used: 0, status: 'disabled' });
  await mailbox('deleted', { limit: 10_000, used: 0, status: 'deleted' });
  await mailbox('burst', { limit: 100_000, used: 0 });
  await mailbox('team', { limit: 100_000, used: 0 });
  policy = await startTestPolicy({ POLICY_STALE_ACTION: STALE, MAIL_FROM: `Mailwarden <${NOTICES}>` });
  client = await PolicyClient.connect(policy.port);
});
afterAll(async () => {
  client?.close();
  await policy?.stop();
  redis.disconnect();
  await prisma.$disconnect();
});

const ask = (recipient: string, size: number, extra: Attributes = {}) => client.request(rcptRequest(recipient, size, extra));

describe('policy decisions', () => {
  it('lets mail through with DUNNO while it fits, and refuses it once it would not', async () => {
    expect(await ask('roomy@example.test', 8_000)).toBe('DUNNO');
    expect(await ask('roomy@example.test', 8_001)).toBe('552 5.2.2 Mailbox is full');
    expect(await ask('full@example.test', 0)).toBe('DUNNO'); // exactly at the limit
    expect(await ask('full@example.test', 1)).toBe('552 5.2.2 Mailbox is full');
  });

  it('gives a message larger than the whole quota its own reply', async () => {
    expect(await ask('roomy@example.test', 10_001)).toBe('552 5.3.4 Message too big for mailbox');
    expect(await ask('gentle@example.test', 10_001)).toBe('452 4.3.4 Message too big for mailbox');
  });

  it('finds the mailbox whatever the case, brackets or +detail', async () => {
    expect(await ask('<Full+Lists@EXAMPLE.test>', 1)).toBe('552 5.2.2 Mailbox is full');
  });

  it('applies the plan grace and the temporary reply', async () => {
    expect(await ask('grace@example.test', 1_000)).toBe('DUNNO');
    expect(await ask('grace@example.test', 1)).toBe('552 5.2.2 Mailbox is full'); // the 1,000 just allowed counts
    expect(await ask('gentle@example.test', 1)).toBe('452 4.2.2 Mailbox is full');
  });

  it('answers DUNNO for unknown, suspended and unlimited recipients', async () => {
    expect(await ask('nobody@example.test', 1)).toBe('DUNNO');
    expect(await ask('suspended@example.test', 1)).toBe('DUNNO');
    expect(await ask('unlimited@example.test', 10 ** 9)).toBe('DUNNO');
  });

  it('answers a disabled mailbox with the default 4xx and a deleted one with the default 5xx', async () => {
    expect(await ask('disabled@example.test', 1)).toBe('450 4.2.1 Mailbox disabled, try again later');
    expect(await ask('deleted@example.test', 1)).toBe('550 5.1.1 Mailbox deleted');
  });

  it('applies the configured stale action to old or missing usage', async () => {
    expect(await ask('stale@example.test', 1)).toBe(STALE);
    expect(await ask('unscanned@example.test', 1)).toBe(STALE);
  });

  it("lets Mailwarden's own notices reach a full mailbox", async () => {
    expect(await ask('full@example.test', 5_000, { sender: NOTICES.toUpperCase() })).toBe('DUNNO');
  });
});

describe('bytes accepted between scans', () => {
  it('counts declared sizes at RCPT so a burst stops at the limit', async () => {
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await ask('burst@example.test', 30_000));
    expect(answers).toEqual(['DUNNO', 'DUNNO', 'DUNNO', '552 5.2.2 Mailbox is full', '552 5.2.2 Mailbox is full']);
    expect(policy.service.cache.get('burst@example.test')!.acceptedBytes).toBe(90_000);
  });

  it('replaces the declared size by the real one at END-OF-MESSAGE, without counting it twice at DATA', async () => {
    const entry = policy.service.cache.get('burst@example.test')!;
    const instance = 'eom-1';
    expect(await ask('burst@example.test', 5_000, { instance })).toBe('DUNNO');
    expect(entry.acceptedBytes).toBe(95_000);
    expect(await ask('burst@example.test', 5_000, { instance, protocol_state: 'DATA' })).toBe('DUNNO');
    expect(await ask('burst@example.test', 2_000, { instance, protocol_state: 'END-OF-MESSAGE' })).toBe('DUNNO');
    expect(entry.acceptedBytes).toBe(92_000);
  });

  it('judges the real size at END-OF-MESSAGE and counts nothing for a refused message', async () => {
    const entry = policy.service.cache.get('burst@example.test')!;
    const instance = 'eom-2';
    expect(await ask('burst@example.test', 0, { instance })).toBe('DUNNO'); // no SIZE= from the client
    expect(await ask('burst@example.test', 9_000, { instance, protocol_state: 'END-OF-MESSAGE' })).toBe('552 5.2.2 Mailbox is full');
    expect(entry.acceptedBytes).toBe(92_000);
  });

  it('counts a multi-recipient message for each recipient at END-OF-MESSAGE (where Postfix names none)', async () => {
    const instance = 'eom-3';
    await ask('team@example.test', 100, { instance });
    await ask('burst@example.test', 100, { instance });
    expect(await ask('', 700, { instance, protocol_state: 'END-OF-MESSAGE', recipient_count: 2 })).toBe('DUNNO');
    expect(policy.service.cache.get('team@example.test')!.acceptedBytes).toBe(700);
    expect(policy.service.cache.get('burst@example.test')!.acceptedBytes).toBe(92_700);
  });

  it('restarts the count when a newer scan arrives', async () => {
    await prisma.mailbox.update({ where: { id: ids.burst }, data: { usedBytes: 50_000n, scannedAt: new Date() } });
    await publishMailboxChanged(redis, policy.config.QUEUE_PREFIX, [ids.burst]);
    await expect.poll(() => policy.service.cache.get('burst@example.test')!.usedBytes, { timeout: 1000 }).toBe(50_000);
    expect(policy.service.cache.get('burst@example.test')!.acceptedBytes).toBe(0);
    expect(await ask('burst@example.test', 50_000)).toBe('DUNNO');
    expect(await ask('burst@example.test', 1)).toBe('552 5.2.2 Mailbox is full');
  });
});

describe('cache reloads', () => {
  it('picks up mailboxes created or removed without a change message at the next full reload', async () => {
    await mailbox('late', { limit: 1_000, used: 1_000 });
    expect(await ask('late@example.test', 1)).toBe('DUNNO'); // not known yet: unknown recipient
    policy.service.cache.requestFullReload();
    await policy.service.cache.settled();
    expect(await ask('late@example.test', 1)).toBe('552 5.2.2 Mailbox is full');

    await prisma.mailbox.delete({ where: { id: ids.late } });
    await publishMailboxChanged(redis, policy.config.QUEUE_PREFIX, [ids.late]);
    await expect.poll(() => policy.service.cache.get('late@example.test'), { timeout: 1000 }).toBeUndefined();
    expect(await ask('late@example.test', 1)).toBe('DUNNO');
  });
});
