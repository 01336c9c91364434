// "Take it with you" (#20) end to end below the browser: the real API (app.inject) for the /me sign-in and the link's
// landing page, the real export service (in-process, listening) for the downloads, asked directly as the front routes
// them (scripts/lib/front.ts; the e2e test goes through it), PostgreSQL, Redis, the mailbox-read worker for the
// sign-in, and the real Dovecot. Nothing stubbed. Downloads are read back by Python's own mailbox and zipfile modules, and compared byte
// for byte with what IMAP serves (BODY[] and RFC822.SIZE).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../server/core/config.ts';
import { startMailboxReader, startTestApp } from '../harness/app.ts';
import { TEST_MAIL_PASSWORD, testMailUser, testPort } from '../harness/env.ts';
import { createMailboxRow, createPolicy, seed } from '../harness/retention.ts';
import { withMailbox } from '../harness/mail.ts';
import { readMbox, readZip, startExporter, type ReadBack } from '../harness/exporter.ts';
import { createExportTokens } from '../../server/core/lib/export-tokens.ts';
import { sessionIdOf } from '../../server/core/repositories/mail-user-sessions.ts';
import { buildMessage } from '../../scripts/lib/seed-mail.ts';
import { CHUNK_BYTES } from '../../server/core/imap/export/stream-messages.ts';

const MAIL_KEY = 'mail-login-key-for-tests-0123456789abcdef';
const EXPORT_KEY = 'export-link-key-for-tests-0123456789abcdef';
const GiB = 1024 ** 3;
const DAY = 86_400_000;
const me = testMailUser(45);
const other = testMailUser(46);
const OTHER_SECRET = 'Other-user-private-subject';
const BODY_MARKER = 'BODY-MARKER-7f3a';
const tokens = createExportTokens(EXPORT_KEY);
const dir = mkdtempSync(path.join(tmpdir(), 'mw-export-test-'));
let app: FastifyInstance;
let config: Config;
let reader: { close(): Promise<void> };
let exporter: { close(): Promise<void> };
let meId: number;
let otherId: number;
let cookie: string;

interface ImapMessage { folder: string; uid: number; size: number; messageId: string; subject: string; source: Buffer }

async function imapMessages(login: string, folder: string): Promise<ImapMessage[]> {
  return withMailbox(config, login, async (client) => {
    const lock = await client.getMailboxLock(folder, { readOnly: true });
    try {
      const out: ImapMessage[] = [];
      for await (const m of client.fetch('1:*', { uid: true, size: true, envelope: true, source: true })) {
        out.push({ folder, uid: m.uid, size: m.size!, messageId: m.envelope!.messageId!, subject: m.envelope!.subject ?? '', source: m.source! });
      }
      return out;
    } finally {
      lock.release();
    }
  });
}

interface Answer { statusCode: number; headers: Record<string, string>; body: string; rawPayload: Buffer }

/** A GET to the export service, as the front forwards it (the browser's headers as they are). */
async function download(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`http://127.0.0.1:${config.EXPORT_PORT}${url}`, { headers, redirect: 'manual' });
  const rawPayload = Buffer.from(await res.arrayBuffer());
  return { statusCode: res.status, headers: Object.fromEntries([...(res.headers as unknown as Iterable<[string, string]>)]), body: rawPayload.toString('utf8'), rawPayload };
}
const get = (url: string, headers: Record<string, string> = {}) => download(url, { cookie, ...headers });
let files = 0;
function saved(body: Buffer, ext: string): string {
  const file = path.join(dir, `download-${++files}.${ext}`);
  writeFileSync(file, body);
  return file;
}

/**
 * Every expected message present exactly once, with the bytes IMAP serves and RFC822.SIZE equal to their length.
 * mbox separates messages by lines, so a message whose last line has no line break (SMTP never delivers one; our
 * test APPENDs it) gets one there: that one byte is the only difference allowed, and only in an mbox.
 */
