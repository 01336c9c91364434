// Real: Dovecot (IMAP as master user), PostgreSQL, Redis/BullMQ workers from jobs/start.ts. Nothing stubbed. The purge
// of a deleted mailbox after its grace period goes through the expiry engine: every message removed is in the audit.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobsHarness, type JobsHarness } from '../harness/jobs.ts';
import { TEST_DOVECOT_DIR, testMailUser, testPort } from '../harness/env.ts';
import { STANDARD_SEED, createMailboxRow, listMail, seed } from '../harness/retention.ts';
import { runMailboxExpiry } from '../../jobs/workers/expiry.ts';

let h: JobsHarness;
const DAY = 86_400_000;

beforeAll(async () => {
  h = await startJobsHarness(testPort(10362));
});
afterAll(() => h?.stop());

/** A mailbox with the standard seed (flagged, unread, user-\Deleted, moved-to-be and sent mail in six folders), deleted. */
async function deletedMailbox(n: number, purgeAfter: Date) {
  const login = testMailUser(n);
  const { id } = await createMailboxRow(h.ctx.prisma, login);
  const seeded = await seed(h.ctx.config, login);
  await h.ctx.prisma.mailbox.update({ where: { id }, data: { status: 'deleted', deletedAt: new Date(purgeAfter.getTime() - 30 * DAY), purgeAfter } });
  return { id, login, seeded };
}

