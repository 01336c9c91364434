// The frequent scan (SCAN_FOLDERS_HOURS): a scheduled batch reads the quota root alone for a mailbox whose folders were
// measured recently, and lists every folder again once they are older; a manual scan always lists them. Real Dovecot:
// mail is APPENDed, and the stored folders show which read ran (a totals read leaves them as they were).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMailbox } from '../../scripts/lib/seed-mail.ts';
import { startJobsHarness, type JobsHarness } from '../harness/jobs.ts';
import { testMailUser, testPort } from '../harness/env.ts';
import { resetMaildir, withMailbox } from '../harness/mail.ts';
import { foldersFresh } from '../../jobs/workers/usage-scan.ts';

const USER = testMailUser(54);
let h: JobsHarness;
let mailboxId: number;

const append = (folder: string, count: number) =>
  withMailbox(h.ctx.config, USER, (c) => seedMailbox(c, USER, [{ folder, count, ageDays: 1, sizeBytes: 5_000 }]));
const mailbox = () => h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id: mailboxId } });
const scheduledScan = () => h.run(h.queues['usage-scan'], { mailboxIds: [mailboxId], reason: 'scheduled' });
const folderMessages = (folders: unknown, path: string) => (folders as { path: string; messages: number }[]).find((f) => f.path === path)?.messages;

beforeAll(async () => {
  h = await startJobsHarness(testPort(10653), { SCAN_RATE_PER_SECOND: '1000', SCAN_FOLDERS_HOURS: '24' });
  await resetMaildir(USER);
  mailboxId = (await h.ctx.prisma.mailbox.create({
    data: { address: USER, imapLogin: USER, displayName: 'Totals', limitOverrideBytes: BigInt(10 * 1024 * 1024), effectiveLimitBytes: BigInt(10 * 1024 * 1024) },
  })).id;
});
afterAll(() => h?.stop());

describe('the frequent scan reads totals only', () => {
  it('lists folders on a mailbox never measured, then reads the quota root alone while they are fresh', async () => {
    await append('INBOX', 2);
    await scheduledScan();
    const first = await mailbox();
    expect(first.foldersScannedAt).not.toBeNull();
    expect(folderMessages(first.usageFolders, 'INBOX')).toBe(2);

    await append('INBOX', 3);
    await append('Archive', 1);
    await scheduledScan();
    const second = await mailbox();
    // Totals moved: 4 more messages of ~5 kB (Dovecot counts stored bytes, in KiB) ...
    expect(Number(second.usedBytes)).toBeGreaterThan(Number(first.usedBytes) + 4 * 4_000);
    expect(second.usageSource).toBe('quota');
    expect(second.scannedAt!.getTime()).toBeGreaterThan(first.scannedAt!.getTime());
    // ... the folders did not: no LIST was sent. The message count stays the full scan's (the quota root counts
    // no messages without a message limit).
    expect(second.usageFolders).toEqual(first.usageFolders);
    expect(second.foldersScannedAt).toEqual(first.foldersScannedAt);
    expect(second.usedMessages).toBe(2);
    expect(await h.ctx.prisma.usageSample.count({ where: { mailboxId } })).toBe(2);
  });

  it('lists folders again once they are older than SCAN_FOLDERS_HOURS, and on every manual scan', async () => {
    await h.ctx.prisma.mailbox.update({ where: { id: mailboxId }, data: { foldersScannedAt: new Date(Date.now() - 25 * 3_600_000) } });
    await scheduledScan();
    const full = await mailbox();
    expect(folderMessages(full.usageFolders, 'INBOX')).toBe(5);
    expect(folderMessages(full.usageFolders, 'Archive')).toBe(1);
    expect(full.usedMessages).toBe(6);
    expect(Date.now() - full.foldersScannedAt!.getTime()).toBeLessThan(60_000);

    await append('INBOX', 1);
    await h.run(h.queues['usage-scan'], { mailboxId, reason: 'manual' });
    const manual = await mailbox();
    expect(folderMessages(manual.usageFolders, 'INBOX')).toBe(6);
    expect(manual.usedMessages).toBe(7);
  });

  it('decides freshness by the hour setting, and 0 turns totals-only scans off', () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    const at = (hoursAgo: number) => ({ foldersScannedAt: new Date(now - hoursAgo * 3_600_000) });
    expect(foldersFresh(at(23.9), 24, now)).toBe(true);
    expect(foldersFresh(at(24), 24, now)).toBe(false);
    expect(foldersFresh({ foldersScannedAt: null }, 24, now)).toBe(false);
    expect(foldersFresh(at(0.1), 0, now)).toBe(false);
  });
});
