// Real API, PostgreSQL, Redis/BullMQ notify worker and nodemailer to the smtp-server sink; nothing stubbed.
// The original notice comes from a real threshold evaluation (usage written to the row: no IMAP needed).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { as, createStaff, login, startTestApp, type Session } from '../harness/app.ts';
import { startJobsHarness, type JobsHarness } from '../harness/jobs.ts';
import { testMailUser, testPort } from '../harness/env.ts';
import { evaluateQuotaNotices } from '../../server/core/services/quota-notices.ts';

const SMTP_PORT = testPort(10386);
const address = testMailUser(16);
const KiB = 1024;
let app: FastifyInstance;
let h: JobsHarness;
let helpdesk: Session;
let mailboxId: number;
let originalId: number;

const resend = (id: number, payload: Record<string, unknown> = { reason: 'user says it never arrived, ticket 5150' }) =>
  as(app, helpdesk, { method: 'POST', url: `/api/notifications/${id}/resend`, payload });
const toUser = () => h.sink.messages.filter((m) => m.envelope.to.includes(address));

beforeAll(async () => {
  const queuePrefix = `mwtest-resend-${process.pid}`;
  h = await startJobsHarness(SMTP_PORT, { QUEUE_PREFIX: queuePrefix });
  ({ app } = await startTestApp({ QUEUE_PREFIX: queuePrefix, SMTP_PORT: String(SMTP_PORT) }));
  await createStaff(app, 'helpdesk');
  helpdesk = await login(app, 'helpdesk@example.test');
  const plan = await app.prisma.quotaPlan.create({ data: { name: 'Staff', storageLimitBytes: 100n * 1024n, warnThresholds: [80, 90, 95] } });
  mailboxId = (await app.prisma.mailbox.create({ data: { address, imapLogin: address, displayName: 'Rosa Resend', planId: plan.id, usedBytes: BigInt(85 * KiB), effectiveLimitBytes: BigInt(100 * KiB) } })).id;
  [originalId] = await evaluateQuotaNotices(app.prisma, app.queues.notify, mailboxId);
  await h.idle();
  expect(toUser()).toHaveLength(1);
});
afterEach(async () => {
  await h.queues.notify.resume();
  await h.idle();
});
afterAll(async () => {
  await app?.close();
  await h?.stop();
});

