// Real: Dovecot (quota from the dovecot_users view), PostgreSQL, Redis/BullMQ workers from jobs/start.ts, nodemailer to the
// smtp-server sink. Nothing stubbed: mail is APPENDed over IMAP, scans run as queued jobs, notices cross real SMTP.
import { testPort } from '../harness/env.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMailbox, type SeededMessage } from '../../scripts/lib/seed-mail.ts';
import { startJobsHarness, waitForJob, type JobsHarness } from '../harness/jobs.ts';
import { testMailUser } from '../harness/env.ts';
import { resetMaildir, withMailbox } from '../harness/mail.ts';
import { scanLimiter } from '../../jobs/workers/usage-scan.ts';
import { SCAN_BATCH_SIZE } from '../../server/core/queues/registry.ts';

const KiB = 1024;
const LIMIT = 200 * KiB;
const USER = testMailUser(22);
let h: JobsHarness;
let mailboxId: number;
const appended: SeededMessage[] = [];

const total = () => appended.reduce((n, m) => n + m.size, 0);
// Override and stored limit together: Dovecot's dovecot_users view computes the limit from the override.
const setLimit = (id: number, bytes: number) => h.ctx.prisma.mailbox.update({ where: { id }, data: { limitOverrideBytes: BigInt(bytes), effectiveLimitBytes: BigInt(bytes) } });
const append = async (count: number, sizeBytes: number) =>
  appended.push(...await withMailbox(h.ctx.config, USER, (c) => seedMailbox(c, USER, [{ folder: 'INBOX', count, ageDays: 1, sizeBytes }])));

async function scanTimes(id: number, times: number) {
  for (let i = 0; i < times; i++) await h.run(h.queues['usage-scan'], { mailboxId: id, reason: 'manual' });
  await h.idle(); // the notify jobs a scan enqueued
}

async function createMailbox(login: string, data: { planId?: number; limit?: number; status?: 'active' | 'disabled' } = {}) {
  await resetMaildir(login);
  const row = await h.ctx.prisma.mailbox.create({
    data: { address: login.toLowerCase(), imapLogin: login, displayName: 'Scan Test', planId: data.planId, status: data.status, limitOverrideBytes: BigInt(data.limit ?? LIMIT), effectiveLimitBytes: BigInt(data.limit ?? LIMIT) },
  });
  return row.id;
}

beforeAll(async () => {
  // Scans here are the subject, not the login rate limit (scanLimiter, tested below): no waiting between jobs.
  h = await startJobsHarness(testPort(10326), { SCAN_RATE_PER_SECOND: '1000' });
  const plan = await h.ctx.prisma.quotaPlan.create({ data: { name: 'Small', storageLimitBytes: BigInt(LIMIT), warnThresholds: [80, 90, 95] } });
  mailboxId = await createMailbox(USER, { planId: plan.id });
});
afterAll(() => h?.stop());

