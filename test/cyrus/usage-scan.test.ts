// Real: Cyrus IMAP 3.6 (Debian's imapd under its own master, private sasldb, admin access through SASL PLAIN authzid),
// PostgreSQL, Redis/BullMQ workers from jobs/start.ts. Mail is APPENDed over IMAP; scans run as queued jobs.
// Cyrus answered commands sent behind the login as if sent before it (issue #21): the scan must finish on Cyrus
// whatever the login's length or the order of the mailboxes, with the same figures as imapflow reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestCyrus } from '../harness/cyrus.ts';
import { seedMailbox, type SeededMessage } from '../../scripts/lib/seed-mail.ts';
import { measureUsage, scanMailboxUsage } from '../../server/core/imap/usage.ts';
import { readUsageQuickly } from '../../server/core/imap/usage-fast-path.ts';
import { startJobsHarness, type JobsHarness } from '../harness/jobs.ts';
import { TEST_CYRUS_VARIED_LOGINS, testCyrusConfig, testMailUser, testPort } from '../harness/env.ts';
import { withMailbox } from '../harness/mail.ts';

const config = testCyrusConfig();
const USER = testMailUser(11);
let h: JobsHarness;
let seeded: SeededMessage[] = [];

beforeAll(async () => {
  await ensureTestCyrus();
  h = await startJobsHarness(testPort(10462), { IMAP_PORT: config.IMAP_PORT.toString(), IMAP_ADMIN_MODE: 'authzid', SCAN_RATE_PER_SECOND: '1000', SCAN_CONCURRENCY: '1' });
  seeded = await withMailbox(config, USER, (c) => seedMailbox(c, USER, [
    { folder: 'INBOX', count: 5, ageDays: [1, 40], sizeBytes: 6_000 },
    { folder: '\\Sent', count: 2, ageDays: 3, sizeBytes: 3_001 },
    { folder: 'Projects/2020', count: 3, ageDays: 900, sizeBytes: 2_500 },
  ]));
});
afterAll(() => h?.stop());

describe('usage on Cyrus', () => {
  // First in the file: a worker process that has not scanned anything yet (the state the hang depended on).
  it('a scan of 50 mailboxes with logins of 8 to 60 characters finishes on one worker, in any order', async () => {
    const logins = TEST_CYRUS_VARIED_LOGINS;
    expect(Math.min(...logins.map((l) => l.length))).toBe(8);
    expect(Math.max(...logins.map((l) => l.length))).toBe(60);
    // Shortest first (the order that hung a worker), then longest first, then interleaved.
    const order = [...logins].sort((a, b) => a.length - b.length);
    // Cyrus answers commands pipelined behind a short login with "A1 BAD Already authenticated" and drops them
    // (behind a longer one it drops them silently): the short exchange must not send any, and so still works.
    const t = Date.now();
    expect(await readUsageQuickly(h.ctx.config, order[0])).toMatchObject({ source: 'status-size', usedMessages: 0 });
    expect(Date.now() - t).toBeLessThan(3000);
    for (const login of [...order, ...[...order].reverse()]) expect((await scanMailboxUsage(h.ctx.config, login)).folders.length, login).toBeGreaterThan(0);

    const interleaved = order.map((_, i) => order[i % 2 ? order.length - 1 - (i >> 1) : i >> 1]);
    await h.ctx.prisma.mailbox.createMany({ data: interleaved.map((login) => ({ address: login, imapLogin: login })) });
    const t0 = Date.now();
    await h.run(h.queues.maintenance, { task: 'scan-all' });
    await h.idle(60_000);
    const rows = await h.ctx.prisma.mailbox.findMany({ select: { imapLogin: true, scannedAt: true, scanError: true, usedMessages: true } });
    expect(rows).toHaveLength(50);
    expect(rows.filter((r) => !r.scannedAt || r.scanError)).toEqual([]);
    expect(await h.queues['usage-scan'].getFailed()).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(30_000);
  }, 60_000); // the first login to each mailbox creates it (~0.1 s each on Cyrus)
  it('the short exchange reads exactly what imapflow reads, roles included', async () => {
    const viaImapflow = await withMailbox(config, USER, (c) => measureUsage(c));
    const quick = await readUsageQuickly(config, USER);
    expect(quick).toEqual(viaImapflow);
    // No quota root limits yet: the exact sum of STATUS SIZE.
    expect(quick).toMatchObject({ source: 'status-size', usedMessages: 10, usedBytes: seeded.reduce((n, m) => n + m.size, 0) });
    expect(Object.fromEntries(quick!.folders.map((f) => [f.path, f.specialUse]))).toMatchObject({ INBOX: '\\Inbox', Sent: '\\Sent', Trash: '\\Trash', 'Projects/2020': null });
  });
});
