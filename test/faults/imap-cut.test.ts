// Real: Dovecot, PostgreSQL, Redis/BullMQ workers (jobs/start.ts) and their retries, SMTP sink. Injected: a TCP proxy between the workers and Dovecot (test/harness/fault-proxy.ts) that cuts, refuses and resumes connections.
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from '../harness/fault-proxy.ts';
import { startJobsHarness, waitForJob, type JobsHarness } from '../harness/jobs.ts';
import { TEST_PORTS, testConfig, testMailUser, testPort } from '../harness/env.ts';
import { STANDARD_RULES, createMailboxRow, createPolicy, expectedAfterStandardRun, listMail, seed, subjectsOf } from '../harness/retention.ts';
import { resetMaildir, withMailbox } from '../harness/mail.ts';
import { seedMailbox } from '../../scripts/lib/seed-mail.ts';
import { createMailboxRun, expiryJobId } from '../../server/core/services/expiry-runs.ts';

let proxy: FaultProxy;
let h: JobsHarness;
/** Verification goes straight to Dovecot, never through the proxy. */
const direct = testConfig();
const failures = new Map<string, string[]>();
/** What each failed expiry attempt left in the audit (pending = written before a removal not yet confirmed). */
const leftBehind: Promise<{ pending: number; done: number }>[] = [];

beforeAll(async () => {
  proxy = await FaultProxy.start({ port: testPort(10390), targetPort: TEST_PORTS.imap });
  h = await startJobsHarness(testPort(10391), { IMAP_PORT: String(proxy.port), EXPIRY_CONCURRENCY: '1' });
  for (const w of h.workers) {
    w.on('failed', (job?: Job, err?: Error) => {
      if (!job) return;
      failures.set(`${w.name}/${job.id}`, [...(failures.get(`${w.name}/${job.id}`) ?? []), err?.message ?? '']);
      if (w.name === 'expiry') leftBehind.push(auditStates(job.data.mailboxId));
    });
  }
  await createPolicy(h.ctx.prisma, 'Standard', STANDARD_RULES, { isDefault: true });
});
afterAll(async () => {
  await h?.stop();
  await proxy?.close();
});

/** One expiry job through BullMQ, retried quickly (the queue's own backoff is a minute). */
async function expireThroughQueue(mailboxId: number, attempts = 6) {
  const { run, mailboxRun } = await createMailboxRun(h.ctx.prisma, { mailboxId, dryRun: false, trigger: 'manual', createdBy: null });
  const job = await h.queues.expiry.add('expiry', { mailboxId, runId: run.id, dryRun: false }, {
    jobId: expiryJobId(run.id, mailboxId), attempts, backoff: { type: 'fixed', delay: 150 },
  });
  await waitForJob(h.queues.expiry, job, 45_000);
  return { runId: run.id, mailboxRunId: mailboxRun.id, failed: failures.get(`expiry/${job.id}`) ?? [] };
}

/** Everything a run leaves behind that must not depend on faults along the way. */
async function outcome(login: string, mailboxId: number, mailboxRunId: number) {
  const audit = await h.ctx.prisma.expiredMessage.findMany({ where: { mailboxId }, orderBy: [{ folder: 'asc' }, { uid: 'asc' }] });
  const row = await h.ctx.prisma.expiryMailboxRun.findUniqueOrThrow({ where: { id: mailboxRunId } });
  const notices = await h.ctx.prisma.notification.count({ where: { mailboxId } });
  return {
    mail: await listMail(direct, login),
    audit: audit.map((a) => ({ folder: a.folder, uid: a.uid, action: a.action, movedTo: a.movedTo, state: a.state, size: a.size, subject: a.subject, run: a.mailboxRunId === mailboxRunId })),
    row: { status: row.status, matched: row.matched, deleted: row.deleted, moved: row.moved, bytesFreed: row.bytesFreed, error: row.error },
    notices,
  };
}

async function auditStates(mailboxId: number) {
  const rows = await h.ctx.prisma.expiredMessage.groupBy({ by: ['state'], where: { mailboxId }, _count: { _all: true } });
  const count = (s: string) => rows.find((r) => r.state === s)?._count._all ?? 0;
  return { pending: count('pending'), done: count('done') };
}

async function seededMailbox(n: number) {
  const login = testMailUser(n);
  const { id } = await createMailboxRow(h.ctx.prisma, login);
  const seeded = await seed(direct, login);
  return { login, id, seeded, subjects: subjectsOf(seeded) };
}

