// Real: PostgreSQL, Redis/BullMQ workers, nodemailer to the smtp-server sink, Dovecot and its LDA (the last delivery hop
// Postfix would run) for the full-mailbox case. Usage figures are written to the row directly where IMAP adds nothing.
import { testPort } from '../harness/env.ts';
import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { evaluateQuotaNotices } from '../../server/core/services/quota-notices.ts';
import { seedMailbox } from '../../scripts/lib/seed-mail.ts';
import { startJobsHarness, waitForJob, type JobsHarness } from '../harness/jobs.ts';
import { TEST_DOVECOT_DIR, testMailUser } from '../harness/env.ts';
import { resetMaildir, withMailbox } from '../harness/mail.ts';

const KiB = 1024;
let h: JobsHarness;
let planId: number;

async function mailbox(n: number, usedBytes: number, limit: number, extra: { alternateEmail?: string; displayName?: string } = {}) {
  const login = testMailUser(n);
  // The limit as an override too, so Dovecot (dovecot_users computes it live from override/plan) applies the same one.
  const row = await h.ctx.prisma.mailbox.create({
    data: { address: login, imapLogin: login, planId, usedBytes: BigInt(usedBytes), limitOverrideBytes: BigInt(limit), effectiveLimitBytes: BigInt(limit), ...extra },
  });
  return row.id;
}
const evaluate = (id: number, now?: Date) => evaluateQuotaNotices(h.ctx.prisma, h.queues.notify, id, now);
const rows = (mailboxId: number) => h.ctx.prisma.notification.findMany({ where: { mailboxId }, orderBy: { id: 'asc' } });

/** Hands a raw message to Dovecot's LDA for `login`, as Postfix's mailbox_command would; returns its exit code (77 = refused). */
function deliverLocally(login: string, raw: string) {
  const lda = spawnSync('/usr/lib/dovecot/dovecot-lda', ['-c', `${TEST_DOVECOT_DIR}/dovecot.conf`, '-d', login, '-f', 'mailwarden@example.test', '-e'], { input: raw });
  return { status: lda.status, stderr: lda.stderr.toString() };
}

beforeAll(async () => {
  h = await startJobsHarness(testPort(10327));
  planId = (await h.ctx.prisma.quotaPlan.create({ data: { name: 'Staff', storageLimitBytes: 400n * 1024n, warnThresholds: [80, 90, 95] } })).id;
});
afterEach(() => {
  h.sink.setRejecting(null);
  h.sink.clear();
});
afterAll(() => h?.stop());

describe('evaluateQuotaNotices', () => {
  it('records one notification and sends one email when five evaluations race on the same crossing', async () => {
    const id = await mailbox(30, 85 * KiB, 100 * KiB);
    const t = Date.now();
    const results = await Promise.all([0, 1, 2, 3, 4].map((i) => evaluate(id, new Date(t + i * 1000))));
    expect(results.flat()).toHaveLength(1);
    await h.idle();
    expect(await rows(id)).toMatchObject([{ kind: 'near_quota', threshold: 80, dedupeKey: 'near:80:0', status: 'sent' }]);
    expect(h.sink.messages).toHaveLength(1);
  });

  it('warns when a lowered limit puts the same usage past a threshold', async () => {
    const id = await mailbox(31, 100 * KiB, 400 * KiB);
    expect(await evaluate(id)).toEqual([]); // 25 %
    await h.ctx.prisma.mailbox.update({ where: { id }, data: { effectiveLimitBytes: BigInt(110 * KiB) } });
    expect(await evaluate(id)).toHaveLength(1); // 90.9 %
    await h.idle();
    expect(h.sink.messages.map((m) => m.parsed.subject)).toEqual(['Your mailbox is 90% full']);
    expect(h.sink.messages[0].parsed.text).toContain('100 KiB of 110 KiB (90%)');
  });

  it('sends to the alternate address, copies the plan admin, and keeps user names out of the headers', async () => {
    await h.ctx.prisma.quotaPlan.update({ where: { id: planId }, data: { adminCopyEmail: 'postmaster@example.test' } });
    await h.ctx.prisma.notificationTemplate.create({ data: { kind: 'over_quota', subject: 'Over quota: {{name}}', text: 'Dear {{name}}, {{percent}}', html: '<p>Dear {{name}}</p>' } });
    const id = await mailbox(32, 120 * KiB, 100 * KiB, { alternateEmail: 'eve.private@example.net', displayName: 'Eve\r\nBcc: victim@example.org <b>' });
    await evaluate(id);
    await h.idle();
    const [mail] = h.sink.messages;
    expect(mail.envelope.to.sort()).toEqual(['eve.private@example.net', 'postmaster@example.test']);
    expect(mail.parsed.subject).toBe('Over quota: Eve Bcc: victim@example.org <b>');
    expect(mail.parsed.headers.bcc).toBeUndefined();
    expect(mail.parsed.html).toMatch(/Dear Eve\r?\nBcc: victim@example\.org &lt;b&gt;/);
    await h.ctx.prisma.quotaPlan.update({ where: { id: planId }, data: { adminCopyEmail: null } });
  });
});

