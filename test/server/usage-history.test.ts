// Real PostgreSQL and Redis, the API via app.inject; usage samples inserted as rows (no scan is needed to read them back).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { as, type Session } from '../harness/app.ts';
import { startAppAs } from '../harness/signed-in-app.ts';

const DAY = 86_400_000;
let app: FastifyInstance;
let staff: Session;
let mailboxId: number;

beforeAll(async () => {
  ({ app, session: staff } = await startAppAs('helpdesk'));
  mailboxId = (await app.prisma.mailbox.create({ data: { address: 'hist@example.test', imapLogin: 'hist@example.test' } })).id;
  const sample = (daysAgo: number, usedBytes: bigint, limitBytes: bigint | null) =>
    app.prisma.usageSample.create({ data: { mailboxId, at: new Date(Date.now() - daysAgo * DAY), usedBytes, usedMessages: daysAgo, limitBytes } });
  await sample(40, 1n, 10n);
  await sample(1, 3_000_000_000n, null);
  await sample(5, 2n, 5_000_000_000n);
});
afterAll(() => app.close());

describe('GET /api/mailboxes/:id/usage-history', () => {
  it('answers the samples of the last N days, oldest first, byte counts as numbers', async () => {
    const res = await as(app, staff, { method: 'GET', url: `/api/mailboxes/${mailboxId}/usage-history?days=30` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().map((s: { usedBytes: number; usedMessages: number; limitBytes: number | null }) => [s.usedMessages, s.usedBytes, s.limitBytes]))
      .toEqual([[5, 2, 5_000_000_000], [1, 3_000_000_000, null]]);
  });

  it('answers 404 for a mailbox that does not exist', async () => {
    const res = await as(app, staff, { method: 'GET', url: `/api/mailboxes/${mailboxId + 1000}/usage-history` });
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toMatch(/Mailbox/);
  });
});
