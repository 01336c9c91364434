// Live usage (jobs/live-usage.ts): the test Dovecot runs quota_clone into the test database (scripts/dovecot/), so
// every figure here is one Dovecot wrote itself after a real APPEND or expunge; nothing is inserted by hand. No
// usage-scan job runs unless a test says so: the point is that the figure follows without one.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { seedMailbox } from '../../scripts/lib/seed-mail.ts';
import { startJobsHarness, type JobsHarness } from '../harness/jobs.ts';
import { testMailUser, testPort, TEST_DOVECOT_DIR } from '../harness/env.ts';
import { resetMaildir, withMailbox } from '../harness/mail.ts';
import { startLiveUsage, type LiveUsage } from '../../jobs/live-usage.ts';
import { mailboxChangedChannel } from '../../server/core/pubsub/notify-change.ts';
import { execFileSync } from 'node:child_process';
import { openMailboxSession } from '../../server/core/imap/connect.ts';

const USER = testMailUser(55);
const LIMIT = 100 * 1024;
let h: JobsHarness;
let mailboxId: number;
const listeners: LiveUsage[] = [];

const listen = async () => {
  const live = startLiveUsage(h.ctx, { notifyQueue: h.queues.notify });
  listeners.push(live);
  await waitFor(() => live.listening, 'the listener to take the lock');
  return live;
};
const append = (count: number, sizeBytes: number) =>
  withMailbox(h.ctx.config, USER, (c) => seedMailbox(c, USER, [{ folder: 'INBOX', count, ageDays: 1, sizeBytes }]));
const mailbox = () => h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id: mailboxId } });
const cloneRow = () => h.ctx.prisma.quotaClone.findUnique({ where: { username: USER } });
/** Dovecot's own count (KiB) of what the user stores. */
const doveadmKiB = () => {
  const out = execFileSync('/usr/bin/doveadm', ['-c', `${TEST_DOVECOT_DIR}/dovecot.conf`, '-f', 'tab', 'quota', 'get', '-u', USER], { encoding: 'utf8' });
  return Number(out.split('\n').map((l) => l.split('\t')).find((f) => f[1] === 'STORAGE')![2]);
};

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  h = await startJobsHarness(testPort(10652));
  await resetMaildir(USER);
  const plan = await h.ctx.prisma.quotaPlan.create({ data: { name: 'Live', storageLimitBytes: BigInt(LIMIT), warnThresholds: [80] } });
  mailboxId = (await h.ctx.prisma.mailbox.create({
    data: { address: USER, imapLogin: USER, displayName: 'Live Usage', planId: plan.id, effectiveLimitBytes: BigInt(LIMIT) },
  })).id;
});
afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.close()));
});
afterAll(() => h?.stop());