describe('notify job', () => {
  it('records a temporary SMTP failure and succeeds on the retry; a sent notification is never sent again', async () => {
    const id = await mailbox(33, 0, 100 * KiB);
    const n = await h.ctx.prisma.notification.create({ data: { mailboxId: id, kind: 'back_under', dedupeKey: 'test:retry', toAddress: testMailUser(33), data: { address: testMailUser(33) } } });
    h.sink.setRejecting(451);
    // Short fixed backoff instead of the production 30 s, so the retry happens within the test.
    const job = await h.queues.notify.add('notify', { notificationId: n.id }, { jobId: `notification-${n.id}`, attempts: 3, backoff: { type: 'fixed', delay: 300 } });
    // attempts counts claims (made before the SMTP exchange): wait for the refusal to be recorded.
    await expect.poll(async () => (await h.ctx.prisma.notification.findUniqueOrThrow({ where: { id: n.id } })).error).toMatch(/temporary.*451|451/);
    expect(await h.ctx.prisma.notification.findUniqueOrThrow({ where: { id: n.id } })).toMatchObject({ status: 'pending', attempts: 1 });
    h.sink.setRejecting(null);
    await waitForJob(h.queues.notify, job);
    expect(await h.ctx.prisma.notification.findUniqueOrThrow({ where: { id: n.id } })).toMatchObject({ status: 'sent', attempts: 2, error: null });

    expect(await h.run(h.queues.notify, { notificationId: n.id }, { jobId: 'a-second-enqueue' })).toEqual({ skipped: 'sent' });
    expect(h.sink.messages).toHaveLength(1);
  });

  it('marks a permanent SMTP failure failed at once, without retrying', async () => {
    const id = await mailbox(34, 0, 100 * KiB);
    const n = await h.ctx.prisma.notification.create({ data: { mailboxId: id, kind: 'back_under', dedupeKey: 'test:permanent', toAddress: testMailUser(34), data: { address: testMailUser(34) } } });
    h.sink.setRejecting(550);
    await expect(h.run(h.queues.notify, { notificationId: n.id })).rejects.toThrow(/permanent/);
    expect(await h.ctx.prisma.notification.findUniqueOrThrow({ where: { id: n.id } })).toMatchObject({ status: 'failed', attempts: 1 });
  });
});

describe('a notice to the full mailbox itself (docs/notifications.md)', () => {
  it('is admitted by Dovecot\'s quota grace while the mailbox is under its limit, and refused once it is over', async () => {
    const login = testMailUser(35);
    await resetMaildir(login);
    const id = await mailbox(35, 0, 100 * KiB);
    await withMailbox(h.ctx.config, login, (c) => seedMailbox(c, login, [{ folder: 'INBOX', count: 1, ageDays: 1, sizeBytes: 99_000 }]));
    await h.run(h.queues['usage-scan'], { mailboxId: id, reason: 'manual' });
    await h.idle();
    const [warning] = h.sink.messages;
    expect(warning.parsed.headers['x-mailwarden-notice']).toMatch(/^near_quota/);
    expect(await rows(id)).toMatchObject([{ threshold: 95 }]); // ~96 KiB stored of 100 KiB

    // The warning itself (a padded copy, so it cannot fit under the limit) goes over: quota_grace (10 %) admits it.
    const padded = warning.raw.replace(/\r\n\r\n/, '\r\n\r\n' + 'x'.repeat(76).concat('\r\n').repeat(100));
    expect(deliverLocally(login, padded)).toMatchObject({ status: 0 });
    await h.run(h.queues['usage-scan'], { mailboxId: id, reason: 'manual' });
    await h.idle();
    const over = h.sink.messages.find((m) => m.parsed.headers['x-mailwarden-notice']?.startsWith('over_quota'));
    expect(over).toBeDefined();
    const found = await withMailbox(h.ctx.config, login, async (c) => {
      const lock = await c.getMailboxLock('INBOX');
      try {
        return await c.search({ header: { 'message-id': warning.parsed.messageId! } }, { uid: true });
      } finally {
        lock.release();
      }
    });
    expect(found).toHaveLength(1);
    // Now at or over 100 %: Dovecot refuses every delivery, the over-quota notice too.
    expect(deliverLocally(login, over!.raw)).toMatchObject({ status: 77, stderr: expect.stringMatching(/Quota exceeded/) });
  });
});
