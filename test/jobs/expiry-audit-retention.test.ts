// Real: PostgreSQL (the batched DELETE, the partial index it walks, the legal holds it reads) and Redis/BullMQ (the
// maintenance worker runs the task from its queue). Nothing stubbed; audit rows are inserted as the expiry engine
// leaves them, with their `at` set in the past.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPort } from '../harness/env.ts';
import { startJobsHarness, type JobsHarness } from '../harness/jobs.ts';
import { pruneExpiryAudit } from '../../jobs/expiry-audit-retention.ts';

const DAY = 24 * 3_600_000;
const now = new Date();
const ago = (days: number, minutes = 0) => new Date(now.getTime() - days * DAY - minutes * 60_000);
let h: JobsHarness;
let nextUid = 1;

async function mailboxWithRun(n: number) {
  const mailbox = await h.ctx.prisma.mailbox.create({ data: { address: `retention${n}@example.test`, imapLogin: `retention${n}@example.test` } });
  const run = await h.ctx.prisma.expiryRun.create({ data: { scope: 'all', trigger: 'scheduled' } });
  const mailboxRun = await h.ctx.prisma.expiryMailboxRun.create({ data: { runId: run.id, mailboxId: mailbox.id, status: 'done' } });
  return { mailboxId: mailbox.id, mailboxRunId: mailboxRun.id };
}

/** Audit rows as expiry leaves them: `done` once confirmed (at = confirmation time), `pending` before that. */
async function rows(box: { mailboxId: number; mailboxRunId: number }, at: Date[], state: 'done' | 'pending' = 'done') {
  await h.ctx.prisma.expiredMessage.createMany({
    data: at.map((t) => ({
      mailboxRunId: box.mailboxRunId, mailboxId: box.mailboxId, folder: 'INBOX', uidValidity: 1n, uid: nextUid++,
      action: 'delete' as const, state, size: 1000, subject: 'old newsletter', messageId: `<m${nextUid}@example.test>`, at: t,
    })),
  });
}

const left = async (mailboxId: number) => (await h.ctx.prisma.expiredMessage.findMany({ where: { mailboxId }, orderBy: { at: 'asc' } }))
  .map((r) => ({ state: r.state, at: r.at.toISOString() }));
const hold = (mailboxId: number, fields: { startsAt?: Date; endsAt?: Date; liftedAt?: Date } = {}) =>
  h.ctx.prisma.legalHold.create({ data: { mailboxId, reason: 'Case 42', setBy: 'legal@example.test', ...fields } });
const prunedEvents = () => h.ctx.prisma.auditEvent.findMany({ where: { action: 'expiry_audit.pruned' }, orderBy: { id: 'asc' } });

beforeAll(async () => {
  h = await startJobsHarness(testPort(10329), { EXPIRY_AUDIT_KEEP_DAYS: '30' });
});
afterAll(() => h?.stop());