describe('POST /api/notifications/:id/resend', () => {
  it('sends the notice to the user once more as a new row linked to it, and audits who and why', async () => {
    const before = await app.prisma.notification.findUniqueOrThrow({ where: { id: originalId } });
    const res = await resend(originalId);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ mailboxId, kind: 'near_quota', threshold: 80, status: 'pending', toAddress: address, resendOfId: originalId });
    await h.idle();

    const mails = toUser();
    expect(mails).toHaveLength(2);
    expect(mails[1].parsed.subject).toBe(mails[0].parsed.subject);
    expect(mails[1].parsed.headers['x-mailwarden-notice']).toBe(`near_quota; id=${res.json().id}`);
    // The original keeps its own send record; the resend has its own.
    expect(await app.prisma.notification.findUniqueOrThrow({ where: { id: originalId } })).toEqual(before);
    expect(await app.prisma.notification.findUniqueOrThrow({ where: { id: res.json().id } })).toMatchObject({ status: 'sent', dedupeKey: `resend:${originalId}:1`, data: before.data });

    const [event] = await app.prisma.auditEvent.findMany({ where: { action: 'mailbox.notice_resent' }, orderBy: { id: 'desc' }, take: 1 });
    expect(event).toMatchObject({ actorEmail: 'helpdesk@example.test', entityType: 'mailbox', entityId: String(mailboxId) });
    expect(event.after).toMatchObject({ notificationId: res.json().id, resendOf: originalId, reason: 'user says it never arrived, ticket 5150' });
    expect(event.before).toMatchObject({ notificationId: originalId, status: 'sent' });
  });

  it('records one resend for a double click, and the user gets one email for it', async () => {
    await h.queues.notify.pause(); // keep the first resend pending, as it is for the instant after a click
    const sentBefore = toUser().length;
    const [a, b] = await Promise.all([resend(originalId), resend(originalId)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([202, 409]);
    expect((a.statusCode === 409 ? a : b).json().message).toMatch(/already on its way/);
    await h.queues.notify.resume();
    await h.idle();
    expect(toUser()).toHaveLength(sentBefore + 1);
  });

  it('links a resend of a resend to the original notice', async () => {
    const latest = await app.prisma.notification.findFirstOrThrow({ where: { mailboxId }, orderBy: { id: 'desc' } });
    expect(latest.resendOfId).toBe(originalId);
    const res = await resend(latest.id);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().resendOfId).toBe(originalId);
    expect((await app.prisma.notification.findUniqueOrThrow({ where: { id: res.json().id } })).dedupeKey).toBe(`resend:${originalId}:3`);
  });

  it('goes to the alternate address set since the original was sent', async () => {
    await app.prisma.mailbox.update({ where: { id: mailboxId }, data: { alternateEmail: 'rosa.private@example.net' } });
    const res = await resend(originalId);
    expect(res.statusCode, res.body).toBe(202);
    await h.idle();
    expect(h.sink.messages.at(-1)!.envelope.to).toEqual(['rosa.private@example.net']);
    await app.prisma.mailbox.update({ where: { id: mailboxId }, data: { alternateEmail: null } });
  });

  it('refuses a notice that is still pending, an unknown one, and a missing or empty reason', async () => {
    const pending = await app.prisma.notification.create({ data: { mailboxId, kind: 'back_under', dedupeKey: 'test:pending', toAddress: address, data: { address } } });
    const conflict = await resend(pending.id);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().message).toMatch(/still being sent/);
    expect((await resend(999_999)).statusCode).toBe(404);
    const missing = await resend(originalId, {});
    expect([missing.statusCode, missing.json().message]).toEqual([400, 'body.reason is required']);
    const short = await resend(originalId, { reason: '' });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toMatch(/^body\.reason /);
    expect(await app.prisma.notification.count({ where: { resendOfId: pending.id } })).toBe(0);
    await app.prisma.notification.delete({ where: { id: pending.id } });
  });

  it('refuses a notice a worker is sending, and resends one whose outcome is unknown (never re-sent by itself)', async () => {
    const sending = await app.prisma.notification.create({ data: { mailboxId, kind: 'back_under', dedupeKey: 'test:sending', toAddress: address, data: { address }, status: 'sending', claimedAt: new Date() } });
    const conflict = await resend(sending.id);
    expect([conflict.statusCode, conflict.json().message]).toEqual([409, expect.stringMatching(/still being sent/)]);

    const unknown = await app.prisma.notification.create({ data: { mailboxId, kind: 'back_under', dedupeKey: 'test:unknown', toAddress: address, data: { address }, status: 'unknown', claimedAt: new Date(), attempts: 1 } });
    const before = toUser().length;
    const res = await resend(unknown.id, { reason: 'worker crashed mid-send, user has no copy' });
    expect(res.statusCode, res.body).toBe(202);
    await h.idle();
    expect(toUser()).toHaveLength(before + 1);
    expect(toUser().at(-1)!.parsed.headers['x-mailwarden-notice']).toBe(`back_under; id=${res.json().id}`);
    expect(await app.prisma.notification.findUniqueOrThrow({ where: { id: unknown.id } })).toMatchObject({ status: 'unknown' });
    const list = await as(app, helpdesk, { method: 'GET', url: `/api/notifications?filter=${encodeURIComponent(JSON.stringify({ status: 'unknown' }))}` });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([expect.objectContaining({ id: unknown.id, status: 'unknown', claimedAt: expect.any(String) })]);
  });
});