/** Message files left in the user's Maildir, every folder (a purged mailbox has left Dovecot's userdb: no IMAP login). */
async function messageFiles(login: string): Promise<string[]> {
  const entries = await readdir(path.join(TEST_DOVECOT_DIR, 'mail', login), { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && /(^|\/)(cur|new)$/.test(path.basename(e.parentPath))).map((e) => e.name);
}

const purgeDeleted = () => h.run(h.queues.maintenance, { task: 'purge-deleted' }) as Promise<{ purges: number; waitingForHold: number }>;
const audited = (mailboxId: number) => h.ctx.prisma.expiredMessage.findMany({ where: { mailboxId }, orderBy: [{ folder: 'asc' }, { uid: 'asc' }] });

describe('purge of deleted mailboxes', () => {
  it('removes every message of a mailbox whose grace period is over, each one in the audit, and marks it purged', async () => {
    const due = await deletedMailbox(44, new Date(Date.now() - 1000));
    const waiting = await deletedMailbox(45, new Date(Date.now() + DAY)); // still restorable: left alone
    const waitingBefore = await listMail(h.ctx.config, waiting.login);
    expect(due.seeded).toHaveLength(STANDARD_SEED.reduce((n, s) => n + s.count, 0));
    expect(await messageFiles(due.login)).toHaveLength(due.seeded.length);

    expect(await purgeDeleted()).toEqual({ purges: 1, waitingForHold: 0 });
    await h.idle(60_000);

    expect(await messageFiles(due.login)).toEqual([]);
    const audit = await audited(due.id);
    // Every seeded message exactly once, confirmed, as a deletion: flagged, unread and user-\Deleted ones included.
    expect(audit.map((a) => [a.folder, a.uid, a.messageId, a.action, a.state, a.size]).sort())
      .toEqual(due.seeded.map((m) => [m.folder, m.uid, m.messageId, 'delete', 'done', m.size]).sort());
    const mailbox = await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id: due.id } });
    expect(mailbox).toMatchObject({ status: 'deleted' });
    expect(mailbox.purgedAt).not.toBeNull();
    const run = await h.ctx.prisma.expiryRun.findFirstOrThrow({ where: { scope: `purge:${due.id}` }, include: { mailboxRuns: true } });
    expect(run).toMatchObject({ trigger: 'purge', status: 'completed', mailboxRuns: [{ status: 'done', deleted: due.seeded.length }] });
    const event = await h.ctx.prisma.auditEvent.findFirstOrThrow({ where: { action: 'mailbox.purged', entityId: String(due.id) } });
    expect(event.after).toMatchObject({ deleted: due.seeded.length, runId: run.id });

    expect(await listMail(h.ctx.config, waiting.login)).toEqual(waitingBefore);
    expect(await audited(waiting.id)).toEqual([]);
    // A second run finds nothing due: the purged one is done, the other not due yet.
    expect(await purgeDeleted()).toEqual({ purges: 0, waitingForHold: 0 });
  });

  it('leaves a mailbox under a legal hold alone: the fan-out waits for the hold, and a hold placed after the job was queued refuses it', async () => {
    const held = await deletedMailbox(46, new Date(Date.now() - 1000));
    const before = await listMail(h.ctx.config, held.login);
    const hold = await h.ctx.prisma.legalHold.create({ data: { mailboxId: held.id, reason: 'case 9', setBy: 'ops@example.test' } });
    expect(await purgeDeleted()).toEqual({ purges: 0, waitingForHold: 1 });

    // The job queued just before the hold (as the fan-out does): the worker checks again and refuses.
    await h.ctx.prisma.legalHold.update({ where: { id: hold.id }, data: { liftedAt: new Date(), liftedBy: 'ops@example.test' } });
    const run = await h.ctx.prisma.expiryRun.create({ data: { scope: `purge:${held.id}`, dryRun: false, trigger: 'purge', mailboxesTotal: 1 } });
    await h.ctx.prisma.expiryMailboxRun.create({ data: { runId: run.id, mailboxId: held.id, dryRun: false } });
    const second = await h.ctx.prisma.legalHold.create({ data: { mailboxId: held.id, reason: 'case 10', setBy: 'ops@example.test' } });
    const result = await runMailboxExpiry(h.ctx, { notifyQueue: h.queues.notify }, { mailboxId: held.id, runId: run.id, dryRun: false, purge: true });
    expect(result).toMatchObject({ status: 'skipped_hold', error: expect.stringMatching(new RegExp(`^legal hold #${second.id} .*nothing was removed`)) });
    expect(await listMail(h.ctx.config, held.login)).toEqual(before);
    expect(await audited(held.id)).toEqual([]);
    expect(await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id: held.id } })).toMatchObject({ status: 'deleted', purgedAt: null });
    expect(await h.ctx.prisma.auditEvent.count({ where: { action: 'mailbox.purge_refused', entityId: String(held.id) } })).toBe(1);
  });

  it('stops within one batch when a hold is placed during the purge; what went before is audited, the rest stays', async () => {
    const target = await deletedMailbox(47, new Date(Date.now() - 1000));
    const run = await h.ctx.prisma.expiryRun.create({ data: { scope: `purge:${target.id}`, dryRun: false, trigger: 'purge', mailboxesTotal: 1 } });
    await h.ctx.prisma.expiryMailboxRun.create({ data: { runId: run.id, mailboxId: target.id, dryRun: false } });
    let folders = 0;
    const result = await runMailboxExpiry(h.ctx, { notifyQueue: h.queues.notify }, { mailboxId: target.id, runId: run.id, dryRun: false, purge: true }, {
      hooks: {
        // After the first folder's removal, legal places a hold: the next folder's check stops the purge.
        afterRemove: async () => {
          if (++folders === 1) await h.ctx.prisma.legalHold.create({ data: { mailboxId: target.id, reason: 'late hold', setBy: 'ops@example.test' } });
        },
      },
    });
    expect(result).toMatchObject({ status: 'stopped_hold' });
    const audit = await audited(target.id);
    const left = Object.values(await listMail(h.ctx.config, target.login)).flat().length;
    expect(audit.length).toBeGreaterThan(0);
    expect(left).toBeGreaterThan(0);
    expect(audit.length + left).toBe(target.seeded.length); // every message either still there or in the audit
    expect(audit.every((a) => a.state === 'done')).toBe(true);
    expect(await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ purgedAt: null });
  });
});