describe('IMAP connection cut mid-sweep', () => {
  let clean: Awaited<ReturnType<typeof outcome>>;
  let cleanBytes: number;

  it('a clean run through the proxy leaves what policy says (the reference)', async () => {
    const m = await seededMailbox(1);
    const before = proxy.closed.length;
    const { mailboxRunId, failed } = await expireThroughQueue(m.id);
    expect(failed).toEqual([]);
    clean = await outcome(m.login, m.id, mailboxRunId);
    expect(clean.mail).toEqual(expectedAfterStandardRun(m.seeded, m.subjects));
    expect(clean.row).toMatchObject({ status: 'done', matched: 8, deleted: 6, moved: 2, error: null });
    expect(clean.audit).toHaveLength(8);
    expect(clean.notices).toBe(0); // the standard rules carry no notices (their suite: test/jobs/expiry-notice-promise.test.ts)
    const sessions = proxy.closed.slice(before);
    expect(sessions).toHaveLength(1); // one IMAP session per mailbox
    cleanBytes = sessions[0].down;
  });

  // Cut points spread over the session: during LIST/SELECT, mid-removal, during the notice scan.
  for (const [n, fraction] of [[2, 0.3], [3, 0.55], [4, 0.75], [5, 0.92]] as const) {
    it(`retries after a cut at ${Math.round(fraction * 100)} % of the server's bytes and ends exactly like the clean run`, async () => {
      const m = await seededMailbox(n);
      const cutsBefore = proxy.cuts;
      proxy.dropAfter(Math.floor(cleanBytes * fraction), { direction: 'down' });
      const { mailboxRunId, failed } = await expireThroughQueue(m.id);
      expect(proxy.cuts - cutsBefore).toBe(1);
      expect(failed.length).toBeGreaterThanOrEqual(1); // the cut attempt failed and BullMQ retried it
      const after = await outcome(m.login, m.id, mailboxRunId);
      expect(after).toEqual(clean);
      expect(after.mail).toEqual(expectedAfterStandardRun(m.seeded, m.subjects));
    });
  }

  it('survives cuts right after the server acted on UID EXPUNGE, UID MOVE and STORE \\Deleted (answers never seen)', async () => {
    const m = await seededMailbox(6);
    const cutsBefore = proxy.cuts;
    proxy.dropOn(/UID EXPUNGE/i);
    proxy.dropOn(/UID MOVE/i);
    proxy.dropOn(/UID STORE [\d:,]+ (\(UNCHANGEDSINCE \d+\) )?\+FLAGS/i);
    const { mailboxRunId, failed } = await expireThroughQueue(m.id);
    expect(proxy.cuts - cutsBefore).toBe(3);
    expect(failed).toHaveLength(3);
    const after = await outcome(m.login, m.id, mailboxRunId);
    expect(after).toEqual(clean);
    // Exactly the removed messages are audited, each once and confirmed; none outside policy is gone.
    const removed = m.seeded.filter((s) => /^(expire|move)/.test(m.subjects.get(s.messageId)!)).map((s) => `${s.folder}/${s.uid}`).sort();
    expect(after.audit.map((a) => `${a.folder}/${a.uid}`).sort()).toEqual(removed);
    expect(after.audit.every((a) => a.state === 'done')).toBe(true);
  });

  it('the cuts above interrupted real work: some attempts left unconfirmed (pending) rows, some confirmed removals', async () => {
    const states = await Promise.all(leftBehind);
    expect(states.length).toBeGreaterThanOrEqual(7);
    expect(states.some((s) => s.pending > 0)).toBe(true);
    expect(states.some((s) => s.done > 0 && s.done < 8)).toBe(true);
  });

  it('cut before the STORE reaches the server: nothing was touched, the retry removes exactly the same', async () => {
    const m = await seededMailbox(7);
    proxy.dropOn(/UID STORE [\d:,]+ (\(UNCHANGEDSINCE \d+\) )?\+FLAGS/i, { forward: false });
    const { mailboxRunId, failed } = await expireThroughQueue(m.id);
    expect(failed).toHaveLength(1);
    expect(await outcome(m.login, m.id, mailboxRunId)).toEqual(clean);
  });
});

