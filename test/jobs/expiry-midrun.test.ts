// The destructive path while things change mid-run, on the real Dovecot, PostgreSQL and Redis; nothing stubbed.
// The changes come from where they would in production: a legal hold row written to the database, and the user's
// own IMAP session flagging mail. The test-only hooks of the expiry code only say WHEN (after a batch's FETCH, or
// between a chunk's STORE and its UID EXPUNGE), so each window is hit every time instead of by chance.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImapFlow } from 'imapflow';
import { startJobsHarness, type JobsHarness } from '../harness/jobs.ts';
import { TEST_DOVECOT_DIR, testMailUser, testPort } from '../harness/env.ts';
import { withMailbox } from '../harness/mail.ts';
import { createMailboxRow, createPolicy, seed } from '../harness/retention.ts';
import { runMailboxExpiry, type ExpiryOptions } from '../../jobs/workers/expiry.ts';
import { createMailboxRun } from '../../server/core/services/expiry-runs.ts';
import { writeMaildirs } from '../../bench/lib/maildir-seed.ts';
import { buildMessage } from '../../scripts/lib/seed-mail.ts';

const DAY = 86_400_000;
let h: JobsHarness;
let noFlagsPolicy: number;
let keepFlaggedPolicy: number;

async function expire(mailboxId: number, opts: ExpiryOptions & { dryRun?: boolean } = {}) {
  const dryRun = opts.dryRun ?? false;
  const { run } = await createMailboxRun(h.ctx.prisma, { mailboxId, dryRun, trigger: 'manual', createdBy: null });
  const result = await runMailboxExpiry(h.ctx, { notifyQueue: h.queues.notify }, { mailboxId, runId: run.id, dryRun }, opts);
  const row = await h.ctx.prisma.expiryMailboxRun.findUniqueOrThrow({ where: { runId_mailboxId: { runId: run.id, mailboxId } } });
  return { row, result };
}

/** UIDs in INBOX, and those carrying \Deleted, as the server has them now. */
async function inbox(login: string) {
  return withMailbox(h.ctx.config, login, async (c) => {
    const lock = await c.getMailboxLock('INBOX', { readOnly: true });
    try {
      const all = (await c.search({ all: true }, { uid: true })) || [];
      const deleted = (await c.search({ deleted: true }, { uid: true })) || [];
      return { all: [...all].sort((a, b) => a - b), deleted: [...deleted] };
    } finally {
      lock.release();
    }
  });
}

/** The user's own mail client, acting on INBOX in its own session. */
async function asUser(login: string, fn: (c: ImapFlow) => Promise<unknown>) {
  await withMailbox(h.ctx.config, login, async (c) => {
    const lock = await c.getMailboxLock('INBOX');
    try { await fn(c); } finally { lock.release(); }
  });
}

beforeAll(async () => {
  h = await startJobsHarness(testPort(10366));
  noFlagsPolicy = (await createPolicy(h.ctx.prisma, 'Inbox 30 days', [{ folderSelector: 'INBOX', maxAgeDays: 30, keepFlagged: false }], { isDefault: true })).id;
  keepFlaggedPolicy = (await createPolicy(h.ctx.prisma, 'Inbox 30 days, keep flagged and unread', [{ folderSelector: 'INBOX', maxAgeDays: 30, keepFlagged: true, keepUnread: true }])).id;
});
afterAll(() => h?.stop());

