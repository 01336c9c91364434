// The pre-expiry notice promise, on the real Dovecot, PostgreSQL, Redis and SMTP sink: nothing a rule with notices
// covers is removed unless a notice that named it was sent at least noticeDays before; notices are keyed on what a
// rule does, so reordering or re-creating rules neither repeats nor suppresses them; staff can waive the promise
// for one run. Later days are simulated with the run's `now` (the notices' send times are real).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobsHarness, type JobsHarness } from '../harness/jobs.ts';
import { testMailUser, testPort } from '../harness/env.ts';
import { withMailbox } from '../harness/mail.ts';
import { createMailboxRow, createPolicy, listMail, seed, subjectsOf } from '../harness/retention.ts';
import { runMailboxExpiry } from '../../jobs/workers/expiry.ts';
import { createMailboxRun } from '../../server/core/services/expiry-runs.ts';
import { buildMessage } from '../../scripts/lib/seed-mail.ts';
import { recordResend } from '../../server/services/notice-resend.ts';
import { enqueueNotifications } from '../../server/core/services/quota-notices.ts';

const DAY = 86_400_000;
const SEEN = ['\\Seen'];
const SPECS = [
  { folder: 'INBOX', count: 3, ageDays: [40, 60] as [number, number], flags: SEEN, subjectPrefix: 'due' },
  { folder: 'INBOX', count: 2, ageDays: [25, 27] as [number, number], flags: SEEN, subjectPrefix: 'soon' },
  { folder: 'INBOX', count: 2, ageDays: 5, flags: SEEN, subjectPrefix: 'young' },
];
const RULE = { folderSelector: 'INBOX', maxAgeDays: 30, keepFlagged: true, noticeDays: 7 };

let h: JobsHarness;

async function expire(mailboxId: number, now: Date, opts: { dryRun?: boolean; withoutNotice?: boolean } = {}) {
  const dryRun = opts.dryRun ?? false;
  const { run } = await createMailboxRun(h.ctx.prisma, { mailboxId, dryRun, trigger: 'manual', createdBy: null });
  await runMailboxExpiry(h.ctx, { notifyQueue: h.queues.notify }, { mailboxId, runId: run.id, dryRun, ...(opts.withoutNotice ? { withoutNotice: true } : {}) }, { now });
  return h.ctx.prisma.expiryMailboxRun.findUniqueOrThrow({ where: { runId_mailboxId: { runId: run.id, mailboxId } } });
}

const notices = (mailboxId: number) => h.ctx.prisma.notification.findMany({ where: { mailboxId, kind: 'expiry_notice' }, orderBy: { id: 'asc' } });

beforeAll(async () => {
  h = await startJobsHarness(testPort(10367));
});
afterAll(() => h?.stop());

