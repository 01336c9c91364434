// The scan's Dovecot fast path: with DOVEADM_API_URL set, a scheduled batch reads the totals of its mailboxes with
// fresh folders from doveadm's HTTP API (quotaGet, one request, no IMAP login), against the test Dovecot's real API.
// Which path ran shows in the message count: doveadm reports MESSAGE, IMAP QUOTA without a message limit does not.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMailbox } from '../../scripts/lib/seed-mail.ts';
import { startJobsHarness, type JobsHarness } from '../harness/jobs.ts';
import { testMailUser, testPort, TEST_DOVEADM_API_KEY, TEST_DOVECOT_DIR, TEST_PORTS } from '../harness/env.ts';
import { resetMaildir, withMailbox } from '../harness/mail.ts';
import { readQuotaTotals } from '../../server/core/doveadm/quota.ts';
import { DoveadmApiError } from '../../server/core/doveadm/http-api.ts';
import { loadConfig } from '../../server/core/config.ts';

const USERS = [testMailUser(52), testMailUser(53)];
const API_URL = `http://127.0.0.1:${TEST_PORTS.doveadmHttp}/doveadm/v1`;
let h: JobsHarness;
const ids: number[] = [];

const append = (user: string, count: number) =>
  withMailbox(h.ctx.config, user, (c) => seedMailbox(c, user, [{ folder: 'INBOX', count, ageDays: 1, sizeBytes: 4_000 }]));
const rows = () => h.ctx.prisma.mailbox.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } });
const doveadmKiB = (user: string) => {
  const out = execFileSync('/usr/bin/doveadm', ['-c', `${TEST_DOVECOT_DIR}/dovecot.conf`, '-f', 'tab', 'quota', 'get', '-u', user], { encoding: 'utf8' });
  return Number(out.split('\n').map((l) => l.split('\t')).find((f) => f[1] === 'STORAGE')![2]);
};

beforeAll(async () => {
  h = await startJobsHarness(testPort(10654), { SCAN_RATE_PER_SECOND: '1000', DOVEADM_API_URL: API_URL, DOVEADM_API_KEY: TEST_DOVEADM_API_KEY });
  for (const user of USERS) {
    await resetMaildir(user);
    ids.push((await h.ctx.prisma.mailbox.create({ data: { address: user, imapLogin: user, limitOverrideBytes: 5n << 20n, effectiveLimitBytes: 5n << 20n } })).id);
  }
});
afterAll(() => h?.stop());

describe('usage totals from the doveadm HTTP API', () => {
  it('measures a batch with fresh folders in one request: Dovecot\'s figures, message counts included, folders kept', async () => {
    await append(USERS[0], 2);
    await append(USERS[1], 1);
    await h.run(h.queues['usage-scan'], { mailboxIds: ids, reason: 'scheduled' }); // never measured: folders listed over IMAP
    const before = await rows();
    expect(before.map((r) => r.usedMessages)).toEqual([2, 1]);

    await append(USERS[0], 3);
    await append(USERS[1], 2);
    await h.run(h.queues['usage-scan'], { mailboxIds: ids, reason: 'scheduled' });
    const after = await rows();
    expect(after.map((r) => r.usedMessages)).toEqual([5, 3]);
    expect(after.map((r) => Number(r.usedBytes))).toEqual(USERS.map((u) => doveadmKiB(u) * 1024));
    expect(after.map((r) => r.usageFolders)).toEqual(before.map((r) => r.usageFolders));
    expect(after.map((r) => r.foldersScannedAt)).toEqual(before.map((r) => r.foldersScannedAt));
    expect(after.map((r) => r.usageSource)).toEqual(['quota', 'quota']);
  });

  it('leaves out a user Dovecot does not know, and refuses a wrong key as a whole', async () => {
    const config = loadConfig({ ...process.env, DOVEADM_API_URL: API_URL, DOVEADM_API_KEY: TEST_DOVEADM_API_KEY, IMAP_ADMIN_PASSWORD: 'x', SESSION_SECRET: 'x'.repeat(40) });
    const totals = await readQuotaTotals(config, [USERS[0], 'nobody-here@example.test']);
    expect([...totals.keys()]).toEqual([USERS[0]]);
    expect(totals.get(USERS[0])).toMatchObject({ usedMessages: 5, source: 'quota', totalsOnly: true, folders: [] });
    await expect(readQuotaTotals({ ...config, DOVEADM_API_KEY: 'wrong-key' }, [USERS[0]])).rejects.toThrow(DoveadmApiError);
    await expect(readQuotaTotals({ ...config, DOVEADM_API_KEY: 'wrong-key' }, [USERS[0]])).rejects.toThrow(/DOVEADM_API_KEY/);
  });

  it('measures over IMAP when the API does not answer, and says so in the config when the key is missing', async () => {
    await h.stop();
    h = await startJobsHarness(testPort(10654), { SCAN_RATE_PER_SECOND: '1000', DOVEADM_API_URL: 'http://127.0.0.1:1/doveadm/v1', DOVEADM_API_KEY: 'k' });
    ids.length = 0;
    ids.push((await h.ctx.prisma.mailbox.create({ data: { address: USERS[0], imapLogin: USERS[0], limitOverrideBytes: 5n << 20n, effectiveLimitBytes: 5n << 20n, foldersScannedAt: new Date() } })).id);
    await h.run(h.queues['usage-scan'], { mailboxIds: ids, reason: 'scheduled' });
    const [row] = await rows();
    expect(Number(row.usedBytes)).toBe(doveadmKiB(USERS[0]) * 1024); // IMAP QUOTA: same figure, no message count
    expect(row.usedMessages).toBeNull(); // never counted: no full scan yet, and no made-up history sample
    expect(await h.ctx.prisma.usageSample.count({ where: { mailboxId: row.id } })).toBe(0);
    expect(() => loadConfig({ DOVEADM_API_URL: API_URL, IMAP_ADMIN_PASSWORD: 'x', SESSION_SECRET: 'x'.repeat(40) })).toThrow(/DOVEADM_API_KEY is required when DOVEADM_API_URL is set/);
  });
});
