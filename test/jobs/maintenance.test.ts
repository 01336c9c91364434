// Real: PostgreSQL, Redis/BullMQ workers and job schedulers, Dovecot (reads the reverted limit from the view), nodemailer to
// the smtp-server sink. Nothing stubbed; the fan-out is called with a fixed job timestamp to pin its slot.
import { testPort } from '../harness/env.ts';
import type { Job } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runMaintenance, pruneUsageSamples } from '../../jobs/workers/maintenance.ts';
import { SCAN_BATCH_SIZE } from '../../server/core/queues/registry.ts';
import { registerSchedules } from '../../server/core/queues/schedules.ts';
import type { JobPayloads } from '../../server/core/queues/registry.ts';
import { seedMailbox } from '../../scripts/lib/seed-mail.ts';
import { startJobsHarness, type JobsHarness } from '../harness/jobs.ts';
import { testMailUser } from '../harness/env.ts';
import { resetMaildir, withMailbox } from '../harness/mail.ts';

const KiB = 1024;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let h: JobsHarness;
let planId: number;

async function mailbox(n: number, limit: number) {
  const login = testMailUser(n);
  await resetMaildir(login);
  return (await h.ctx.prisma.mailbox.create({ data: { address: login, imapLogin: login, planId, effectiveLimitBytes: BigInt(limit) } })).id;
}
const increase = (mailboxId: number, extraBytes: number, expiresAt: Date) =>
  h.ctx.prisma.temporaryIncrease.create({ data: { mailboxId, extraBytes: BigInt(extraBytes), reason: 'Project archive', expiresAt, createdBy: 'helpdesk@example.test' } });
const fakeJob = (task: JobPayloads['maintenance']['task'], timestamp: number) => ({ data: { task }, timestamp, delay: 0 }) as Job<JobPayloads['maintenance']>;

beforeAll(async () => {
  h = await startJobsHarness(testPort(10328));
  planId = (await h.ctx.prisma.quotaPlan.create({ data: { name: 'Student', storageLimitBytes: BigInt(200 * KiB), warnThresholds: [80, 90, 95] } })).id;
});
afterEach(() => h.sink.clear());
afterAll(() => h?.stop());

describe('expire-increases', () => {
  it('reverts the limit (Dovecot sees it), records the audit event, and tells the user, once', async () => {
    const login = testMailUser(36);
    const id = await mailbox(36, 400 * KiB); // plan 200 KiB + an increase of 200 KiB, when it was active
    const inc = await increase(id, 200 * KiB, new Date(Date.now() - 60_000));
    await withMailbox(h.ctx.config, login, (c) => seedMailbox(c, login, [{ folder: 'INBOX', count: 17, ageDays: 1, sizeBytes: 10_000 }]));
    await h.run(h.queues['usage-scan'], { mailboxId: id, reason: 'manual' });
    expect((await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id } })).usagePercent).toBeLessThan(50);

    expect(await h.run(h.queues.maintenance, { task: 'expire-increases' })).toEqual({ ended: 1, endingNotices: 0 });
    await h.idle();

    const row = await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id } });
    expect(Number(row.effectiveLimitBytes)).toBe(200 * KiB);
    expect(row.usagePercent).toBeGreaterThan(80);
    expect((await h.ctx.prisma.temporaryIncrease.findUniqueOrThrow({ where: { id: inc.id } })).endedAt).toBeInstanceOf(Date);
    expect(await withMailbox(h.ctx.config, login, (c) => c.getQuota('INBOX'))).toMatchObject({ storage: { limit: 200 * KiB } });
    const audit = await h.ctx.prisma.auditEvent.findFirstOrThrow({ where: { action: 'mailbox.increase_expired', entityId: String(id) } });
    expect(audit).toMatchObject({ actorType: 'system', before: { effectiveLimitBytes: 400 * KiB }, after: { effectiveLimitBytes: 200 * KiB, increaseId: inc.id } });

    // The end of the increase, and the 80 % warning the lower limit causes.
    const headers = h.sink.messages.map((m) => m.parsed.headers['x-mailwarden-notice'].split(';')[0]).sort();
    expect(headers).toEqual(['increase_ended', 'near_quota']);
    const ended = h.sink.messages.find((m) => m.parsed.subject === 'Your temporary mailbox increase has ended');
    expect(ended?.parsed.text).toContain('Your limit is now 200 KiB');

    h.sink.clear();
    expect(await h.run(h.queues.maintenance, { task: 'expire-increases' })).toEqual({ ended: 0, endingNotices: 0 });
    await h.idle();
    expect(h.sink.messages).toHaveLength(0);
  });

  it('tells the user once, a few days before an increase ends, what the limit will be', async () => {
    const id = await mailbox(37, 300 * KiB);
    await increase(id, 100 * KiB, new Date(Date.now() + 2 * DAY));
    for (let i = 0; i < 2; i++) await h.run(h.queues.maintenance, { task: 'expire-increases' });
    await h.idle();
    expect(h.sink.messages.map((m) => m.parsed.subject)).toEqual([expect.stringMatching(/^Your temporary mailbox increase ends on \d{4}-\d\d-\d\d$/)]);
    expect(h.sink.messages[0].parsed.text).toContain('Your limit will then be 200 KiB');
  });
});

