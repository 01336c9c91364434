// Real: Cyrus IMAP 3.6 (authzid admin), PostgreSQL, Redis/BullMQ workers, nodemailer to the smtp-server sink.
// The quota suite's core on Cyrus: scans measure what was appended (Cyrus' QUOTA once Mailwarden set the limit with
// SETQUOTA), one warning past 80 % across repeated scans, one over-quota notice past 100 %, and Cyrus enforcing
// Mailwarden's limit on its own (an APPEND past it is refused).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestCyrus } from '../harness/cyrus.ts';
import { seedMailbox } from '../../scripts/lib/seed-mail.ts';
import { startJobsHarness, type JobsHarness } from '../harness/jobs.ts';
import { testCyrusConfig, testMailUser, testPort } from '../harness/env.ts';
import { withMailbox } from '../harness/mail.ts';

const KiB = 1024;
const cyrus = testCyrusConfig();
const USER = testMailUser(15);
let h: JobsHarness;
let id: number;

const append = (count: number, sizeBytes: number) => withMailbox(cyrus, USER, (c) => seedMailbox(c, USER, [{ folder: 'INBOX', count, ageDays: 1, sizeBytes }]));
async function scan(times: number) {
  for (let i = 0; i < times; i++) await h.run(h.queues['usage-scan'], { mailboxId: id, reason: 'manual' });
  await h.idle();
}
const setLimit = (bytes: number) => h.ctx.prisma.mailbox.update({ where: { id }, data: { effectiveLimitBytes: BigInt(bytes) } });

beforeAll(async () => {
  await ensureTestCyrus();
  h = await startJobsHarness(testPort(10465), { IMAP_PORT: String(cyrus.IMAP_PORT), IMAP_ADMIN_MODE: 'authzid', SCAN_RATE_PER_SECOND: '1000' });
  await h.ctx.prisma.quotaPlan.create({ data: { name: 'Small', storageLimitBytes: BigInt(200 * KiB), warnThresholds: [80, 90, 95], isDefault: true } });
  ({ id } = await h.ctx.prisma.mailbox.create({ data: { address: USER, imapLogin: USER, displayName: 'Cyrus User', effectiveLimitBytes: BigInt(200 * KiB) } }));
});
afterAll(() => h?.stop());

describe('quota notices on Cyrus', () => {
  it('sets the limit on Cyrus, measures with its QUOTA, and warns once past 80 % across repeated scans', async () => {
    await scan(1); // the first scan sets Cyrus' quota (SETQUOTA)
    expect(await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id } })).toMatchObject({ serverLimitBytes: BigInt(200 * KiB), scanError: null });
    const seeded = await append(17, 10_000); // ~166 KiB of 200 KiB
    await scan(3);
    const row = await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id } });
    const total = seeded.reduce((n, m) => n + m.size, 0);
    expect(row).toMatchObject({ usageSource: 'quota', usedMessages: 17, usedBytes: BigInt(Math.floor(total / KiB) * KiB) });
    expect(row.usagePercent).toBeGreaterThan(80);
    expect(h.sink.messages.map((m) => m.parsed.subject)).toEqual([expect.stringMatching(/^Your mailbox is 8\d% full$/)]);
    expect(h.sink.messages[0].envelope.to).toEqual([USER]);
  });

  it('Cyrus refuses an APPEND past the limit; raised and lowered again, one over-quota notice across scans', async () => {
    await expect(append(4, 10_000)).rejects.toThrow();
    await setLimit(400 * KiB);
    await scan(1); // Cyrus now enforces 400 KiB
    await append(4, 10_000);
    await setLimit(200 * KiB);
    await scan(3);
    expect((await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id } })).usagePercent).toBeGreaterThan(100);
    expect(h.sink.messages.map((m) => m.parsed.subject)).toEqual([expect.stringMatching(/full$/), 'Your mailbox is full: new mail may be refused']);
  });
});