describe('pre-expiry notices keep their promise', () => {
  const login = testMailUser(34);
  let mailboxId: number;
  let policyId: number;
  const t0 = new Date();

  it('the first run after a policy is assigned removes nothing and announces what is due now or within 7 days', async () => {
    policyId = (await createPolicy(h.ctx.prisma, 'Inbox 30 days, 7 days notice', [RULE])).id;
    mailboxId = (await createMailboxRow(h.ctx.prisma, login, { retentionPolicyId: policyId, displayName: 'Nina Notice' })).id;
    const seeded = await seed(h.ctx.config, login, SPECS);
    const before = await listMail(h.ctx.config, login);

    expect(await expire(mailboxId, t0, { dryRun: true })).toMatchObject({ status: 'done', matched: 0 });
    expect(await expire(mailboxId, t0)).toMatchObject({ status: 'done', matched: 0, deleted: 0 });
    expect(await listMail(h.ctx.config, login)).toEqual(before);

    const [notice] = await notices(mailboxId);
    const subjects = subjectsOf(seeded, SPECS);
    const oldestDue = seeded.filter((m) => subjects.get(m.messageId)!.startsWith('due')).reduce((a, b) => (a.date < b.date ? a : b));
    expect(notice.data).toMatchObject({
      count: 5, folders: ['INBOX'], subjects: ['due INBOX 3/3', 'due INBOX 2/3', 'due INBOX 1/3', 'soon INBOX 2/2', 'soon INBOX 1/2'],
      // Already due, so the earliest removal is what the notice promises: 7 days from now.
      expiresAt: new Date(t0.getTime() + 7 * DAY).toISOString(),
    });
    expect(oldestDue.date.getTime()).toBeLessThan(t0.getTime() - 30 * DAY);
    const announced = await h.ctx.prisma.expiryAnnouncement.findMany({ where: { notificationId: notice.id } });
    expect(announced).toHaveLength(1);
    expect(announced[0].folder).toBe('INBOX');
    // The notify worker sends it.
    const mail = await h.sink.waitFor((m) => m.envelope.to.includes(login), 15_000);
    expect(mail.parsed.subject).toMatch(/will be removed/);
    await h.idle();
    expect((await notices(mailboxId))[0]).toMatchObject({ status: 'sent', sentAt: expect.any(Date) });
  });

  it('a run before the notice is 7 days old removes nothing and sends no second notice', async () => {
    expect(await expire(mailboxId, new Date(t0.getTime() + 6 * DAY))).toMatchObject({ matched: 0, deleted: 0 });
    expect(await notices(mailboxId)).toHaveLength(1);
  });

  it('reordering or re-creating the same rule neither repeats nor suppresses the notice', async () => {
    // Replace the policy's rules with the same content under new ids, behind another rule.
    await h.ctx.prisma.retentionRule.deleteMany({ where: { policyId } });
    await h.ctx.prisma.retentionRule.createMany({ data: [
      { policyId, position: 0, folderSelector: 'Lists/*', maxAgeDays: 90 },
      { policyId, position: 1, ...RULE },
    ] });
    expect(await expire(mailboxId, new Date(t0.getTime() + 6 * DAY))).toMatchObject({ deleted: 0 });
    expect(await notices(mailboxId)).toHaveLength(1);
  });

  it('mail that arrives already old after the notice is not removed with what was announced', async () => {
    await withMailbox(h.ctx.config, login, (c) => c.append('INBOX', buildMessage({
      from: 'a@example.test', to: login, subject: 'moved in old', date: new Date(t0.getTime() - 90 * DAY), messageId: '<moved-in@example.test>',
    }), SEEN, new Date(t0.getTime() - 90 * DAY)));
    const later = new Date(t0.getTime() + 8 * DAY);
    const dry = await expire(mailboxId, later, { dryRun: true });
    const real = await expire(mailboxId, later);
    // The 3 due and the 2 that were soon (now 33-35 days old) go; the unannounced one stays and gets its own notice.
    expect(dry).toMatchObject({ matched: 5 });
    expect(real).toMatchObject({ status: 'done', matched: 5, deleted: 5 });
    expect((await listMail(h.ctx.config, login)).INBOX).toEqual(['moved in old', 'young INBOX 1/2', 'young INBOX 2/2']);
    const all = await notices(mailboxId);
    expect(all).toHaveLength(2);
    expect(all[1].data).toMatchObject({ count: 1, subjects: ['moved in old'] });
  });

  it('staff can expire now without notice; the run says so', async () => {
    const later = new Date(t0.getTime() + 8 * DAY);
    const row = await expire(mailboxId, later, { withoutNotice: true });
    expect(row).toMatchObject({ status: 'done', deleted: 1 });
    expect((await listMail(h.ctx.config, login)).INBOX).toEqual(['young INBOX 1/2', 'young INBOX 2/2']);
    const event = await h.ctx.prisma.auditEvent.findFirstOrThrow({ where: { action: 'mailbox.expired', entityId: String(mailboxId) }, orderBy: { id: 'desc' } });
    expect(event.after).toMatchObject({ withoutNotice: true, deleted: 1 });
  });
});

describe('a pre-expiry notice whose delivery is unknown', () => {
  it('announces nothing; a staff resend that is sent announces the same messages from its own send time', async () => {
    const login = testMailUser(35);
    const policy = await createPolicy(h.ctx.prisma, 'Inbox 30 days, 7 days notice (2)', [RULE]);
    const { id } = await createMailboxRow(h.ctx.prisma, login, { retentionPolicyId: policy.id });
    await seed(h.ctx.config, login, SPECS.slice(0, 1));
    const t0 = new Date();
    expect(await expire(id, t0)).toMatchObject({ deleted: 0 });
    await h.sink.waitFor((m) => m.envelope.to.includes(login), 15_000);
    await h.idle();
    // As if the worker had died between the SMTP answer and the database write (docs/notifications.md: `unknown`).
    const [notice] = await notices(id);
    await h.ctx.prisma.notification.update({ where: { id: notice.id }, data: { status: 'unknown', sentAt: null } });
    expect(await expire(id, new Date(t0.getTime() + 8 * DAY))).toMatchObject({ deleted: 0 });

    const { resend } = await h.ctx.prisma.$transaction((tx) => recordResend(tx, notice.id));
    expect(await h.ctx.prisma.expiryAnnouncement.count({ where: { notificationId: resend.id } })).toBe(1);
    await enqueueNotifications(h.queues.notify, [resend.id]);
    await h.idle();
    expect(await h.ctx.prisma.notification.findUniqueOrThrow({ where: { id: resend.id } })).toMatchObject({ status: 'sent' });
    expect(await expire(id, new Date(Date.now() + 6 * DAY))).toMatchObject({ deleted: 0 });
    expect(await expire(id, new Date(Date.now() + 8 * DAY))).toMatchObject({ deleted: 3 });
  });
});
