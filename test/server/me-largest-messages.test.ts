// The /me page lists the signed-in user's own largest messages (#20), read by the staff console's "largest messages"
// mailbox read (a worker's UID SORT REVERSE SIZE per folder) for the session's mailbox only. Real PostgreSQL, Redis,
// the mailbox-read worker in-process and Dovecot; the API via app.inject. Nothing stubbed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../server/core/config.ts';
import { startMailboxReader, startTestApp } from '../harness/app.ts';
import { TEST_MAIL_PASSWORD, testMailUser } from '../harness/env.ts';
import { createMailboxRow, seed } from '../harness/retention.ts';
import { resetMaildir } from '../harness/mail.ts';

const KEY = 'mail-login-key-for-tests-0123456789abcdef';
const me = testMailUser(28);
const other = testMailUser(29);
const OTHER_SECRET = 'Other-users-huge-attachment';
let app: FastifyInstance;
let config: Config;
let reader: { close(): Promise<void> };
let otherId: number;
let cookie: string;

/** The rows of the page's "Largest messages" table, as [subject, folder, size] text. */
function largestRows(html: string): string[][] {
  const table = /<h3>Largest messages<\/h3><div class="scroll"><table>.*?<tbody>(.*?)<\/tbody>/s.exec(html);
  if (!table) return [];
  return [...table[1].matchAll(/<tr>(.*?)<\/tr>/gs)].map((r) => [...r[1].matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((c) => c[1].replace(/<br>.*$/s, '')))
    .map((cells) => [cells[0], cells[1], cells[3]]);
}

beforeAll(async () => {
  ({ app, config } = await startTestApp({ MAIL_LOGIN_KEY: KEY }));
  reader = startMailboxReader(app, config);
  await createMailboxRow(app.prisma, me, { displayName: 'Me' });
  otherId = (await createMailboxRow(app.prisma, other, { displayName: 'Other' })).id;
  await resetMaildir(me);
  await resetMaildir(other);
  // 12 of mine in two folders, of known sizes: the page lists the 10 largest, across folders, largest first.
  await seed(config, me, [
    { folder: 'INBOX', count: 1, ageDays: 3, sizeBytes: 900_000, subjectPrefix: 'Holiday photos' },
    { folder: 'INBOX', count: 6, ageDays: 2, sizeBytes: 3_000, subjectPrefix: 'small note' },
    { folder: 'Archive', count: 1, ageDays: 40, sizeBytes: 2_500_000, subjectPrefix: 'Thesis draft' },
    { folder: 'Archive', count: 4, ageDays: 30, sizeBytes: 20_000, subjectPrefix: 'Minutes' },
  ]);
  // The other mailbox's messages are larger than any of mine: were its mail read, it would top the list.
  await seed(config, other, [{ folder: 'INBOX', count: 2, ageDays: 5, sizeBytes: 4_000_000, subjectPrefix: OTHER_SECRET }]);
  const res = await app.inject({
    method: 'POST', url: '/me/login', payload: new URLSearchParams({ email: me, password: TEST_MAIL_PASSWORD }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(res.statusCode, res.body).toBe(303);
  cookie = `mw_me=${res.cookies.find((c) => c.name === 'mw_me')!.value}`;
});
afterAll(async () => {
  await reader?.close();
  await app?.close();
});

describe('/me: largest messages', () => {
  it('lists the signed-in user\'s own 10 largest messages across folders, largest first, with their subjects', async () => {
    const page = await app.inject({ method: 'GET', url: '/me', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    const rows = largestRows(page.body);
    expect(rows).toHaveLength(10);
    expect(rows[0][0]).toMatch(/^Thesis draft/);
    expect(rows[0][1]).toBe('Archive');
    expect(rows[1][0]).toMatch(/^Holiday photos/);
    expect(rows[1][1]).toBe('INBOX');
    expect(rows.slice(2, 6).every((r) => r[0].startsWith('Minutes') && r[1] === 'Archive')).toBe(true);
    expect(rows.slice(6).every((r) => r[0].startsWith('small note'))).toBe(true);
    expect(rows[0][2]).toMatch(/^2\.\d MiB$/); // ~2.5 MB as IMAP reports it
    expect(rows[9][2]).toMatch(/^\d(\.\d)? KiB$/);
    expect(page.body).not.toContain(OTHER_SECRET);
  });

  it('takes no parameter that could point it at another mailbox: the page is always the session\'s', async () => {
    for (const query of [`mailboxId=${otherId}`, `mailbox=${otherId}`, `address=${encodeURIComponent(other)}`, `login=${encodeURIComponent(other)}`, `id=${otherId}`]) {
      const page = await app.inject({ method: 'GET', url: `/me?${query}`, headers: { cookie } });
      expect([200, 400], query).toContain(page.statusCode);
      expect(page.body, query).not.toContain(OTHER_SECRET);
      expect(page.body, query).not.toContain(other);
      if (page.statusCode === 200) expect(largestRows(page.body)[0][0], query).toMatch(/^Thesis draft/);
    }
    // Nor does the staff API's route answer a mail user's session.
    const staffRoute = await app.inject({ method: 'GET', url: `/api/mailboxes/${otherId}/largest-messages`, headers: { cookie } });
    expect(staffRoute.statusCode).toBe(401);
    expect(staffRoute.body).not.toContain(OTHER_SECRET);
  });

  it('asks a signed-out visitor to sign in and lists nothing', async () => {
    const page = await app.inject({ method: 'GET', url: '/me' });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/me/login');
  });
});
