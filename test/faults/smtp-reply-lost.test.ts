// Real: the notify worker (jobs/start.ts) and its pooled nodemailer transport, BullMQ retries, PostgreSQL, Redis, an smtp-server sink.
// Injected: a TCP proxy before the sink that lets the end of DATA through (the sink stores the message and answers 250) but swallows
// that answer and cuts the connection, so the worker cannot know the notice was accepted; only the retry backoff is shortened.
// At most once (docs/notifications.md): such a notice is marked `unknown` and never sent again by itself.
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from '../harness/fault-proxy.ts';
import { startJobsHarness, waitForJob, type JobsHarness } from '../harness/jobs.ts';
import { testPort } from '../harness/env.ts';
import { evaluateQuotaNotices } from '../../server/core/services/quota-notices.ts';
import type { Queues } from '../../server/core/queues/registry.ts';

const SINK_PORT = testPort(10370);
const KiB = 1024;
let proxy: FaultProxy;
let h: JobsHarness;

beforeAll(async () => {
  proxy = await FaultProxy.start({ port: testPort(10371), targetPort: SINK_PORT });
  h = await startJobsHarness(SINK_PORT, { SMTP_PORT: String(proxy.port) });
});
afterAll(async () => {
  await h?.stop();
  await proxy?.close();
});

/** The real enqueue path (jobId notification-<id>, the queue's attempts), with a 300 ms backoff instead of 30 s. */
function fastRetries(queue: Queues['notify']): Queues['notify'] {
  return {
    addBulk: (jobs: Parameters<Queue['addBulk']>[0]) => queue.addBulk(jobs.map((j) => ({ ...j, opts: { ...j.opts, backoff: { type: 'fixed', delay: 300 } } }))),
  } as unknown as Queues['notify'];
}

describe('the SMTP reply to an accepted notice is lost', () => {
  it('is not sent again: the row says unknown, with the Message-ID it carried, for staff to decide', async () => {
    const mailbox = await h.ctx.prisma.mailbox.create({
      data: { address: 'dave@example.test', imapLogin: 'dave@example.test', usedBytes: BigInt(85 * KiB), effectiveLimitBytes: BigInt(100 * KiB) },
    });
    // The client's end-of-data dot reaches the sink; the sink's 250 never reaches the client.
    proxy.dropOn(/\r\n\.\r\n$/, { direction: 'up', forward: true, anyConnection: true });
    const [id] = await evaluateQuotaNotices(h.ctx.prisma, fastRetries(h.queues.notify), mailbox.id);
    const job = (await h.queues.notify.getJob(`notification-${id}`))!;
    await expect(waitForJob(h.queues.notify, job, 15_000)).rejects.toThrow(/outcome unknown, not retried/);
    expect(proxy.cuts).toBe(1);
    await new Promise((r) => setTimeout(r, 1000)); // three backoffs' worth: nothing else is sent

    const copies = h.sink.messages.filter((m) => m.envelope.to.includes('dave@example.test'));
    expect(copies).toHaveLength(1); // the server did accept it; the worker could not know, so it did not try again
    const row = await h.ctx.prisma.notification.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'unknown', attempts: 1, sentAt: null, error: expect.stringMatching(/no answer after the message was sent/) });
    expect(row.smtpMessageId).toBe(`<notice-${id}.${row.createdAt.getTime().toString(36)}@example.test>`);
    expect(copies[0].parsed.messageId).toBe(row.smtpMessageId);
    expect(copies[0].parsed.headers['x-mailwarden-notice']).toBe(`near_quota; id=${id}`);
  });

  it('an unknown row is never sent again, even when its job runs once more', async () => {
    const unknown = await h.ctx.prisma.notification.findFirstOrThrow({ where: { status: 'unknown' } });
    const before = h.sink.messages.length;
    expect(await h.run(h.queues.notify, { notificationId: unknown.id }, { jobId: `again-${unknown.id}` })).toEqual({ skipped: 'unknown' });
    await h.idle();
    expect(h.sink.messages).toHaveLength(before);
  });
});

describe('the connection is cut before the message went out', () => {
  it('is retried, since nothing can have been delivered, and arrives once', async () => {
    const mailbox = await h.ctx.prisma.mailbox.create({
      data: { address: 'erin@example.test', imapLogin: 'erin@example.test', usedBytes: BigInt(85 * KiB), effectiveLimitBytes: BigInt(100 * KiB) },
    });
    // MAIL FROM never reaches the sink: the connection dies in the envelope.
    proxy.dropOn(/MAIL FROM/i, { direction: 'up', forward: false, anyConnection: true });
    const [id] = await evaluateQuotaNotices(h.ctx.prisma, fastRetries(h.queues.notify), mailbox.id);
    await waitForJob(h.queues.notify, (await h.queues.notify.getJob(`notification-${id}`))!, 15_000);
    expect(h.sink.messages.filter((m) => m.envelope.to.includes('erin@example.test'))).toHaveLength(1);
    expect(await h.ctx.prisma.notification.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'sent', attempts: 2, error: null });
  });
});
