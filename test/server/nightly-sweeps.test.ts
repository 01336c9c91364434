// Real PostgreSQL and Redis behind the real app (app.inject): the dashboard's nightly sweep row and 14-night strip,
// from expiry runs inserted as rows (no IMAP work is needed to judge a night), and the paused-work banner's queues.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { as, type Session } from '../harness/app.ts';
import { startAppAs } from '../harness/signed-in-app.ts';

let app: FastifyInstance;
let helpdesk: Session;
const DAY = 24 * 3600_000;

beforeAll(async () => {
  ({ app, session: helpdesk } = await startAppAs('helpdesk'));
});
afterAll(() => app.close());

async function sweep(daysAgo: number, statuses: string[], opts: { trigger?: string; dryRun?: boolean; status?: 'completed' | 'failed' } = {}) {
  const at = new Date(Date.now() - daysAgo * DAY);
  const run = await app.prisma.expiryRun.create({ data: { scope: 'all', trigger: opts.trigger ?? 'scheduled', dryRun: opts.dryRun ?? false, status: opts.status ?? 'completed', startedAt: at, finishedAt: new Date(at.getTime() + 60_000), mailboxesTotal: statuses.length } });
  for (const [i, status] of statuses.entries()) {
    const mailbox = await app.prisma.mailbox.upsert({ where: { address: `night${i}@example.org` }, create: { address: `night${i}@example.org`, imapLogin: `night${i}@example.org` }, update: {} });
    await app.prisma.expiryMailboxRun.create({ data: { runId: run.id, mailboxId: mailbox.id, status, deleted: status === 'done' ? 2 : 0 } });
  }
  return run;
}

describe('GET /api/dashboard/summary: last night at a glance', () => {
  it('judges each night\'s scheduled sweep (ran, skipped with its reasons, failed), newest first, leaving out manual and dry runs', async () => {
    const failed = await sweep(3, ['done', 'failed']);
    const skipped = await sweep(2, ['skipped_hold', 'skipped_hold', 'skipped_disabled']);
    await sweep(1.5, ['done'], { trigger: 'manual' });
    await sweep(1.2, ['done'], { dryRun: true });
    const ran = await sweep(1, ['done', 'done', 'skipped_hold']);
    const res = await as(app, helpdesk, { method: 'GET', url: '/api/dashboard/summary' });
    expect(res.statusCode, res.body).toBe(200);
    const { nights } = res.json().expiry;
    expect(nights.map((n: { runId: number; verdict: string }) => [n.runId, n.verdict])).toEqual([[ran.id, 'ran'], [skipped.id, 'skipped'], [failed.id, 'failed']]);
    expect(nights[0]).toMatchObject({ mailboxesDone: 2, mailboxesSkipped: 1, skippedBy: { 'legal hold': 1 }, messagesDeleted: 4 });
    expect(nights[1]).toMatchObject({ mailboxesDone: 0, mailboxesSkipped: 3, skippedBy: { 'legal hold': 2, disabled: 1 } });
    expect(nights[2]).toMatchObject({ mailboxesDone: 1, mailboxesFailed: 1 });
  });

  it('lists paused queues, the global expiry pause among them', async () => {
    const paused = async () => (await as(app, helpdesk, { method: 'GET', url: '/api/dashboard/summary' })).json().pausedQueues;
    expect(await paused()).toEqual([]);
    await app.queues.expiry.pause();
    try {
      expect(await paused()).toEqual(['expiry']);
    } finally {
      await app.queues.expiry.resume();
    }
  });
});
