// Real Dovecot, PostgreSQL and Redis; nothing stubbed. Measures messages expired per second on one seeded
// mailbox (one IMAP session, removals in chunks of up to 5,000 UIDs, an audit row per message). 300 messages by default to keep
// the suite quick; MW_BENCH_MESSAGES=5000 for the figure quoted in the README.
import { testPort } from '../harness/env.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobsHarness, type JobsHarness } from '../harness/jobs.ts';
import { testMailUser } from '../harness/env.ts';
import { createMailboxRow, createPolicy, listMail, seed } from '../harness/retention.ts';
import { runMailboxExpiry } from '../../jobs/workers/expiry.ts';
import { createMailboxRun } from '../../server/core/services/expiry-runs.ts';

const COUNT = Number(process.env.MW_BENCH_MESSAGES ?? 300);
const login = testMailUser(53);
let h: JobsHarness;

beforeAll(async () => {
  h = await startJobsHarness(testPort(10363));
  await createPolicy(h.ctx.prisma, 'Inbox 30 days', [{ folderSelector: 'INBOX', maxAgeDays: 30 }], { isDefault: true });
});
afterAll(() => h?.stop());

describe('expiry throughput', () => {
  it(`expires ${COUNT} messages from one mailbox and records each`, async () => {
    const { id } = await createMailboxRow(h.ctx.prisma, login);
    const seedStart = Date.now();
    await seed(h.ctx.config, login, [
      { folder: 'INBOX', count: COUNT, ageDays: [31, 400], sizeBytes: 4000, flags: ['\\Seen'], subjectPrefix: 'old' },
      { folder: 'INBOX', count: 3, ageDays: 1, flags: ['\\Seen'], subjectPrefix: 'new' },
    ]);
    const seedMs = Date.now() - seedStart;

    const time = async (dryRun: boolean) => {
      const { run } = await createMailboxRun(h.ctx.prisma, { mailboxId: id, dryRun, trigger: 'manual', createdBy: null });
      const started = performance.now();
      const result = await runMailboxExpiry(h.ctx, { notifyQueue: h.queues.notify }, { mailboxId: id, runId: run.id, dryRun });
      return { ms: performance.now() - started, result };
    };
    const dry = await time(true);
    const real = await time(false);
    expect(dry.result).toMatchObject({ status: 'done', matched: COUNT });
    expect(real.result).toMatchObject({ status: 'done', deleted: COUNT });
    expect((await listMail(h.ctx.config, login)).INBOX).toEqual(['new INBOX 1/3', 'new INBOX 2/3', 'new INBOX 3/3']);
    expect(await h.ctx.prisma.expiredMessage.count({ where: { mailboxId: id, state: 'done' } })).toBe(COUNT);

    const rate = (ms: number) => Math.round(COUNT / (ms / 1000));
    console.info(`expiry of ${COUNT} messages (4 KB each): real run ${Math.round(real.ms)} ms = ${rate(real.ms)} msg/s; `
      + `dry run ${Math.round(dry.ms)} ms = ${rate(dry.ms)} msg/s; seeding took ${seedMs} ms`);
  }, 300_000);
});