function expectSameMail(got: ReadBack[], expected: ImapMessage[], format: 'mbox' | 'zip' = 'mbox') {
  expect(got.map((m) => m.messageId).sort()).toEqual(expected.map((m) => m.messageId).sort());
  for (const e of expected) {
    const m = got.find((g) => g.messageId === e.messageId)!;
    expect(e.source.length, e.subject).toBe(e.size);
    const lacksBreak = format === 'mbox' && e.source[e.source.length - 1] !== 0x0a;
    const want = lacksBreak ? Buffer.concat([e.source, Buffer.from('\n')]) : e.source;
    expect(m.bytes.length, e.subject).toBe(want.length);
    expect(m.bytes.equals(want), e.subject).toBe(true);
  }
}

// Lines an mbox must quote, one without a final line break, and a large message whose "From " line starts two bytes
// before the export's 1 MiB fetch boundary (the quoting must carry across chunks).
function trickyMessages(): Buffer[] {
  const date = new Date(Date.now() - 25 * DAY);
  const base = { from: 'Zed <zed@example.test>', to: me, date };
  const quoted = buildMessage({ ...base, subject: 'Tricky quoting', messageId: '<tricky-1@example.test>', body: `From the start\r\n>From once\r\n>>From twice\r\nFrom\r\nFrom \r\n${BODY_MARKER}\r\n` });
  const noFinalBreak = Buffer.concat([buildMessage({ ...base, subject: 'Tricky ending', messageId: '<tricky-2@example.test>', body: 'last line\r\n' }), Buffer.from('no break at the end')]);
  return [quoted, noFinalBreak];
}

function largeMessage(): Buffer {
  const head = buildMessage({ from: 'Big <big@example.test>', to: me, date: new Date(Date.now() - 3 * DAY), subject: 'Large report', messageId: '<large-1@example.test>', body: '' });
  const line = 'x'.repeat(74) + '\r\n';
  const fill = CHUNK_BYTES - 2 - head.length;
  const padding = line.repeat(Math.floor(fill / line.length)) + 'y'.repeat(fill % line.length - 2) + '\r\n';
  return Buffer.concat([head, Buffer.from(padding), Buffer.from('From across the boundary\r\n' + line.repeat(80_000))]);
}

beforeAll(async () => {
  ({ app, config } = await startTestApp({ MAIL_LOGIN_KEY: MAIL_KEY, EXPORT_LINK_KEY: EXPORT_KEY, EXPORT_PORT: String(testPort(10670)) }));
  reader = startMailboxReader(app, config);
  exporter = await startExporter(config);
  await app.prisma.quotaPlan.create({ data: { name: 'Standard', storageLimitBytes: BigInt(GiB), isDefault: true } });
  const policy = await createPolicy(app.prisma, 'Forty days', [{ folderSelector: 'INBOX', maxAgeDays: 40, keepFlagged: true }]);
  meId = (await createMailboxRow(app.prisma, me, { retentionPolicyId: policy.id, displayName: 'Me' })).id;
  otherId = (await createMailboxRow(app.prisma, other, { retentionPolicyId: policy.id, displayName: 'Other' })).id;
  await app.prisma.$executeRaw`UPDATE mailboxes SET effective_limit_bytes = ${BigInt(GiB)}`;
  // Under the 40-day rule, within 30 days: 36 and 20 days old, the tricky ones (25); not the young, not the flagged.
  await seed(config, me, [
    { folder: 'INBOX', count: 2, ageDays: 36, subjectPrefix: 'soon' },
    { folder: 'INBOX', count: 3, ageDays: 20, subjectPrefix: 'later' },
    { folder: 'INBOX', count: 1, ageDays: 1, subjectPrefix: 'young' },
    { folder: 'INBOX', count: 1, ageDays: 36, flags: ['\\Flagged'], subjectPrefix: 'kept' },
    { folder: 'Projects', count: 2, ageDays: [2, 9], subjectPrefix: 'project' },
  ]);
  await withMailbox(config, me, async (client) => {
    for (const raw of trickyMessages()) await client.append('INBOX', raw, [], new Date(Date.now() - 25 * DAY));
    await client.append('Projects', largeMessage(), [], new Date(Date.now() - 3 * DAY));
  });
  await seed(config, other, [{ folder: 'INBOX', count: 3, ageDays: 36, subjectPrefix: OTHER_SECRET }]);
  cookie = await signIn();
});