describe('live usage from Dovecot quota_clone', () => {
  it('records a change within a second or two of the session ending, with no scan, and tells the policy service', async () => {
    const live = await listen();
    const sub = new Redis(h.ctx.config.REDIS_URL);
    const published: string[] = [];
    await sub.subscribe(mailboxChangedChannel(h.ctx.config.QUEUE_PREFIX));
    sub.on('message', (_channel, message) => published.push(message));
    try {
      await append(3, 10_000);
      const loggedOut = Date.now();
      await waitFor(async () => (await mailbox()).usageSource === 'quota-clone', 'the live figure');
      const lag = Date.now() - loggedOut;
      await live.idle();

      const row = await mailbox();
      const clone = await cloneRow();
      expect(clone?.messages).toBe(3);
      expect(row).toMatchObject({ usedBytes: clone!.bytes, usedMessages: 3, usageSource: 'quota-clone' });
      // Dovecot's own count agrees (it reports whole KiB, rounded up).
      expect(Math.ceil(Number(row.usedBytes) / 1024)).toBe(doveadmKiB());
      expect(row.usagePercent).toBeCloseTo((Number(row.usedBytes) / LIMIT) * 100, 1);
      expect(await h.queues['usage-scan'].getJobCounts('completed', 'failed', 'waiting', 'active')).toEqual({ completed: 0, failed: 0, waiting: 0, active: 0 });
      await waitFor(() => published.some((m) => m.includes(String(mailboxId))), 'the policy service notification', 5_000);
      expect(await h.ctx.prisma.usageSample.count({ where: { mailboxId } })).toBe(1);
      console.log(`live usage: recorded ${lag} ms after the session ended`);
      expect(lag).toBeLessThan(10_000); // Dovecot's own timer would be 10 s: this came from the session's end
    } finally {
      sub.disconnect();
    }
  });

  it('keeps the folders and the server limit of the last scan, adds no history sample within the window, and sends the notice a crossing makes due', async () => {
    await h.run(h.queues['usage-scan'], { mailboxId, reason: 'manual' });
    const scanned = await mailbox();
    expect(scanned.usageSource).toBe('quota');
    const folders = scanned.usageFolders;
    expect(folders).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'INBOX', messages: 3 })]));

    const live = await listen();
    await append(6, 10_000); // 9 × 10 kB of 100 KiB: past the 80 % warning
    await waitFor(async () => (await mailbox()).usedMessages === 9, 'the live figure');
    await live.idle();
    await h.idle();

    const row = await mailbox();
    expect(row).toMatchObject({ usageSource: 'quota-clone', usageFolders: folders, serverLimitBytes: scanned.serverLimitBytes, scanError: null });
    expect(Number(row.usedBytes)).toBe(Number((await cloneRow())!.bytes));
    // One sample from the scan just before, none from the live figure (LIVE_SAMPLE_MINUTES).
    expect(await h.ctx.prisma.usageSample.count({ where: { mailboxId } })).toBe(2);
    await waitFor(() => h.sink.messages.length > 0, 'the near-quota notice', 10_000);
    expect(h.sink.messages).toHaveLength(1);
    expect(h.sink.messages[0].parsed.subject).toMatch(/^Your mailbox is (8\d|9\d)% full$/);
    expect(await h.ctx.prisma.notification.findMany({ where: { mailboxId }, select: { kind: true, threshold: true } })).toEqual([{ kind: 'near_quota', threshold: 80 }]);
  });

  it('catches up on what Dovecot wrote while nobody listened, but never over a newer scan', async () => {
    // Written while no listener runs: picked up when one starts.
    await withMailbox(h.ctx.config, USER, async (c) => { await c.mailboxOpen('INBOX'); await c.messageDelete('1:2'); });
    await waitFor(async () => (await cloneRow())?.messages === 7, 'Dovecot to write the clone row');
    expect((await mailbox()).usedMessages).toBe(9);
    const live = await listen();
    await waitFor(async () => (await mailbox()).usedMessages === 7, 'the catch-up');
    await live.idle();
    await live.close();

    // A clone row older than the last scan is not applied: write one, then scan, then start a listener.
    await append(1, 10_000);
    await waitFor(async () => (await cloneRow())?.messages === 8, 'Dovecot to write the clone row');
    await h.run(h.queues['usage-scan'], { mailboxId, reason: 'manual' });
    const scanned = await mailbox();
    expect(scanned).toMatchObject({ usageSource: 'quota', usedMessages: 8 });
    const again = await listen();
    await again.idle();
    expect(await mailbox()).toMatchObject({ usageSource: 'quota', scannedAt: scanned.scannedAt });
  });

  it('listens in one process only: a second one stands by until the first lets go', async () => {
    const first = await listen();
    const second = startLiveUsage(h.ctx, { notifyQueue: h.queues.notify });
    listeners.push(second);
    await new Promise((r) => setTimeout(r, 500));
    expect([first.listening, second.listening]).toEqual([true, false]);
  });

  it('follows a change made inside a session that stays open: Dovecot writes it on its 10 s timer, not at logout', async () => {
    const live = await listen();
    const before = (await mailbox()).usedMessages!;
    const client = await openMailboxSession(h.ctx.config, USER);
    try {
      await seedMailbox(client, USER, [{ folder: 'INBOX', count: 1, ageDays: 1, sizeBytes: 5_000 }]);
      const appended = Date.now();
      await waitFor(async () => (await mailbox()).usedMessages === before + 1, 'the live figure with the session open', 20_000);
      const lag = Date.now() - appended;
      await live.idle();
      expect(client.usable).toBe(true); // still logged in: the figure did not come from a session end
      console.log(`live usage inside an open session: recorded ${lag} ms after the APPEND`);
      // Dovecot 2.3 flushes 10 s after a session's first change (../shared/STACK-more.md); the issue allows ~11 s.
      expect(lag).toBeGreaterThan(8_000);
      expect(lag).toBeLessThan(13_000);
      expect((await mailbox()).usageSource).toBe('quota-clone');
    } finally {
      await client.logout();
    }
  }, 40_000);
});
