// Real: the notify worker (jobs/start.ts) and its pooled nodemailer transport, BullMQ retries, PostgreSQL, Redis, an smtp-server sink. Injected: the sink is stopped (its port refuses connections) and started again on the same port; only the retry backoff is shortened (the queue's own is 30 s, doubling).
import type { Job, Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobsHarness, waitForJob, type JobsHarness } from '../harness/jobs.ts';
import { testPort } from '../harness/env.ts';
import { startSmtpSink, type SmtpSink } from '../../scripts/lib/smtp-sink.ts';
import { enqueueNotifications, evaluateQuotaNotices } from '../../server/core/services/quota-notices.ts';
import type { Queues } from '../../server/core/queues/registry.ts';

const PORT = testPort(10396);
const KiB = 1024;
let h: JobsHarness;
let sink: SmtpSink | null = null;
const failures: string[] = [];

beforeAll(async () => {
  h = await startJobsHarness(PORT);
  h.workers.find((w) => w.name === 'notify')!.on('failed', (_job?: Job, err?: Error) => failures.push(err?.message ?? ''));
});
afterAll(async () => {
  await sink?.stop();
  await h?.stop();
});

/** The real enqueue path (jobId notification-<id>, the queue's 8 attempts), with a 400 ms backoff instead of 30 s. */
function fastRetries(queue: Queues['notify']): Queues['notify'] {
  return {
    addBulk: (jobs: Parameters<Queue['addBulk']>[0]) => queue.addBulk(jobs.map((j) => ({ ...j, opts: { ...j.opts, backoff: { type: 'fixed', delay: 400 } } }))),
  } as unknown as Queues['notify'];
}

describe('SMTP server down while a notice is due', () => {
  let notificationId: number;

  it('keeps the notification pending and retrying while the server refuses connections', async () => {
    await h.sink.stop();
    const mailbox = await h.ctx.prisma.mailbox.create({
      data: { address: 'carol@example.test', imapLogin: 'carol@example.test', usedBytes: BigInt(85 * KiB), effectiveLimitBytes: BigInt(100 * KiB) },
    });
    [notificationId] = await evaluateQuotaNotices(h.ctx.prisma, fastRetries(h.queues.notify), mailbox.id);
    expect(notificationId).toEqual(expect.any(Number));
    await expect.poll(() => failures.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(failures[0]).toMatch(/SMTP send failed \(temporary\)/);
    const row = await h.ctx.prisma.notification.findUniqueOrThrow({ where: { id: notificationId } });
    expect(row).toMatchObject({ status: 'pending', sentAt: null, error: expect.stringMatching(/temporary/) });
    expect(row.attempts).toBeGreaterThanOrEqual(2);
    const job = await h.queues.notify.getJob(`notification-${notificationId}`);
    expect(['delayed', 'waiting', 'active']).toContain(await job!.getState());
  });

  it('delivers it exactly once when the server is back on the same port', async () => {
    sink = await startSmtpSink({ port: PORT });
    const job = (await h.queues.notify.getJob(`notification-${notificationId}`))!;
    await waitForJob(h.queues.notify, job, 15_000);
    expect(sink.messages.filter((m) => m.envelope.to.includes('carol@example.test'))).toHaveLength(1);
    const row = await h.ctx.prisma.notification.findUniqueOrThrow({ where: { id: notificationId } });
    expect(row).toMatchObject({ status: 'sent', error: null, sentAt: expect.any(Date), smtpMessageId: sink.messages[0].parsed.messageId });
    expect(row.attempts).toBe(failures.length + 1);
  });

  it('never sends it again: a repeated enqueue is a no-op and a re-delivered job skips the sent row', async () => {
    await enqueueNotifications(h.queues.notify, [notificationId]); // same jobId: BullMQ keeps the completed job
    const again = await h.run(h.queues.notify, { notificationId }, { jobId: `redelivered-${notificationId}` });
    expect(again).toEqual({ skipped: 'sent' });
    await h.idle();
    await new Promise((r) => setTimeout(r, 300));
    expect(sink!.messages).toHaveLength(1);
  });
});
