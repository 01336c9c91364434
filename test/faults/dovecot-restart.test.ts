// Real: a Dovecot of this file's own (scripts/lib/dovecot.ts with the project's config, its own ports and mail directory, users
// from the shared test database's dovecot_users view), PostgreSQL, Redis, the BullMQ workers (jobs/start.ts) with the queues' own
// retry timings, SMTP sink. Injected: that Dovecot stopped (SIGTERM, as a service restart does) the moment a scan has logged in,
// and started again a second later; a TCP proxy adds latency so the scan is still in its session then. The shared Dovecot of
// the run is never touched.
import type { Job } from 'bullmq';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from '../harness/fault-proxy.ts';
import { startJobsHarness, type JobsHarness } from '../harness/jobs.ts';
import { withMailbox } from '../harness/mail.ts';
import { STANDARD_RULES, createPolicy } from '../harness/retention.ts';
import { TEST_DATABASE_URL, TEST_DOVECOT_DIR, TEST_MAIL_PASSWORD, TEST_MASTER, testConfig, testMailUser, testPort } from '../harness/env.ts';
import { startDovecot, type DovecotHandle, type DovecotOptions } from '../../scripts/lib/dovecot.ts';
import { seedMailbox } from '../../scripts/lib/seed-mail.ts';

const USERS = [11, 12].map(testMailUser);
// '+' is outside Dovecot's auth_username_chars: the master login as this user is refused (AUTHENTICATIONFAILED).
const GHOST = 'ghost+restart@example.test';
const DOVECOT: DovecotOptions = {
  dir: `${TEST_DOVECOT_DIR}-restart`,
  imapPort: testPort(10372),
  pop3Port: testPort(10373),
  databaseUrl: TEST_DATABASE_URL,
  masterUser: TEST_MASTER.user,
  masterPassword: TEST_MASTER.password,
  users: USERS.map((login) => ({ login, password: TEST_MAIL_PASSWORD })),
};
/** Straight to this file's Dovecot, never through the proxy. */
const direct = testConfig({ IMAP_PORT: String(DOVECOT.imapPort) });
let dovecot: DovecotHandle;
let proxy: FaultProxy;
let h: JobsHarness;
const failures: { queue: string; mailboxId: number | undefined; reason: string }[] = [];
const ids = new Map<string, number>();

beforeAll(async () => {
  await rm(`${DOVECOT.dir}/mail`, { recursive: true, force: true });
  dovecot = await startDovecot(DOVECOT);
  proxy = await FaultProxy.start({ port: testPort(10374), targetPort: DOVECOT.imapPort });
  h = await startJobsHarness(testPort(10375), { IMAP_PORT: String(proxy.port), EXPIRY_CONCURRENCY: '1' });
  for (const w of h.workers) {
    w.on('failed', (job?: Job, err?: Error) => failures.push({ queue: w.name, mailboxId: job?.data.mailboxId, reason: err?.message ?? '' }));
  }
  for (const login of [...USERS, GHOST]) ids.set(login, (await h.ctx.prisma.mailbox.create({ data: { address: login, imapLogin: login } })).id);
  for (const [i, login] of USERS.entries()) {
    await withMailbox(direct, login, (c) => seedMailbox(c, login, [
      { folder: 'INBOX', count: 6 + 4 * i, ageDays: 3, sizeBytes: 6000 },
      { folder: 'Lists/dev', count: 5, ageDays: 10, sizeBytes: 9000 },
      { folder: '\\Sent', count: 2 + i, ageDays: 1, sizeBytes: 3000 },
    ]));
  }
}, 60_000);
afterAll(async () => {
  await h?.stop();
  await proxy?.close();
  await dovecot?.stop();
});

/** Dovecot's own message count (doveadm quota get). */
async function dovecotMessages(login: string) {
  const out = await dovecot.doveadm(['quota', 'get', '-u', login]);
  return Number(/MESSAGE\s+(\d+)/.exec(out)![1]);
}

/** What a scan stored for a mailbox, minus when. */
async function stored(login: string) {
  const row = await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id: ids.get(login) } });
  return { login, scanError: row.scanError, usedBytes: row.usedBytes, usedMessages: row.usedMessages, source: row.usageSource, folders: row.usageFolders };
}

async function restartDovecot(): Promise<void> {
  await dovecot.stop();
  await new Promise((r) => setTimeout(r, 1000));
  dovecot = await startDovecot(DOVECOT);
}