async function signIn(): Promise<string> {
  const res = await app.inject({
    method: 'POST', url: '/me/login', payload: new URLSearchParams({ email: me, password: TEST_MAIL_PASSWORD }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(res.statusCode, res.body).toBe(303);
  return `mw_me=${res.cookies.find((c) => c.name === 'mw_me')!.value}`;
}
afterAll(async () => {
  await exporter?.close();
  await reader?.close();
  await app?.close();
});

const expiringWithin30 = async () => (await imapMessages(me, 'INBOX')).filter((m) => /^(soon|later|Tricky)/.test(m.subject));

describe('GET /me/export/download (signed in)', () => {
  it('streams what expires within 30 days as mboxrd: Python\'s mailbox reads every message intact', async () => {
    const res = await get('/me/export/download?days=30&format=mbox');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/mbox');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="user45_example.test-expiring-by-\d{4}-\d{2}-\d{2}\.mbox"$/);
    const expected = await expiringWithin30();
    expect(expected).toHaveLength(7);
    const got = readMbox(saved(res.rawPayload, 'mbox'));
    expectSameMail(got, expected);
    // Separators carry the received date, oldest first (what a resumed download starts from).
    expect(got.map((m) => (m as { from_?: string }).from_)).toEqual([...got.map((m) => (m as { from_?: string }).from_)].sort((a, b) => Date.parse(a!.slice(13)) - Date.parse(b!.slice(13))));
    // The quoting is mboxrd's: every "From " line inside a message is quoted, nothing else changed.
    const text = res.rawPayload.toString('latin1');
    expect(text).toContain('\r\n>From the start\r\n>>From once\r\n>>>From twice\r\nFrom\r\n>From \r\n');
    expect(text.match(/^From /gm)).toHaveLength(7);
  });

  it('streams a whole folder as a zip of .eml files, each the bytes IMAP serves (a 5 MB message fetched in pieces)', async () => {
    const res = await get('/me/export/download?folder=Projects&format=zip');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const expected = await imapMessages(me, 'Projects');
    expect(expected.some((m) => m.size > 4 * 1024 * 1024)).toBe(true);
    const got = readZip(saved(res.rawPayload, 'zip'));
    expectSameMail(got, expected, 'zip');
    for (const m of got) expect(m.name).toMatch(/^Projects\/\d{4}-\d{2}-\d{2}T[\d-]+Z-\d+\.eml$/);
    // And as mbox, the large message's "From " line across the fetch boundary is quoted and undone exactly.
    const mbox = await get('/me/export/download?folder=Projects');
    expectSameMail(readMbox(saved(mbox.rawPayload, 'mbox')), expected);
    expect(mbox.rawPayload.toString('latin1')).toContain('\r\n>From across the boundary\r\n');
  });

  it('restarts by received date: to=X and from=X split the export into two parts that make the whole', async () => {
    const split = new Date(Date.now() - 22 * DAY).toISOString();
    const before = readMbox(saved((await get(`/me/export/download?days=30&to=${split}`)).rawPayload, 'mbox'));
    const after = readMbox(saved((await get(`/me/export/download?days=30&from=${split}`)).rawPayload, 'mbox'));
    const expected = await expiringWithin30();
    expect(before.length).toBe(4); // 2 × 36 days and 2 tricky (25 days)
    expect(after.length).toBe(3); // 3 × 20 days
    expectSameMail([...before, ...after], expected);
    const bad = await get('/me/export/download?days=30&from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('from must be a date');
  });

  it('records who took what, without content: started and finished, count, bytes, folders, range', async () => {
    const before = new Date();
    const res = await get('/me/export/download?days=30&format=zip&from=2000-01-01');
    expect(res.statusCode).toBe(200);
    const expected = await expiringWithin30();
    let events: Awaited<ReturnType<typeof app.prisma.auditEvent.findMany>> = [];
    for (let i = 0; i < 100 && events.length < 2; i++) {
      events = await app.prisma.auditEvent.findMany({ where: { entityType: 'mailbox', entityId: String(meId), action: { startsWith: 'self_service.export' }, at: { gte: before } }, orderBy: { id: 'asc' } });
      if (events.length < 2) await new Promise((r) => setTimeout(r, 50));
    }
    expect(events.map((e) => e.action)).toEqual(['self_service.export_started', 'self_service.export']);
    const bytes = expected.reduce((n, m) => n + m.size, 0);
    expect(events[1].after).toMatchObject({
      address: me, via: 'session', format: 'zip', from: '2000-01-01T00:00:00.000Z', to: null, folders: ['INBOX'],
      count: expected.length, bytes, missing: 0, complete: true,
    });
    expect(events[0].after).toMatchObject({ count: expected.length, bytes });
    const all = JSON.stringify(await app.prisma.auditEvent.findMany({ where: { action: { startsWith: 'self_service.export' } } }), (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    for (const secret of [BODY_MARKER, 'Tricky quoting', 'soon INBOX', '<tricky-1@example.test>']) expect(all).not.toContain(secret);
  });

  it('asks a signed-out browser, or one with a session that is not a /me session, to sign in first', async () => {
    // No cookie, a made-up token, and this user's own token under the staff cookie's name.
    for (const headers of [{}, { cookie: 'mw_me=not-a-session' }, { cookie: `mw_session=${cookie.slice('mw_me='.length)}` }] as Record<string, string>[]) {
      const res = await download('/me/export/download?days=30', headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(303);
      expect(res.headers.location).toBe('/me/login');
    }
  });

  it('the API does not serve the downloads: when the front sends one there, a page says so and no mail goes out', async () => {
    const res = await app.inject({ method: 'GET', url: '/me/export/download?days=30', headers: { cookie } });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).not.toContain('From MAILER-DAEMON');
  });
});

describe('no parameter reaches another mailbox', () => {
  const noOtherMail = (body: string) => {
    expect(body).not.toContain(OTHER_SECRET);
    expect(body).not.toContain(other);
  };

  it('refuses mailbox, address and unknown parameters, naming them', async () => {
    for (const extra of [`mailboxId=${otherId}`, `mailbox=${otherId}`, `address=${encodeURIComponent(other)}`, `login=${encodeURIComponent(other)}`]) {
      const res = await get(`/me/export/download?days=30&${extra}`);
      expect(res.statusCode, extra).toBe(400);
      expect(res.body).toContain(extra.split('=')[0]);
      noOtherMail(res.body);
    }
  });

  it('finds no folder outside the signed-in mailbox', async () => {
    for (const folder of [`${other}/INBOX`, `../${other}/INBOX`, `~${other}/INBOX`, 'shared/INBOX', '*', 'INBOX/../../INBOX', '']) {
      const res = await get(`/me/export/download?folder=${encodeURIComponent(folder)}`);
      expect([400, 404], folder).toContain(res.statusCode);
      noOtherMail(res.body);
    }
  });

  it('takes the mailbox from the session only: headers naming another mailbox change nothing', async () => {
    const naming = { 'x-mailwarden-export-grant': String(otherId), 'x-mailbox-id': String(otherId), 'x-forwarded-user': other, authorization: `Basic ${Buffer.from(`${other}:x`).toString('base64')}` };
    const signedIn = await get('/me/export/download?days=30', naming);
    expect(signedIn.statusCode).toBe(200);
    noOtherMail(signedIn.rawPayload.toString('latin1'));
    expect(readMbox(saved(signedIn.rawPayload, 'mbox'))).toHaveLength(7);
    const signedOut = await download('/me/export/download?days=30', naming);
    expect(signedOut.statusCode).toBe(303);
  });

  it('refuses a session that has ended: signed out, idle too long, or its mailbox disabled', async () => {
    const token = cookie.slice('mw_me='.length);
    const row = await app.prisma.selfServiceSession.findUniqueOrThrow({ where: { id: sessionIdOf(token) } });
    await app.prisma.selfServiceSession.update({ where: { id: row.id }, data: { lastSeenAt: new Date(Date.now() - (config.SESSION_IDLE_MINUTES + 1) * 60_000) } });
    expect((await download('/me/export/download?days=30', { cookie: `mw_me=${token}` })).statusCode).toBe(303);
    expect(await app.prisma.selfServiceSession.count({ where: { id: row.id } })).toBe(0); // an idle session is ended
    cookie = await signIn();
    await app.prisma.mailbox.update({ where: { id: meId }, data: { status: 'disabled' } });
    try {
      expect((await get('/me/export/download?days=30')).statusCode).toBe(303);
    } finally {
      await app.prisma.mailbox.update({ where: { id: meId }, data: { status: 'active' } });
    }
    expect((await get('/me/export/download?days=30')).statusCode).toBe(200);
  });

  it('refuses a link of another mailbox used with a session (one way in per request)', async () => {
    const res = await get(`/me/export/download?days=30&t=${tokens.signLink(otherId, other, new Date(Date.now() + 7 * DAY))}`);
    expect(res.statusCode).toBe(400);
    noOtherMail(res.body);
  });

  it('answers nothing on other paths (only the two download routes and /health)', async () => {
    for (const url of ['/download?days=30', '/me', '/me/export/link?t=x', '/api/mailboxes']) expect((await get(url)).statusCode, url).toBe(404);
  });
});

describe('a pre-expiry notice\'s link', () => {
  const until = () => new Date(Date.now() + 30 * DAY);

  it('lands on a page offering the download, and downloads what expires by its date without signing in', async () => {
    const t = tokens.signLink(meId, me, until());
    const page = await app.inject({ method: 'GET', url: `/me/export/link?t=${t}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(me);
    const href = /href="(\/me\/export\/link\/download\?[^"]+format=mbox)"/.exec(page.body)![1].replace(/&amp;/g, '&');
    const res = await download(href);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expectSameMail(readMbox(saved(res.rawPayload, 'mbox')), await expiringWithin30());
    const zip = await download(`/me/export/link/download?t=${t}&format=zip`);
    // The link alone decides: a session of the same browser is not looked at.
    expect((await download(`/me/export/link/download?t=${t}`, { cookie: 'mw_me=not-a-session' })).statusCode).toBe(200);
    expectSameMail(readZip(saved(zip.rawPayload, 'zip')), await expiringWithin30(), 'zip');
  });

  it('refuses a tampered link with a clear page and no mail, on the landing page and the download', async () => {
    const good = tokens.signLink(meId, me, until());
    const [body, mac] = good.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    const otherBody = Buffer.from(JSON.stringify({ ...claims, m: otherId, a: other })).toString('base64url');
    const longer = Buffer.from(JSON.stringify({ ...claims, u: claims.u + 365 * DAY })).toString('base64url');
    const tampered = [
      `${body}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BB' : 'AA'}`, // signature changed
      `${otherBody}.${mac}`, // another mailbox, same signature
      `${longer}.${mac}`, // a later date, same signature
      good.slice(0, -10), // cut
      createExportTokens('another-key-that-is-long-enough-0123456789').signLink(otherId, other, until()), // signed elsewhere
      tokens.signLink(meId, other, until()), // this key, but an address that is not this mailbox's
    ];
    for (const t of tampered) {
      for (const url of [`/me/export/link?t=${encodeURIComponent(t)}`, `/me/export/link/download?t=${encodeURIComponent(t)}&format=mbox`]) {
        const res = url.startsWith('/me/export/link?') ? await app.inject({ method: 'GET', url }) : await download(url);
        expect(res.statusCode, url).toBe(403);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        expect(res.body).toContain('not valid');
        expect(res.body).not.toContain('From MAILER-DAEMON');
        expect(res.body).not.toContain(OTHER_SECRET);
      }
    }
  });

  it('refuses an expired link with a clear page', async () => {
    const t = tokens.signLink(meId, me, new Date(Date.now() - 1_000));
    for (const url of [`/me/export/link?t=${t}`, `/me/export/link/download?t=${t}`]) {
      const res = url.startsWith('/me/export/link?') ? await app.inject({ method: 'GET', url }) : await download(url);
      expect(res.statusCode).toBe(410);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('has expired');
    }
  });

  it('is single-purpose: no folder, no other window, no other parameter', async () => {
    const t = tokens.signLink(meId, me, until());
    for (const extra of ['folder=Projects', 'days=30', `mailboxId=${otherId}`]) {
      const res = await download(`/me/export/link/download?t=${t}&${extra}`);
      expect(res.statusCode, extra).toBe(400);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain(extra.split('=')[0]);
    }
  });
});