describe('prune-expiry-audit', () => {
  it('deletes confirmed rows older than EXPIRY_AUDIT_KEEP_DAYS, keeps pending rows and the rows of held mailboxes, and audits the count once', async () => {
    const plain = await mailboxWithRun(1);
    const held = await mailboxWithRun(2);
    const lifted = await mailboxWithRun(3);
    const heldLater = await mailboxWithRun(4);
    const ended = await mailboxWithRun(5);
    await hold(held.mailboxId);
    await hold(lifted.mailboxId, { liftedAt: ago(1) });
    await hold(heldLater.mailboxId, { startsAt: new Date(now.getTime() + 7 * DAY) });
    await hold(ended.mailboxId, { startsAt: ago(90), endsAt: ago(2) });
    // Interleaved in time, so the held mailboxes' rows sit between rows to delete in the (at, id) order.
    for (let i = 0; i < 6; i++) {
      await rows(held, [ago(40 + i, 1)]);
      await rows(plain, [ago(40 + i, 2)]);
      await rows(heldLater, [ago(40 + i, 3)]);
    }
    await rows(plain, [ago(29), ago(1)]); // inside the 30 days
    await rows(plain, [ago(60)], 'pending'); // an unsettled removal: reconciliation still needs it
    await rows(lifted, [ago(31), ago(35)]);
    await rows(ended, [ago(31), ago(100)]);

    // The scheduled task through the maintenance queue.
    const result = await h.run(h.queues.maintenance, { task: 'prune-expiry-audit' });
    expect(result).toMatchObject({ keepDays: 30, deleted: 6 + 2 + 2, keptForHolds: 12, more: false });

    expect(await left(plain.mailboxId)).toEqual([
      { state: 'pending', at: ago(60).toISOString() },
      { state: 'done', at: ago(29).toISOString() },
      { state: 'done', at: ago(1).toISOString() },
    ]);
    expect(await left(held.mailboxId)).toHaveLength(6);
    expect(await left(heldLater.mailboxId)).toHaveLength(6);
    expect(await left(lifted.mailboxId)).toEqual([]);
    expect(await left(ended.mailboxId)).toEqual([]);

    const events = await prunedEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: 'system', entityType: 'expired_messages', after: { keepDays: 30, deleted: 10, keptForHolds: 12 } });
    expect(new Date((events[0].after as { cutoff: string }).cutoff).getTime()).toBeGreaterThan(ago(30, 1).getTime());

    // Nothing left to delete: no second event.
    expect(await h.run(h.queues.maintenance, { task: 'prune-expiry-audit' })).toMatchObject({ deleted: 0, keptForHolds: 12 });
    expect(await prunedEvents()).toHaveLength(1);
  });

  it('works through the rows in bounded batches, past rows kept for a hold, and goes on where the next run starts', async () => {
    const plain = await mailboxWithRun(6);
    const held = await mailboxWithRun(7);
    await hold(held.mailboxId);
    // The held rows first: a batch of only kept rows must not stop the run or make it look at them again.
    await rows(held, Array.from({ length: 5 }, (_, i) => ago(200 + i)));
    await rows(plain, Array.from({ length: 13 }, (_, i) => ago(100 + i)));
    const before = (await prunedEvents()).length;

    const r = await pruneExpiryAudit(h.ctx, now, { batch: 2 });
    expect(r).toMatchObject({ deleted: 13, keptForHolds: 5 + 12, more: false });
    expect(await left(plain.mailboxId)).toEqual([]);
    expect(await left(held.mailboxId)).toHaveLength(5);

    // A run whose time budget is over stops after its first batch and says there is more; the next run continues.
    await rows(plain, Array.from({ length: 4 }, (_, i) => ago(50 + i)));
    const first = await pruneExpiryAudit(h.ctx, now, { batch: 2, budgetMs: 0 });
    expect(first).toMatchObject({ more: true });
    const second = await pruneExpiryAudit(h.ctx, now, { batch: 2 });
    expect(first.deleted + second.deleted).toBe(4);
    expect(second.more).toBe(false);
    expect(await left(plain.mailboxId)).toEqual([]);
    expect((await prunedEvents()).length).toBe(before + 1 + (first.deleted ? 1 : 0) + (second.deleted ? 1 : 0));
  });

  it('keeps everything with EXPIRY_AUDIT_KEEP_DAYS=0 (the default)', async () => {
    const plain = await mailboxWithRun(8);
    await rows(plain, [ago(3000), ago(400)]);
    const r = await pruneExpiryAudit({ prisma: h.ctx.prisma, config: { ...h.ctx.config, EXPIRY_AUDIT_KEEP_DAYS: 0 } }, now);
    expect(r).toEqual({ keepDays: 0, cutoff: null, deleted: 0, keptForHolds: 0, more: false });
    expect(await left(plain.mailboxId)).toHaveLength(2);
  });
});
