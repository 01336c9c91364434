// Real: Dovecot (IMAP, UIDPLUS, MOVE, SAVEDATE), PostgreSQL, Redis/BullMQ workers from jobs/start.ts, SMTP sink.
// Nothing stubbed. The crash is simulated by the test-only hook of the processing function (it throws after a
// chunk's audit rows are written and its UID EXPUNGE is done, before they are marked done), not by mocking IMAP.
import { testPort } from '../harness/env.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobsHarness, type JobsHarness } from '../harness/jobs.ts';
import { testMailUser } from '../harness/env.ts';
import { withMailbox } from '../harness/mail.ts';
import {
  STANDARD_RULES, STANDARD_SEED, createMailboxRow, createPolicy, expectedAfterStandardRun, listMail, seed, subjectsOf,
} from '../harness/retention.ts';
import { runMailboxExpiry, type ExpiryOptions } from '../../jobs/workers/expiry.ts';
import { acquireExpiryLock } from '../../jobs/expiry-lock.ts';
import { createMailboxRun } from '../../server/core/services/expiry-runs.ts';

let h: JobsHarness;
let policyId: number;

async function expire(mailboxId: number, dryRun = false, opts: ExpiryOptions = {}) {
  const { run } = await createMailboxRun(h.ctx.prisma, { mailboxId, dryRun, trigger: 'manual', createdBy: null });
  const result = await runMailboxExpiry(h.ctx, { notifyQueue: h.queues.notify }, { mailboxId, runId: run.id, dryRun }, opts);
  const row = await h.ctx.prisma.expiryMailboxRun.findUniqueOrThrow({ where: { runId_mailboxId: { runId: run.id, mailboxId } } });
  return { run, row, result };
}

const auditOf = (mailboxId: number) =>
  h.ctx.prisma.expiredMessage.findMany({ where: { mailboxId }, orderBy: [{ folder: 'asc' }, { uid: 'asc' }] });

beforeAll(async () => {
  h = await startJobsHarness(testPort(10361));
  policyId = (await createPolicy(h.ctx.prisma, 'Standard', STANDARD_RULES, { isDefault: true })).id;
});
afterAll(() => h?.stop());

describe('expiry of one mailbox', () => {
  const login = testMailUser(40);
  let mailboxId: number;
  let seeded: Awaited<ReturnType<typeof seed>>;

  it('a dry run changes nothing and predicts what the real run removes; the real run leaves exactly what policy says', async () => {
    mailboxId = (await createMailboxRow(h.ctx.prisma, login)).id;
    seeded = await seed(h.ctx.config, login);
    const subjects = subjectsOf(seeded);
    const before = await listMail(h.ctx.config, login);

    const dry = await expire(mailboxId, true);
    expect(dry.row).toMatchObject({ status: 'done', dryRun: true, deleted: 0, moved: 0, matched: 8, error: null });
    expect(await listMail(h.ctx.config, login)).toEqual(before);
    expect(await auditOf(mailboxId)).toEqual([]);

    const real = await expire(mailboxId);
    expect(real.row).toMatchObject({ status: 'done', dryRun: false, matched: 8, deleted: 6, moved: 2, error: null });
    expect(await listMail(h.ctx.config, login)).toEqual(expectedAfterStandardRun(seeded, subjects));

    // The audit lists exactly the removed messages, each once, confirmed.
    const removed = seeded.filter((m) => /^(expire|move)/.test(subjects.get(m.messageId)!));
    const audit = await auditOf(mailboxId);
    expect(audit.map((a) => [a.folder, a.uid, a.messageId, a.action, a.movedTo, a.state, a.size]).sort())
      .toEqual(removed.map((m) => [m.folder, m.uid, m.messageId, subjects.get(m.messageId)!.startsWith('move') ? 'move' : 'delete', subjects.get(m.messageId)!.startsWith('move') ? 'Archive' : null, 'done', m.size]).sort());
    expect(audit.every((a) => a.mailboxRunId === real.row.id && a.subject === subjects.get(a.messageId!))).toBe(true);
    const seededDate = new Map(removed.map((m) => [m.messageId, m.date.toISOString()]));
    expect(audit.every((a) => a.internalDate?.toISOString() === seededDate.get(a.messageId!) && a.sentDate?.toISOString() === seededDate.get(a.messageId!))).toBe(true);
    expect(Number(real.row.bytesFreed)).toBe(removed.filter((m) => subjects.get(m.messageId)!.startsWith('expire')).reduce((n, m) => n + m.size, 0));

    // The dry run's per-folder prediction equals what the real run removed per folder.
    const predicted = (dry.row.folders as { path: string; matched: number }[]).map((f) => [f.path, f.matched]);
    const done = (real.row.folders as { path: string; deleted: number; moved: number }[]).map((f) => [f.path, f.deleted + f.moved]);
    expect(predicted).toEqual(done);
    expect(predicted).toEqual(expect.arrayContaining([['INBOX', 3], ['Junk', 3], ['Trash', 0], ['Lists/dev', 2]]));
  });

  it('a second run right after removes nothing', async () => {
    const after = await listMail(h.ctx.config, login);
    const again = await expire(mailboxId);
    expect(again.row).toMatchObject({ status: 'done', matched: 0, deleted: 0, moved: 0 });
    expect(await listMail(h.ctx.config, login)).toEqual(after);
    expect(await auditOf(mailboxId)).toHaveLength(8);
  });
});

