// Who receives a notice, as docs/notifications.md ("To whom") says: the alternate address when the mailbox has one,
// else the mailbox itself, plus the plan's admin copy on every notice. Real: Dovecot (the mail a pre-expiry notice is
// about), PostgreSQL, Redis/BullMQ workers, nodemailer to the smtp-server sink. Nothing stubbed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobsHarness, type JobsHarness } from '../harness/jobs.ts';
import { testMailUser, testPort } from '../harness/env.ts';
import { createMailboxRow, createPolicy, seed } from '../harness/retention.ts';
import { runMailboxExpiry } from '../../jobs/workers/expiry.ts';
import { createMailboxRun } from '../../server/core/services/expiry-runs.ts';
import { evaluateQuotaNotices } from '../../server/core/services/quota-notices.ts';

const ADMIN_COPY = 'retention-desk@example.test';
const ALTERNATE = 'nina.private@example.net';
let h: JobsHarness;
let planId: number;

beforeAll(async () => {
  h = await startJobsHarness(testPort(10443));
  planId = (await h.ctx.prisma.quotaPlan.create({ data: { name: 'With admin copy', storageLimitBytes: 1n << 30n, adminCopyEmail: ADMIN_COPY } })).id;
});
afterAll(() => h?.stop());

const noticeOf = (kind: string) => h.sink.waitFor((m) => (m.parsed.headers['x-mailwarden-notice'] ?? '').startsWith(kind), 15_000);

describe('the plan admin copy', () => {
  it('is copied on a pre-expiry notice, which goes to the alternate address like every other notice', async () => {
    const login = testMailUser(47);
    const policy = await createPolicy(h.ctx.prisma, 'Inbox 30 days, 7 days notice', [{ folderSelector: 'INBOX', maxAgeDays: 30, noticeDays: 7 }]);
    const mailbox = await createMailboxRow(h.ctx.prisma, login, { retentionPolicyId: policy.id, displayName: 'Nina Notice' });
    await h.ctx.prisma.mailbox.update({ where: { id: mailbox.id }, data: { planId, alternateEmail: ALTERNATE } });
    await seed(h.ctx.config, login, [{ folder: 'INBOX', count: 2, ageDays: [40, 60], flags: ['\\Seen'], subjectPrefix: 'due' }]);

    const { run } = await createMailboxRun(h.ctx.prisma, { mailboxId: mailbox.id, dryRun: false, trigger: 'manual', createdBy: null });
    await runMailboxExpiry(h.ctx, { notifyQueue: h.queues.notify }, { mailboxId: mailbox.id, runId: run.id, dryRun: false }, { now: new Date() });

    const mail = await noticeOf('expiry_notice');
    expect(mail.envelope.to.sort()).toEqual([ALTERNATE, ADMIN_COPY].sort());
    expect(await h.ctx.prisma.notification.findFirstOrThrow({ where: { mailboxId: mailbox.id, kind: 'expiry_notice' } }))
      .toMatchObject({ toAddress: ALTERNATE, ccAddress: ADMIN_COPY });
  });

  it('is copied on a quota warning sent to the mailbox itself', async () => {
    const login = testMailUser(48);
    const mailbox = await h.ctx.prisma.mailbox.create({
      data: { address: login, imapLogin: login, planId, usedBytes: 85n * 1024n, effectiveLimitBytes: 100n * 1024n },
    });
    await evaluateQuotaNotices(h.ctx.prisma, h.queues.notify, mailbox.id);
    const mail = await noticeOf('near_quota');
    expect(mail.envelope.to.sort()).toEqual([ADMIN_COPY, login].sort());
    expect(mail.parsed.headers.cc).toContain(ADMIN_COPY);
  });

  it('still reaches the admin when the server refuses the user\'s own address (a full mailbox refused at RCPT TO)', async () => {
    const login = testMailUser(49);
    const mailbox = await h.ctx.prisma.mailbox.create({
      data: { address: login, imapLogin: login, planId, usedBytes: 120n * 1024n, effectiveLimitBytes: 100n * 1024n },
    });
    h.sink.refuseRecipient(login, 552);
    try {
      const [id] = await evaluateQuotaNotices(h.ctx.prisma, h.queues.notify, mailbox.id);
      const mail = await noticeOf('over_quota');
      await h.idle();
      expect(mail.envelope.to).toEqual([ADMIN_COPY]);
      // Sent (the admin has it), not retried (that would mail the admin twice), and the refusal is on the row.
      expect(await h.ctx.prisma.notification.findUniqueOrThrow({ where: { id } }))
        .toMatchObject({ status: 'sent', attempts: 1, error: `Accepted for the other recipients; refused for ${login}` });
      expect(h.sink.messages.filter((m) => (m.parsed.headers['x-mailwarden-notice'] ?? '').startsWith('over_quota'))).toHaveLength(1);
    } finally {
      h.sink.refuseRecipient(login, null);
    }
  });
});