describe('usage-scan job', () => {
  it('records what was appended, a history sample per scan, and one warning past 80 % across repeated scans', async () => {
    await append(17, 10_000); // ~170 kB of 200 KiB
    await scanTimes(mailboxId, 3);

    const row = await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id: mailboxId } });
    expect(row).toMatchObject({ usageSource: 'quota', usedMessages: 17, scanError: null });
    // QUOTA counts stored bytes (LF line ends, one byte fewer per line than RFC822.SIZE) in whole KiB
    // (imap-usage.test.ts checks the exact formula); the per-folder STATUS SIZE is exact.
    const used = Number(row.usedBytes);
    expect(used % KiB).toBe(0);
    expect(Math.abs(used - total()) / total()).toBeLessThan(0.02);
    expect(row.usagePercent).toBeCloseTo((used / LIMIT) * 100, 2);
    expect(row.usagePercent).toBeGreaterThan(80);
    expect(row.usageFolders).toEqual(expect.arrayContaining([{ path: 'INBOX', specialUse: '\\Inbox', messages: 17, bytes: total() }]));
    expect(await h.ctx.prisma.usageSample.count({ where: { mailboxId, usedBytes: BigInt(used), limitBytes: BigInt(LIMIT) } })).toBe(3);

    expect(h.sink.messages).toHaveLength(1);
    const [mail] = h.sink.messages;
    expect(mail.envelope.to).toEqual([USER]);
    expect(mail.parsed.subject).toMatch(/^Your mailbox is 8\d% full$/);
    expect(mail.parsed.headers['auto-submitted']).toBe('auto-generated');
    expect(mail.parsed.headers['x-mailwarden-notice']).toMatch(/^near_quota; id=\d+$/);
    const sent = await h.ctx.prisma.notification.findMany({ where: { mailboxId } });
    expect(sent).toMatchObject([{ kind: 'near_quota', threshold: 80, status: 'sent', attempts: 1, dedupeKey: 'near:80:0', smtpMessageId: mail.parsed.messageId }]);
  });

  it('sends one over-quota notice (and no 90/95 % warnings) once usage passes 100 %, across repeated scans', async () => {
    // Dovecot refuses an APPEND past the limit (no grace for IMAP), so raise it, append, and lower it again.
    await setLimit(mailboxId, 2 * LIMIT);
    await append(4, 10_000);
    await setLimit(mailboxId, LIMIT);
    await scanTimes(mailboxId, 3);

    const row = await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id: mailboxId } });
    expect(row.usagePercent).toBeGreaterThan(100);
    expect(h.sink.messages.map((m) => m.parsed.subject)).toEqual([expect.stringMatching(/full$/), 'Your mailbox is full: new mail may be refused']);
    const kinds = await h.ctx.prisma.notification.findMany({ where: { mailboxId }, orderBy: { id: 'asc' }, select: { kind: true, threshold: true, status: true } });
    expect(kinds).toEqual([
      { kind: 'near_quota', threshold: 80, status: 'sent' },
      { kind: 'over_quota', threshold: 100, status: 'sent' },
    ]);
  });

  it('scans a fan-out batch in one job and hands a refused login to a job of its own, failed once and marked', async () => {
    // Dovecot lower-cases logins (auth_username_format = %Lu), so this one matches no user in dovecot_users.
    const refused = await createMailbox('Renamed-User23@Example.Test');
    const other = await createMailbox(testMailUser(24));
    const samplesBefore = await h.ctx.prisma.usageSample.count();
    const fanOut = await h.run(h.queues.maintenance, { task: 'scan-all' }) as { enqueued: number; jobs: number; slot: number };
    expect(fanOut).toMatchObject({ enqueued: 3, jobs: 1 });

    const batch = await h.queues['usage-scan'].getJob(`scan-${mailboxId}-${fanOut.slot}`);
    expect(batch!.data).toEqual({ mailboxIds: [mailboxId, refused, other], reason: 'scheduled' });
    expect(await waitForJob(h.queues['usage-scan'], batch!)).toEqual({ scanned: 2, handedOff: 1, skipped: 0, notifications: 0 });
    const own = await h.queues['usage-scan'].getJob(`${batch!.id}-m${refused}`);
    await expect(waitForJob(h.queues['usage-scan'], own!)).rejects.toThrow(/Renamed-User23@Example\.Test .*refused/);
    expect((await h.queues['usage-scan'].getJob(own!.id!))!.attemptsMade).toBe(1);

    const rows = await h.ctx.prisma.mailbox.findMany({ where: { id: { in: [refused, other] } }, orderBy: { id: 'asc' } });
    expect(rows[0]).toMatchObject({ scannedAt: null, usedBytes: null, scanError: expect.stringMatching(/Renamed-User23@Example\.Test .*refused/) });
    expect(rows[1]).toMatchObject({ scanError: null, usedBytes: 0n, usageSource: 'quota', usagePercent: 0 });
    expect(rows[1].scannedAt).toBeInstanceOf(Date);
    expect(await h.ctx.prisma.usageSample.count()).toBe(samplesBefore + 2);
    // Still over quota: the batch found the over-quota notice already sent, so nothing new went out.
    expect(h.sink.messages).toHaveLength(2);
  });

  it('sends a notice a batch finds due through the locked evaluation, once across repeated fan-outs', async () => {
    const id = await createMailbox(testMailUser(14), { limit: 100 * KiB });
    await withMailbox(h.ctx.config, testMailUser(14), (c) => seedMailbox(c, testMailUser(14), [{ folder: 'INBOX', count: 9, ageDays: 1, sizeBytes: 10_000 }]));
    const others = await h.ctx.prisma.mailbox.findMany({ where: { id: { not: id }, status: 'active' }, select: { id: true } });
    await h.ctx.prisma.mailbox.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { status: 'disabled' } });
    try {
      // Two fan-outs an hour apart (the job's timestamp picks the slot, so the second is not a no-op).
      for (const at of [Date.UTC(2026, 0, 1, 10, 15), Date.UTC(2026, 0, 1, 11, 15)]) {
        await waitForJob(h.queues.maintenance, await h.queues.maintenance.add('scan-all', { task: 'scan-all' }, { timestamp: at }));
        await waitForJob(h.queues['usage-scan'], (await h.queues['usage-scan'].getJob(`scan-${id}-${at / 60_000}`))!);
      }
      await h.idle();
      expect((await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id } })).usagePercent).toBeGreaterThan(80);
      expect(await h.ctx.prisma.usageSample.count({ where: { mailboxId: id } })).toBe(2);
      expect(await h.ctx.prisma.notification.findMany({ where: { mailboxId: id }, select: { kind: true, threshold: true, status: true } }))
        .toEqual([{ kind: 'near_quota', threshold: 80, status: 'sent' }]);
      expect(h.sink.messages.filter((m) => m.envelope.to.includes(testMailUser(14)))).toHaveLength(1);
    } finally {
      await h.ctx.prisma.mailbox.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { status: 'active' } });
    }
  });

  it('skips a disabled mailbox without logging in', async () => {
    const id = await createMailbox(testMailUser(25), { status: 'disabled' });
    expect(await h.run(h.queues['usage-scan'], { mailboxId: id, reason: 'manual' })).toEqual({ skipped: 'disabled' });
    expect(await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id } })).toMatchObject({ scannedAt: null, scanError: null });
  });

  it('clears the scan error once a login works again', async () => {
    const id = await createMailbox(testMailUser(26));
    await h.ctx.prisma.mailbox.update({ where: { id }, data: { scanError: 'IMAP login as x through admin access was refused' } });
    await h.run(h.queues['usage-scan'], { mailboxId: id, reason: 'manual' });
    expect(await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id } })).toMatchObject({ scanError: null, usedMessages: 0 });
  });
});

describe('scanLimiter', () => {
  it('admits SCAN_RATE_PER_SECOND logins a second, counting every job as a full batch', () => {
    expect(SCAN_BATCH_SIZE).toBe(25);
    expect(scanLimiter(1000)).toEqual({ max: 40, duration: 1000 });
    expect(scanLimiter(25)).toEqual({ max: 1, duration: 1000 });
    expect(scanLimiter(20)).toEqual({ max: 1, duration: 1250 });
    expect(scanLimiter(1)).toEqual({ max: 1, duration: 25_000 });
  });
});