describe('legal hold and disabled mailboxes', () => {
  it('touches nothing in a mailbox under an active legal hold and says so in its run', async () => {
    const login = testMailUser(41);
    const { id } = await createMailboxRow(h.ctx.prisma, login);
    await seed(h.ctx.config, login);
    await h.ctx.prisma.legalHold.create({ data: { mailboxId: id, reason: 'litigation 2026-17', setBy: 'ops@example.test' } });
    const before = await listMail(h.ctx.config, login);
    const { row } = await expire(id);
    expect(row).toMatchObject({ status: 'skipped_hold', deleted: 0, moved: 0, error: expect.stringMatching(/legal hold #\d+ .*litigation 2026-17/) });
    expect(await listMail(h.ctx.config, login)).toEqual(before);
    expect(await auditOf(id)).toEqual([]);
  });

  it('expires again once the hold has passed its end date', async () => {
    const mailbox = await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { address: testMailUser(41) } });
    await h.ctx.prisma.legalHold.updateMany({ where: { mailboxId: mailbox.id }, data: { startsAt: new Date(Date.now() - 2 * 86_400_000), endsAt: new Date(Date.now() - 1000) } });
    expect((await expire(mailbox.id)).row).toMatchObject({ status: 'done', deleted: 6, moved: 2 });
  });

  it('skips a disabled mailbox', async () => {
    const { id } = await createMailboxRow(h.ctx.prisma, testMailUser(42), { status: 'disabled' });
    expect((await expire(id)).row).toMatchObject({ status: 'skipped_disabled' });
  });

  it('skips a mailbox another run is expiring, naming that run', async () => {
    const { id } = await createMailboxRow(h.ctx.prisma, testMailUser(43));
    const lock = await acquireExpiryLock(h.ctx.connection, h.ctx.config.QUEUE_PREFIX, id, 987654);
    try {
      expect((await expire(id)).row).toMatchObject({ status: 'skipped_locked', error: expect.stringMatching(/run 987654/) });
    } finally {
      if (lock.acquired) await lock.release();
    }
  });
});

describe('crash mid-mailbox and retry', () => {
  const login = testMailUser(44);
  const specs = [
    { folder: 'INBOX', count: 25, ageDays: [40, 64] as [number, number], flags: ['\\Seen'], subjectPrefix: 'expire old' },
    { folder: 'INBOX', count: 2, ageDays: 3, flags: ['\\Seen'], subjectPrefix: 'keep young' },
  ];

  it('leaves the correct final state and audit, without duplicates, after a crash between EXPUNGE and "done"', async () => {
    const { id } = await createMailboxRow(h.ctx.prisma, login);
    const seeded = await seed(h.ctx.config, login, specs);
    const { run } = await createMailboxRun(h.ctx.prisma, { mailboxId: id, dryRun: false, trigger: 'manual', createdBy: null });
    const data = { mailboxId: id, runId: run.id, dryRun: false };
    let calls = 0;
    const crash = { chunkSize: 10, finalAttempt: false, hooks: { afterRemove: () => { calls++; throw new Error('simulated worker crash'); } } };
    await expect(runMailboxExpiry(h.ctx, { notifyQueue: h.queues.notify }, data, crash)).rejects.toThrow('simulated worker crash');
    expect(calls).toBe(1);
    // The first chunk is gone from IMAP but only pending in the audit; the row waits for the retry.
    expect((await listMail(h.ctx.config, login)).INBOX).toHaveLength(17);
    expect((await auditOf(id)).map((a) => a.state)).toEqual(Array(10).fill('pending'));
    expect(await h.ctx.prisma.expiryMailboxRun.findFirstOrThrow({ where: { runId: run.id } })).toMatchObject({ status: 'pending', error: expect.stringMatching(/will retry/) });

    await runMailboxExpiry(h.ctx, { notifyQueue: h.queues.notify }, data, { chunkSize: 10 });
    expect(await listMail(h.ctx.config, login)).toEqual({ INBOX: ['keep young INBOX 1/2', 'keep young INBOX 2/2'] });
    const audit = await auditOf(id);
    expect(audit.map((a) => [a.uid, a.state])).toEqual(seeded.slice(0, 25).map((m) => [m.uid, 'done']));
    expect(await h.ctx.prisma.expiryMailboxRun.findFirstOrThrow({ where: { runId: run.id } })).toMatchObject({ status: 'done', deleted: 25, matched: 25, error: null });
    expect(await h.ctx.prisma.expiryRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: 'completed' });
  });

  it('reconciles pending rows left before the command: still matching -> removed, no longer matching -> kept and unrecorded', async () => {
    const { id } = await createMailboxRow(h.ctx.prisma, testMailUser(45));
    const [a, b] = await seed(h.ctx.config, testMailUser(45), [{ folder: 'INBOX', count: 2, ageDays: 40, flags: ['\\Seen'], subjectPrefix: 'old' }]);
    const { mailboxRun } = await createMailboxRun(h.ctx.prisma, { mailboxId: id, dryRun: false, trigger: 'manual', createdBy: null });
    const uidValidity = await withMailbox(h.ctx.config, testMailUser(45), async (c) => {
      const status = (await c.status("INBOX", { uidValidity: true })) as { uidValidity?: bigint };
      // The user flags b after the crashed attempt recorded it (and stored \Deleted on it).
      const lock = await c.getMailboxLock('INBOX');
      try { await c.messageFlagsAdd(String(b.uid), ['\\Flagged', '\\Deleted'], { uid: true }); } finally { lock.release(); }
      return status.uidValidity!;
    });
    await h.ctx.prisma.expiredMessage.createMany({ data: [a, b].map((m) => ({ mailboxRunId: mailboxRun.id, mailboxId: id, folder: 'INBOX', uidValidity, uid: m.uid, action: 'delete' as const, size: m.size })) });
    const { row } = await expire(id);
    expect(row).toMatchObject({ status: 'done', deleted: 1 });
    expect(await listMail(h.ctx.config, testMailUser(45))).toEqual({ INBOX: ['old INBOX 2/2'] }); // \Deleted cleared
    expect((await auditOf(id)).map((r) => [r.uid, r.state, r.mailboxRunId])).toEqual([[a.uid, 'done', row.id]]);
  });
});

