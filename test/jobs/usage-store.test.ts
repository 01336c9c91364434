// Real: PostgreSQL (the test database) and the one-statement batch write of server/core/repositories/usage-store.ts. No IMAP: the
// usage is given, as a scan would have measured it; what is under test is what gets written and what is handed
// back to evaluateQuotaNotices, including when another writer changed the row between read and write.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { loadScanTargets, recordUsage, type ScanTarget } from '../../server/core/repositories/usage-store.ts';
import type { MailboxUsage } from '../../server/core/imap/usage.ts';
import { createPrisma } from '../../server/core/lib/prisma.ts';
import { decideNotices, noticeSettings } from '../../server/core/services/quota-notices.ts';
import { testConfig } from '../harness/env.ts';
import { truncateAll } from '../harness/db.ts';

const config = testConfig();
const prisma = createPrisma(config.DATABASE_URL);
const settings = noticeSettings(config);
const LIMIT = 1_000_000;
const now = new Date('2026-03-01T10:00:00.000Z');

const usage = (usedBytes: number): MailboxUsage => ({
  usedBytes, usedMessages: 3, limitBytes: LIMIT, source: 'quota',
  folders: [{ path: 'INBOX', specialUse: '\\Inbox', messages: 3, bytes: usedBytes }],
});

async function mailbox(address: string, data: { planId?: number } = {}): Promise<ScanTarget> {
  const { id } = await prisma.mailbox.create({ data: { address, imapLogin: address, effectiveLimitBytes: BigInt(LIMIT), ...data } });
  return (await loadScanTargets(prisma, [id]))[0];
}

beforeEach(() => truncateAll(prisma));
afterAll(() => prisma.$disconnect());

describe('loadScanTargets', () => {
  it('gives each mailbox its own plan, or the default plan when it has none', async () => {
    const own = await prisma.quotaPlan.create({ data: { name: 'Own', storageLimitBytes: BigInt(LIMIT), warnThresholds: [50], gracePercent: 5 } });
    await prisma.quotaPlan.create({ data: { name: 'Default', storageLimitBytes: BigInt(LIMIT), warnThresholds: [70, 85], isDefault: true } });
    const a = await mailbox('a@example.test', { planId: own.id });
    const b = await mailbox('b@example.test');
    expect(a).toMatchObject({ imapLogin: 'a@example.test', status: 'active', planId: own.id, plan: { warnThresholds: [50], gracePercent: 5 } });
    expect(b).toMatchObject({ planId: null, plan: { warnThresholds: [70, 85], gracePercent: 0 } });
  });
});

describe('recordUsage', () => {
  it('writes usage, folders, one sample each and a first notice state, and hands back only a mailbox with a notice due', async () => {
    const quiet = await mailbox('quiet@example.test');
    const full = await mailbox('full@example.test');
    const due = await recordUsage(prisma, [{ mailbox: quiet, usage: usage(100_000) }, { mailbox: full, usage: usage(850_000) }], now, settings);
    expect(due).toEqual([full.id]);

    const [q, f] = await prisma.mailbox.findMany({ where: { id: { in: [quiet.id, full.id] } }, orderBy: { id: 'asc' } });
    expect(q).toMatchObject({ usedBytes: 100_000n, usedMessages: 3, usagePercent: 10, usageSource: 'quota', scannedAt: now, scanError: null, usageFolders: usage(100_000).folders });
    // The state the locked evaluation would have written for this usage.
    expect(q.noticeState).toEqual(JSON.parse(JSON.stringify(decideNotices({ usedBytes: 100_000n, effectiveLimitBytes: BigInt(LIMIT), noticeState: null }, null, now, settings).state)));
    // A notice is due here: its state is left to evaluateQuotaNotices, which sends and records it under the row lock.
    expect(f).toMatchObject({ usedBytes: 850_000n, usagePercent: 85, noticeState: null });
    expect(await prisma.usageSample.findMany({ orderBy: { mailboxId: 'asc' }, select: { mailboxId: true, at: true, usedBytes: true, usedMessages: true, limitBytes: true } })).toEqual([
      { mailboxId: quiet.id, at: now, usedBytes: 100_000n, usedMessages: 3, limitBytes: BigInt(LIMIT) },
      { mailboxId: full.id, at: now, usedBytes: 850_000n, usedMessages: 3, limitBytes: BigInt(LIMIT) },
    ]);
  });

  it('writes nothing of the notice state when it would not change, and hands nothing back', async () => {
    const m = await mailbox('steady@example.test');
    await recordUsage(prisma, [{ mailbox: m, usage: usage(100_000) }], now, settings);
    const settled = (await loadScanTargets(prisma, [m.id]))[0];
    expect(await recordUsage(prisma, [{ mailbox: settled, usage: usage(120_000) }], new Date(now.getTime() + 3_600_000), settings)).toEqual([]);
    expect(await prisma.usageSample.count({ where: { mailboxId: m.id } })).toBe(2);
  });

  it('keeps what another writer put in the row since it was read, and hands the mailbox back for the locked evaluation', async () => {
    const stateRaced = await mailbox('state@example.test');
    const limitRaced = await mailbox('limit@example.test');
    // Between the job's read and its write: an evaluation stored a state, a staff member lowered a limit.
    const theirs = { v: 1, thresholds: { 80: { armedAt: 1, firedAt: null } }, over: { armedAt: 1, firedAt: null, slot: 0 } };
    await prisma.mailbox.update({ where: { id: stateRaced.id }, data: { noticeState: theirs } });
    await prisma.mailbox.update({ where: { id: limitRaced.id }, data: { effectiveLimitBytes: 500_000n } });

    const due = await recordUsage(prisma, [{ mailbox: stateRaced, usage: usage(100_000) }, { mailbox: limitRaced, usage: usage(100_000) }], now, settings);
    expect(due.sort()).toEqual([stateRaced.id, limitRaced.id].sort());
    const rows = await prisma.mailbox.findMany({ where: { id: { in: [stateRaced.id, limitRaced.id] } }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.noticeState)).toEqual([theirs, null]);
    // The usage itself is written either way: it is what the server reported.
    expect(rows.map((r) => r.usedBytes)).toEqual([100_000n, 100_000n]);
  });
});