describe('Dovecot restarted during a usage scan', () => {
  it('the interrupted scans are retried and every mailbox ends with its real usage; only the refused login is flagged', async () => {
    proxy.setLatency(20);
    let restart: Promise<void> | null = null;
    let loggedIn = 0;
    let cutSession = 0;
    // Once the first scan session has logged in and asked for something, its answer is held and Dovecot goes down
    // under it: the scan loses its connection mid-session.
    const untap = proxy.tap((direction, chunk, connId) => {
      if (restart || direction !== 'down') return;
      if (loggedIn === connId) {
        proxy.stall();
        cutSession = connId;
        restart = restartDovecot();
      } else if (!loggedIn && /OK.*Logged in/i.test(chunk.toString('latin1'))) loggedIn = connId;
    });
    await h.run(h.queues.maintenance, { task: 'scan-all' });
    await expect.poll(() => restart, { timeout: 15_000 }).not.toBeNull();
    await restart;
    untap();
    await proxy.resume();
    await h.idle(60_000);

    // The restart was felt: the held session died with Dovecot, and the work was redone in new sessions (three
    // mailboxes, more logins). Whatever failed on the way failed as connection trouble, never as a refused login.
    expect(proxy.closed.find((c) => c.id === cutSession)).toBeDefined();
    expect(proxy.accepted).toBeGreaterThan(3);
    for (const f of failures.filter((x) => x.mailboxId !== ids.get(GHOST))) expect(f.reason).not.toMatch(/refused$/);
    const afterFault = await Promise.all(USERS.map(stored));
    expect(afterFault.map((m) => [m.login, m.scanError, m.usedMessages])).toEqual([[USERS[0], null, 13], [USERS[1], null, 18]]);
    for (const m of afterFault) expect(m.usedMessages).toBe(await dovecotMessages(m.login));
    // The same figures as a clean scan of the same mail, with Dovecot left alone.
    for (const login of USERS) await h.run(h.queues['usage-scan'], { mailboxId: ids.get(login)!, reason: 'manual' });
    expect(await Promise.all(USERS.map(stored))).toEqual(afterFault);
    expect(await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id: ids.get(GHOST) } }))
      .toMatchObject({ scanError: `IMAP login as ${GHOST} through admin access was refused (IMAP_ADMIN_MODE=master; a server without Dovecot master users, such as Cyrus, needs IMAP_ADMIN_MODE=authzid)`, scannedAt: null });
    // The ghost's last job failed for good; nothing is left waiting to try again.
    const ghostFailed = (await h.queues['usage-scan'].getFailed()).filter((j) => j.data.mailboxId === ids.get(GHOST));
    expect(ghostFailed.map((j) => j.failedReason)).toEqual([`IMAP login as ${GHOST} through admin access was refused (IMAP_ADMIN_MODE=master; a server without Dovecot master users, such as Cyrus, needs IMAP_ADMIN_MODE=authzid)`]);
    expect(await h.queues['usage-scan'].getDelayed()).toEqual([]);
  }, 90_000);
});

describe('an expiry sweep with one mailbox whose login is refused', () => {
  it('flags that mailbox failed after one attempt, not retried, while the others finish', async () => {
    await createPolicy(h.ctx.prisma, 'Standard', STANDARD_RULES, { isDefault: true });
    failures.length = 0;
    const sweep = await h.run(h.queues['expiry-sweep'], { dryRun: false, trigger: 'manual' }) as { runId: number };
    await h.idle(30_000);
    const rows = await h.ctx.prisma.expiryMailboxRun.findMany({ where: { runId: sweep.runId }, orderBy: { mailboxId: 'asc' } });
    expect(rows.map((r) => [r.mailboxId, r.status])).toEqual([...USERS.map((l) => [ids.get(l), 'done']), [ids.get(GHOST), 'failed']]);
    expect(rows.at(-1)!.error).toBe(`IMAP login as ${GHOST} through admin access was refused (IMAP_ADMIN_MODE=master; a server without Dovecot master users, such as Cyrus, needs IMAP_ADMIN_MODE=authzid)`);
    expect(failures.filter((f) => f.queue === 'expiry')).toEqual([{ queue: 'expiry', mailboxId: ids.get(GHOST), reason: `IMAP login as ${GHOST} through admin access was refused (IMAP_ADMIN_MODE=master; a server without Dovecot master users, such as Cyrus, needs IMAP_ADMIN_MODE=authzid)` }]);
    expect(await h.queues.expiry.getDelayed()).toEqual([]);
    expect(await h.ctx.prisma.expiryRun.findUniqueOrThrow({ where: { id: sweep.runId } })).toMatchObject({ status: 'failed', error: '1 of 3 mailbox(es) failed', finishedAt: expect.any(Date) });
  }, 60_000);
});