describe('a legal hold placed during a run', () => {
  it('stops a 20,000-message run within one batch: nothing is removed after the hold, no \\Deleted is left', async () => {
    const login = testMailUser(30);
    const { id } = await createMailboxRow(h.ctx.prisma, login);
    // 20,000 messages all past retention, written straight to the Maildir (APPEND would take minutes).
    const mailRoot = path.join(TEST_DOVECOT_DIR, 'mail');
    writeMaildirs(mailRoot, [login], [{ folder: 'INBOX', count: 20_000, cutoffDays: 30, oldShare: 1, oldestDays: 400 }], new Date());
    execFileSync('chown', ['-R', '5000:5000', path.join(mailRoot, login)]);

    let batches = 0;
    let holdPlacedAt = -1;
    const hooks = {
      afterFetch: async () => {
        // The 8th batch of 1,000: the first 5,000-UID chunk is expunged, the second has two batches marked \Deleted.
        if (++batches !== 8) return;
        await h.ctx.prisma.legalHold.create({ data: { mailboxId: id, reason: 'litigation 2026-31', setBy: 'legal@example.test' } });
        holdPlacedAt = await h.ctx.prisma.expiredMessage.count({ where: { mailboxId: id, state: 'done' } });
      },
    };
    // Chunks of 5,000 UIDs (not the default CHUNK_SIZE), so the hold lands after one chunk was expunged and while
    // the next has marks to take back.
    const { row, result } = await expire(id, { hooks, chunkSize: 5000 });
    const removed = await h.ctx.prisma.expiredMessage.count({ where: { mailboxId: id, state: 'done' } });
    const left = await inbox(login);
    console.info(`hold mid-run: ${removed} of 20000 removed before the hold, ${removed - holdPlacedAt} after it; ${left.all.length} left, ${left.deleted.length} marked \\Deleted`);

    expect(holdPlacedAt).toBe(5000);
    expect(removed - holdPlacedAt).toBe(0);
    expect(left.all).toHaveLength(15_000);
    expect(left.deleted).toEqual([]);
    expect(await h.ctx.prisma.expiredMessage.count({ where: { mailboxId: id, state: 'pending' } })).toBe(0);
    expect(row).toMatchObject({ status: 'stopped_hold', deleted: 5000, error: expect.stringMatching(/legal hold #\d+ .*litigation 2026-31.*placed during the run/) });
    expect(result).toMatchObject({ status: 'stopped_hold', deleted: 5000 });
    expect(await h.ctx.prisma.auditEvent.count({ where: { action: 'mailbox.expiry_stopped', entityId: String(id) } })).toBe(1);
  }, 240_000);

  it('a mailbox skipped for a hold gets back the \\Deleted marks an interrupted attempt of ours left', async () => {
    const login = testMailUser(31);
    const { id } = await createMailboxRow(h.ctx.prisma, login);
    await seed(h.ctx.config, login, [{ folder: 'INBOX', count: 12, ageDays: [40, 60], flags: ['\\Seen'], subjectPrefix: 'old' }]);
    // The attempt dies between its STORE and its UID EXPUNGE (finalAttempt false: BullMQ would retry it).
    const crash = { finalAttempt: false, hooks: { beforeExpunge: () => { throw new Error('simulated worker crash'); } } };
    await expect(expire(id, crash)).rejects.toThrow('simulated worker crash');
    expect((await inbox(login)).deleted).toHaveLength(12);

    await h.ctx.prisma.legalHold.create({ data: { mailboxId: id, reason: 'audit 2026-44', setBy: 'legal@example.test' } });
    const { row } = await expire(id);
    const left = await inbox(login);
    expect(row).toMatchObject({ status: 'skipped_hold', deleted: 0, error: expect.stringMatching(/12 \\Deleted mark\(s\) .* taken back/) });
    expect(left.all).toHaveLength(12);
    expect(left.deleted).toEqual([]);
    expect(await h.ctx.prisma.expiredMessage.count({ where: { mailboxId: id } })).toBe(0);
  });
});

describe('flags the user changes during a run', () => {
  it('keeps every message flagged or marked unread after the search, before or after our STORE', async () => {
    const login = testMailUser(32);
    const { id } = await createMailboxRow(h.ctx.prisma, login, { retentionPolicyId: keepFlaggedPolicy });
    await seed(h.ctx.config, login, [{ folder: 'INBOX', count: 300, ageDays: [40, 90], flags: ['\\Seen'], subjectPrefix: 'old' }]);
    const all = (await inbox(login)).all;
    const kept = new Set<number>();
    let chunk = 0;
    const hooks = {
      // Chunk 1, after our FETCH, before our STORE: 25 flagged, 25 marked unread (CONDSTORE refuses our STORE).
      afterFetch: async ({ uids }: { uids: number[] }) => {
        if (++chunk !== 1) return;
        const flag = uids.slice(0, 25);
        const unread = uids.slice(25, 50);
        await asUser(login, async (c) => {
          await c.messageFlagsAdd(flag.join(','), ['\\Flagged'], { uid: true });
          await c.messageFlagsRemove(unread.join(','), ['\\Seen'], { uid: true });
        });
        for (const u of [...flag, ...unread]) kept.add(u);
      },
      // Chunk 2, after our STORE of \Deleted, before the UID EXPUNGE: 25 flagged.
      beforeExpunge: async ({ uids }: { uids: number[] }) => {
        if (chunk !== 2) return;
        const flag = uids.slice(10, 35);
        await asUser(login, (c) => c.messageFlagsAdd(flag.join(','), ['\\Flagged'], { uid: true }));
        for (const u of flag) kept.add(u);
      },
    };
    const { row } = await expire(id, { chunkSize: 100, hooks });
    const left = await inbox(login);
    const flaggedLateDeleted = [...kept].filter((u) => !left.all.includes(u)).length;
    console.info(`flags mid-run: ${kept.size} messages flagged or marked unread during the run, ${flaggedLateDeleted} of them deleted`);

    expect(kept.size).toBe(75);
    expect(flaggedLateDeleted).toBe(0);
    expect(left.all).toEqual([...kept].sort((a, b) => a - b));
    expect(left.deleted).toEqual([]);
    expect(row).toMatchObject({ status: 'done', deleted: 300 - 75 });
    const audited = await h.ctx.prisma.expiredMessage.findMany({ where: { mailboxId: id }, select: { uid: true, state: true } });
    expect(audited.map((a) => a.uid).sort((a, b) => a - b)).toEqual(all.filter((u) => !kept.has(u)));
    expect(audited.every((a) => a.state === 'done')).toBe(true);
  });
});

describe('dates: never removed before the rule\'s age, in any time zone', () => {
  const ZONES = ['-2359', '-1000', '+0000', '+0530', '+1200', '+1400'];
  const HOUR = 3_600_000;

  /** "Thu, 05 Nov 2026 10:00:00 -1000" for `at` seen from the zone `zone`. */
  function dateHeader(at: Date, zone: string): string {
    const sign = zone[0] === '-' ? -1 : 1;
    const offset = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3))) * 60_000;
    const local = new Date(at.getTime() + offset);
    const day = local.toUTCString().slice(0, 25); // "Thu, 05 Nov 2026 10:00:00"
    return `${day} ${zone}`;
  }

  it('by sent date (Date: header in six zones) and by received date: an hour either side of the cutoff', async () => {
    const login = testMailUser(33);
    const policy = await createPolicy(h.ctx.prisma, 'Sent 10 days', [{ folderSelector: 'INBOX', maxAgeDays: 10, ageBasis: 'sent', keepFlagged: false }]);
    const { id } = await createMailboxRow(h.ctx.prisma, login, { retentionPolicyId: policy.id });
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const cutoff = now.getTime() - 10 * DAY;
    const expected = new Map<string, boolean>();
    await withMailbox(h.ctx.config, login, async (c) => {
      for (const zone of ZONES) {
        for (const [label, at] of [['old', cutoff - HOUR], ['young', cutoff + HOUR]] as const) {
          const subject = `${label} ${zone}`;
          const raw = buildMessage({ from: 'a@example.test', to: login, subject, date: new Date(at), messageId: `<${label}.${zone}@example.test>` })
            .toString('utf8').replace(/^Date: .*$/m, `Date: ${dateHeader(new Date(at), zone)}`);
          await c.append('INBOX', raw, ['\\Seen'], new Date(at));
          expected.set(subject, label === 'old');
        }
      }
    });
    const dry = await expire(id, { dryRun: true, now });
    const real = await expire(id, { now });
    const left = await withMailbox(h.ctx.config, login, async (c) => {
      const lock = await c.getMailboxLock('INBOX', { readOnly: true });
      try {
        const out: string[] = [];
        for await (const m of c.fetch('1:*', { envelope: true })) out.push(m.envelope!.subject!);
        return out;
      } finally { lock.release(); }
    });
    const early = left.length === 0 ? 0 : [...expected].filter(([s, old]) => !old && !left.includes(s)).length;
    const late = [...expected].filter(([s, old]) => old && left.includes(s)).length;
    console.info(`dates: ${early} removed early, ${late} kept past their age, of ${expected.size} messages an hour either side of the cutoff`);
    expect(early).toBe(0);
    expect(late).toBe(0);
    expect(dry.row.matched).toBe(ZONES.length);
    expect(real.row).toMatchObject({ status: 'done', deleted: ZONES.length });

    // The same messages by received date (INTERNALDATE, exact with WITHIN): the same split.
    const byReceived = await createPolicy(h.ctx.prisma, 'Received 10 days', [{ folderSelector: 'INBOX', maxAgeDays: 10, keepFlagged: false }]);
    await h.ctx.prisma.mailbox.update({ where: { id }, data: { retentionPolicyId: byReceived.id } });
    expect((await expire(id, { dryRun: true, now })).row.matched).toBe(0);
    expect((await expire(id, { dryRun: true, now: new Date(now.getTime() + 2 * HOUR) })).row.matched).toBe(ZONES.length);
  });
});