describe('Trash by saved date (RFC 8514 SAVEDATE)', () => {
  it('counts from when mail was moved to Trash, not from when it was received', async () => {
    const login = testMailUser(46);
    const trashPolicy = await createPolicy(h.ctx.prisma, 'Trash by saved date', [{ folderSelector: '\\Trash', maxAgeDays: 30, ageBasis: 'saved' }]);
    const byReceived = await createPolicy(h.ctx.prisma, 'Trash by received date', [{ folderSelector: '\\Trash', maxAgeDays: 30 }]);
    const { id } = await createMailboxRow(h.ctx.prisma, login, { retentionPolicyId: trashPolicy.id });
    const [old] = await seed(h.ctx.config, login, [{ folder: 'INBOX', count: 1, ageDays: 100, flags: ['\\Seen'], subjectPrefix: 'deleted by user' }]);
    await withMailbox(h.ctx.config, login, async (c) => {
      const lock = await c.getMailboxLock('INBOX');
      try { await c.messageMove(String(old.uid), 'Trash', { uid: true }); } finally { lock.release(); }
    });

    expect((await expire(id)).row).toMatchObject({ status: 'done', matched: 0, deleted: 0 });
    expect(await listMail(h.ctx.config, login)).toEqual({ Trash: ['deleted by user INBOX 1/1'] });

    // The same message by received date would go now; by saved date it goes 30 days after the move.
    await h.ctx.prisma.mailbox.update({ where: { id }, data: { retentionPolicyId: byReceived.id } });
    expect((await expire(id, true)).row).toMatchObject({ status: 'done', matched: 1, error: null });
    await h.ctx.prisma.mailbox.update({ where: { id }, data: { retentionPolicyId: trashPolicy.id } });
    const later = await expire(id, false, { now: new Date(Date.now() + 31 * 86_400_000) });
    expect(later.row).toMatchObject({ status: 'done', deleted: 1 });
    expect(await listMail(h.ctx.config, login)).toEqual({});
  });
});

describe('expiry-sweep fan-out', () => {
  it('runs one job per active mailbox and completes the run with totals', async () => {
    const ids = [];
    for (const n of [47, 48]) {
      const { id } = await createMailboxRow(h.ctx.prisma, testMailUser(n));
      await seed(h.ctx.config, testMailUser(n), STANDARD_SEED.slice(0, 2));
      ids.push(id);
    }
    // Every earlier mailbox is active too; disable them so the sweep covers just these two.
    await h.ctx.prisma.mailbox.updateMany({ where: { id: { notIn: ids } }, data: { status: 'disabled' } });
    const result = await h.run(h.queues['expiry-sweep'], { dryRun: false, trigger: 'scheduled' }) as { runId: number; mailboxes: number };
    expect(result.mailboxes).toBe(2);
    await h.idle();
    const run = await h.ctx.prisma.expiryRun.findUniqueOrThrow({ where: { id: result.runId }, include: { mailboxRuns: { orderBy: { mailboxId: 'asc' } } } });
    expect(run).toMatchObject({ status: 'completed', scope: 'all', trigger: 'scheduled', mailboxesTotal: 2 });
    expect(run.mailboxRuns.map((r) => [r.mailboxId, r.status, r.deleted])).toEqual(ids.map((id) => [id, 'done', 3]));
  });
});