describe('usage scan while Dovecot is unreachable', () => {
  it('retries while connections are refused and succeeds once the server is back', async () => {
    const login = testMailUser(8);
    await resetMaildir(login);
    const { id } = await h.ctx.prisma.mailbox.create({ data: { address: login, imapLogin: login } });
    await withMailbox(direct, login, (c) => seedMailbox(c, login, [{ folder: 'INBOX', count: 3, ageDays: 1, sizeBytes: 4000 }]));
    await proxy.refuse();
    const job = await h.queues['usage-scan'].add('usage-scan', { mailboxId: id, reason: 'manual' }, { attempts: 20, backoff: { type: 'fixed', delay: 200 } });
    await expect.poll(() => failures.get(`usage-scan/${job.id}`)?.length ?? 0, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(failures.get(`usage-scan/${job.id}`)![0]).toMatch(/ECONNREFUSED/);
    // Each failed attempt is on the row at once (the dashboard counts it failing); the scan that works clears it.
    expect(await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id } })).toMatchObject({ scannedAt: null, scanError: expect.stringMatching(/ECONNREFUSED/) });
    await proxy.resume();
    expect(await waitForJob(h.queues['usage-scan'], job)).toMatchObject({ usedBytes: expect.any(Number) });
    expect(await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id } })).toMatchObject({ usedMessages: 3, scanError: null, scannedAt: expect.any(Date) });
  });

  it('retries a scan whose connection was cut mid-session and refused for a while, as a Dovecot restart looks', async () => {
    const mailbox = await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { address: testMailUser(8) } });
    await h.ctx.prisma.mailbox.update({ where: { id: mailbox.id }, data: { scannedAt: null, usedBytes: null } });
    proxy.stall();
    const job = await h.queues['usage-scan'].add('usage-scan', { mailboxId: mailbox.id, reason: 'manual' }, { attempts: 20, backoff: { type: 'fixed', delay: 200 } });
    await expect.poll(() => proxy.open, { timeout: 5000 }).toBeGreaterThan(0);
    expect(proxy.cutAll()).toBeGreaterThan(0);
    await proxy.refuse();
    await expect.poll(() => failures.get(`usage-scan/${job.id}`)?.length ?? 0, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await proxy.resume();
    await waitForJob(h.queues['usage-scan'], job);
    expect(await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } })).toMatchObject({ usedMessages: 3, scanError: null, scannedAt: expect.any(Date) });
  });
});

describe('a mailbox whose admin login is refused', () => {
  it('is flagged and failed after one attempt, while the other mailboxes of the fan-out finish', async () => {
    await h.ctx.prisma.mailbox.updateMany({ data: { status: 'disabled' } });
    // Every active row is a Dovecot user (SQL userdb), so make Dovecot refuse the login itself: '+' is outside its
    // default auth_username_chars, and the master login as this user fails with AUTHENTICATIONFAILED.
    const ghost = await h.ctx.prisma.mailbox.create({ data: { address: 'ghost+x@example.test', imapLogin: 'ghost+x@example.test' } });
    const others = [];
    for (const n of [9]) {
      await resetMaildir(testMailUser(n));
      others.push(await h.ctx.prisma.mailbox.create({ data: { address: testMailUser(n), imapLogin: testMailUser(n) } }));
    }
    await h.run(h.queues.maintenance, { task: 'scan-all' });
    await h.idle();
    const failed = await h.queues['usage-scan'].getFailed();
    const ghostJobs = failed.filter((j) => j.data.mailboxId === ghost.id);
    expect(ghostJobs).toHaveLength(1);
    expect(ghostJobs[0]).toMatchObject({ attemptsMade: 1, failedReason: 'IMAP login as ghost+x@example.test through admin access was refused (IMAP_ADMIN_MODE=master; a server without Dovecot master users, such as Cyrus, needs IMAP_ADMIN_MODE=authzid)' });
    expect(await h.queues['usage-scan'].getDelayed()).toEqual([]); // nothing waiting to try again
    expect(await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id: ghost.id } })).toMatchObject({
      scanError: 'IMAP login as ghost+x@example.test through admin access was refused (IMAP_ADMIN_MODE=master; a server without Dovecot master users, such as Cyrus, needs IMAP_ADMIN_MODE=authzid)', scannedAt: null,
    });
    for (const m of others) {
      expect(await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({ scanError: null, scannedAt: expect.any(Date), usedMessages: 0 });
    }
  });
});