describe('scan-all', () => {
  it('fans out scan jobs of up to SCAN_BATCH_SIZE active mailboxes, and a second fan-out in the same slot adds nothing', async () => {
    await h.ctx.prisma.mailbox.create({ data: { address: 'off@example.test', imapLogin: 'off@example.test', status: 'disabled' } });
    const active = await h.ctx.prisma.mailbox.count({ where: { status: 'active' } });
    const scans = h.queues['usage-scan'];
    await scans.pause(); // keep the fanned-out jobs waiting so they can be counted
    try {
      const at = Date.UTC(2026, 0, 1, 10, 15, 7);
      const first = await runMaintenance(h.ctx, h.queues, fakeJob('scan-all', at));
      const second = await runMaintenance(h.ctx, h.queues, fakeJob('scan-all', at + 30_000));
      expect(first).toMatchObject({ enqueued: active, slot: Math.floor(at / 60_000) });
      expect(second).toMatchObject({ enqueued: active, slot: Math.floor(at / 60_000) });
      const batches = Math.ceil(active / SCAN_BATCH_SIZE);
      expect(first).toMatchObject({ jobs: batches });
      expect(await scans.getJobCountByTypes('waiting')).toBe(batches);
      const waiting = await scans.getWaiting();
      expect(waiting.flatMap((j) => j.data.mailboxIds ?? []).length).toBe(active);
      await runMaintenance(h.ctx, h.queues, fakeJob('scan-all', at + 60_000)); // the next slot scans again
      expect(await scans.getJobCountByTypes('waiting')).toBe(2 * batches);
    } finally {
      await scans.obliterate({ force: true });
      await scans.resume();
    }
  });

  it('re-enqueues a notification whose enqueue was lost, once it has been pending for a while', async () => {
    const id = (await h.ctx.prisma.mailbox.findFirstOrThrow({ where: { status: 'active' } })).id;
    const recent = { mailboxId: id, kind: 'back_under' as const, toAddress: testMailUser(39), data: { address: testMailUser(39) } };
    const lost = await h.ctx.prisma.notification.create({ data: { ...recent, dedupeKey: 'test:lost', createdAt: new Date(Date.now() - HOUR) } });
    await h.ctx.prisma.notification.create({ data: { ...recent, dedupeKey: 'test:just-recorded' } });
    expect(await h.run(h.queues.maintenance, { task: 'scan-all' })).toMatchObject({ requeued: 1 });
    await expect.poll(async () => (await h.ctx.prisma.notification.findUniqueOrThrow({ where: { id: lost.id } })).status).toBe('sent');
    await h.idle();
    expect(h.sink.messages).toHaveLength(1);
  });
});

describe('prune-usage-samples', () => {
  it('keeps every sample for 7 days, the newest per hour to 90 days, the newest per day beyond', async () => {
    const id = await mailbox(38, 100 * KiB);
    const now = new Date(Date.UTC(2026, 5, 1, 12, 50));
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const at = [
      ...[1, 2, 3].map((m) => ago(DAY + m * 60_000)), // recent: all kept
      ...[1, 20, 40].map((m) => ago(10 * DAY + m * 60_000)), // one hour, 10 days ago: newest kept
      ago(10 * DAY + 2 * HOUR), // another hour: kept
      ...[1, 5, 9].map((m) => ago(100 * DAY + m * HOUR)), // one day, 100 days ago: newest kept
    ];
    await h.ctx.prisma.usageSample.createMany({ data: at.map((t) => ({ mailboxId: id, at: t, usedBytes: 1n, usedMessages: 1 })) });
    expect(await pruneUsageSamples(h.ctx, now)).toBe(4);
    const left = await h.ctx.prisma.usageSample.findMany({ where: { mailboxId: id }, orderBy: { at: 'desc' } });
    expect(left.map((s) => s.at)).toEqual([at[0], at[1], at[2], at[3], at[6], at[7]]);
    expect(await pruneUsageSamples(h.ctx, now)).toBe(0);
  });
});

describe('registerSchedules', () => {
  it('upserts the five schedulers, and a changed SCAN_CRON replaces the pattern instead of adding one', async () => {
    await registerSchedules(h.queues, { SCAN_CRON: '15 * * * *' });
    await registerSchedules(h.queues, { SCAN_CRON: '*/30 * * * *' });
    const schedulers = await h.queues.maintenance.getJobSchedulers();
    const byId = Object.fromEntries(schedulers.map((s) => [s.key, s]));
    expect(Object.keys(byId).sort()).toEqual(['expire-increases', 'prune-expiry-audit', 'prune-usage-samples', 'purge-deleted', 'scan-all']);
    expect(byId['purge-deleted']).toMatchObject({ every: 15 * 60_000 });
    expect(byId['scan-all']).toMatchObject({ pattern: '*/30 * * * *', template: { data: { task: 'scan-all' } } });
    expect(byId['expire-increases']).toMatchObject({ every: 60_000 });
    for (const s of schedulers) await h.queues.maintenance.removeJobScheduler(s.key);
  });
});
