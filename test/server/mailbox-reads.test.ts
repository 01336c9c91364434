// The API never opens IMAP (#16): a preview is a mailbox-read job that a worker answers while the request waits.
// Real PostgreSQL, Redis and Dovecot. Without a worker the request ends in 503 after MAILBOX_READ_TIMEOUT_MS and its
// job is taken back; past MAILBOX_READ_MAX_WAITING waiting requests the API answers 429 at once.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../server/core/config.ts';
import { as, createStaff, login, startMailboxReader, startTestApp, type Session } from '../harness/app.ts';
import { testMailUser } from '../harness/env.ts';
import { createMailboxRow, createPolicy, STANDARD_RULES, seed } from '../harness/retention.ts';

let app: FastifyInstance;
let config: Config;
let ops: Session;
let mailboxId: number;
const user = testMailUser(61);

beforeAll(async () => {
  ({ app, config } = await startTestApp({ MAILBOX_READ_TIMEOUT_MS: '1500', MAILBOX_READ_MAX_WAITING: '1' }));
  await createStaff(app, 'ops');
  ops = await login(app, 'ops@example.test');
  const policy = await createPolicy(app.prisma, 'Mailbox reads', STANDARD_RULES);
  mailboxId = (await createMailboxRow(app.prisma, user, { retentionPolicyId: policy.id })).id;
  await seed(config, user);
});
afterAll(() => app?.close());

const preview = () => as(app, ops, { method: 'POST', url: `/api/mailboxes/${mailboxId}/expiry-preview` });

describe('mailbox reads', () => {
  it('without a worker: 503 after the timeout, naming the worker, and the job is not left queued', async () => {
    const started = Date.now();
    const res = await preview();
    expect(res.statusCode).toBe(503);
    expect(res.json().message).toBe('The worker answering mailbox reads is unavailable, try again shortly');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(await app.queues['mailbox-read'].getJobCounts('waiting', 'active')).toEqual({ waiting: 0, active: 0 });
  });

  it('past MAILBOX_READ_MAX_WAITING waiting requests, the next is refused with 429 at once', async () => {
    const first = preview();
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    const second = await preview();
    expect(second.statusCode).toBe(429);
    expect(second.json().message).toMatch(/mailbox reads are already in progress/);
    expect(Date.now() - started).toBeLessThan(500);
    expect((await first).statusCode).toBe(503);
  });

  it('with a worker: the preview comes back, and a live folder list too', async () => {
    const reader = startMailboxReader(app, config);
    try {
      const res = await preview();
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().totals.count).toBe(8);
      const live = await as(app, ops, { method: 'GET', url: `/api/mailboxes/${mailboxId}/retention?live=true` });
      expect(live.statusCode).toBe(200);
      expect(live.json().foldersSource).toBe('live');
      expect(live.json().folders.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['INBOX', 'Junk', 'Trash', 'Lists/dev']));

      // A login the IMAP server refuses is the mailbox's problem, not an outage: 409 naming it. (Purged, the mailbox
      // leaves Dovecot's userdb view, so Dovecot no longer knows the login; docs/mailbox-lifecycle.md.)
      await app.prisma.mailbox.update({ where: { id: mailboxId }, data: { status: 'deleted', purgedAt: new Date() } });
      const refused = await preview();
      expect(refused.statusCode).toBe(409);
      expect(refused.json().message).toMatch(new RegExp(`^The IMAP server refused the login ${user}`));
    } finally {
      await reader.close();
    }
  });
});
