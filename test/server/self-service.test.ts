// Real PostgreSQL, Redis and Dovecot (its passdb checks the mail passwords, its userdb reads dovecot_users), the API via
// app.inject and the mailbox-read worker in-process on the app's queues. Nothing stubbed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../server/core/config.ts';
import { as, createStaff, login, startMailboxReader, startTestApp, type Session } from '../harness/app.ts';
import { TEST_MAIL_PASSWORD, testMailUser } from '../harness/env.ts';
import { createMailboxRow, createPolicy, seed } from '../harness/retention.ts';
import { withMailbox } from '../harness/mail.ts';
import { createLoginSeal } from '../../server/core/lib/login-seal.ts';

const KEY = 'mail-login-key-for-tests-0123456789abcdef';
const GiB = 1024 ** 3;
const DAY = 86_400_000;
let app: FastifyInstance;
let config: Config;
let reader: { close(): Promise<void> };
let helpdesk: Session;
const me = testMailUser(41);
const other = testMailUser(42);
let meId: number;
let otherId: number;

interface MeSession { cookie: string; csrf: string; token: string }

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const post = (url: string, fields: Record<string, string>, cookie?: string, remoteAddress = '10.0.0.1') => app.inject({
  method: 'POST', url, payload: form(fields), remoteAddress,
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
});

async function signIn(email: string, password = TEST_MAIL_PASSWORD): Promise<MeSession> {
  const res = await post('/me/login', { email, password });
  expect(res.statusCode, res.body).toBe(303);
  const token = res.cookies.find((c) => c.name === 'mw_me')!.value;
  const page = await app.inject({ method: 'GET', url: '/me', headers: { cookie: `mw_me=${token}` } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
  return { cookie: `mw_me=${token}`, csrf, token };
}

beforeAll(async () => {
  ({ app, config } = await startTestApp({ MAIL_LOGIN_KEY: KEY }));
  reader = startMailboxReader(app, config);
  await app.prisma.quotaPlan.create({ data: { name: 'Standard', storageLimitBytes: BigInt(GiB), isDefault: true } });
  const policy = await createPolicy(app.prisma, 'Forty days', [{ folderSelector: 'INBOX', maxAgeDays: 40, keepFlagged: true }]);
  meId = (await createMailboxRow(app.prisma, me, { retentionPolicyId: policy.id, displayName: 'Me' })).id;
  otherId = (await createMailboxRow(app.prisma, other, { displayName: 'Other' })).id;
  await app.prisma.$executeRaw`UPDATE mailboxes SET effective_limit_bytes = ${BigInt(GiB)}`;
  // Under a 40-day rule: 36 days old expires in 4 days; 20 days old in 20 days; 1 day old not within 30 days.
  await seed(config, me, [
    { folder: 'INBOX', count: 2, ageDays: 36, subjectPrefix: 'soon' },
    { folder: 'INBOX', count: 3, ageDays: 20, subjectPrefix: 'later' },
    { folder: 'INBOX', count: 1, ageDays: 1, subjectPrefix: 'young' },
  ]);
  await createStaff(app, 'helpdesk');
  helpdesk = await login(app, 'helpdesk@example.test');
});
afterAll(async () => {
  await reader.close();
  await app.close();
});

describe('POST /me/login', () => {
  it('signs in with the mail password the IMAP server accepts: a Path=/me, HttpOnly, SameSite=Strict cookie', async () => {
    const res = await post('/me/login', { email: me.toUpperCase(), password: TEST_MAIL_PASSWORD });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/me');
    const cookie = res.cookies.find((c) => c.name === 'mw_me')!;
    expect(cookie).toMatchObject({ path: '/me', httpOnly: true, sameSite: 'Strict' });
    const page = await app.inject({ method: 'GET', url: '/me', headers: { cookie: `mw_me=${cookie.value}` } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(me);
    expect(await app.prisma.selfServiceSession.count({ where: { mailboxId: meId } })).toBeGreaterThan(0);
  });

  it('answers a wrong password, an unknown address and a disabled mailbox with the same page', async () => {
    const disabled = testMailUser(43);
    await createMailboxRow(app.prisma, disabled, { status: 'disabled' });
    const bodies = [];
    for (const [email, password] of [[me, 'wrong-password'], ['nobody@example.test', TEST_MAIL_PASSWORD], [disabled, TEST_MAIL_PASSWORD]]) {
      const res = await post('/me/login', { email, password }, undefined, '10.0.0.2');
      expect(res.statusCode, `${email}: ${res.body.slice(0, 300)}`).toBe(401);
      expect(res.cookies.find((c) => c.name === 'mw_me')).toBeUndefined();
      bodies.push(res.body.replace(/value="[^"]*"/, ''));
    }
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain('Wrong email address or password.');
  });

  it('limits failed attempts per address and account: the 11th in a minute is refused without asking the server', async () => {
    for (let i = 0; i < 10; i++) expect((await post('/me/login', { email: other, password: `guess-${i}` }, undefined, '10.0.0.3')).statusCode).toBe(401);
    const res = await post('/me/login', { email: other, password: TEST_MAIL_PASSWORD }, undefined, '10.0.0.3');
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not locked out of that account by these failures (its pair budget is its own).
    expect((await post('/me/login', { email: other, password: TEST_MAIL_PASSWORD }, undefined, '10.0.0.4')).statusCode).toBe(303);
  });

  it('never puts the password into Redis in clear: the job carries a seal, and is gone once answered', async () => {
    const queue = app.queues['mailbox-read'];
    await queue.pause();
    const pending = post('/me/login', { email: me, password: TEST_MAIL_PASSWORD }, undefined, '10.0.0.5');
    let jobs: Awaited<ReturnType<typeof queue.getJobs>> = [];
    for (let i = 0; i < 100 && !jobs.length; i++) {
      jobs = await queue.getJobs(['waiting']);
      if (!jobs.length) await new Promise((r) => setTimeout(r, 20));
    }
    expect(jobs).toHaveLength(1);
    const raw = await app.redis.hgetall(`${config.QUEUE_PREFIX}:mailbox-read:${jobs[0].id}`);
    expect(JSON.stringify(raw)).not.toContain(TEST_MAIL_PASSWORD);
    expect(jobs[0].data).toMatchObject({ kind: 'verify-login', login: me });
    const captured = jobs[0].data as { sealed: string; login: string; notAfter: string };
    await queue.resume();
    expect((await pending).statusCode).toBe(303);
    expect(await app.redis.exists(`${config.QUEUE_PREFIX}:mailbox-read:${jobs[0].id}`)).toBe(0);

    // The same seal added again (a job copied from Redis) is refused; so is one sealed for another login.
    await expect(app.mailboxReads.read({ kind: 'verify-login', ...captured }, me)).rejects.toMatchObject({ statusCode: 503 });
    const notAfter = new Date(Date.now() + 30_000);
    const forMe = createLoginSeal(KEY).seal(TEST_MAIL_PASSWORD, me, notAfter);
    await expect(app.mailboxReads.read({ kind: 'verify-login', login: other, sealed: forMe, notAfter: notAfter.toISOString() }, other)).rejects.toMatchObject({ statusCode: 503 });
    const fresh = createLoginSeal(KEY).seal(TEST_MAIL_PASSWORD, me, notAfter);
    expect(await app.mailboxReads.read({ kind: 'verify-login', login: me, sealed: fresh, notAfter: notAfter.toISOString() }, me)).toEqual({ kind: 'verify-login', ok: true });
  });
});

describe('the mail user session', () => {
  it('reaches no staff route: not as mw_me, not as mw_session', async () => {
    const s = await signIn(me);
    for (const url of ['/api/auth/me', '/api/mailboxes', `/api/mailboxes/${meId}`, '/api/space-requests']) {
      expect((await app.inject({ method: 'GET', url, headers: { cookie: s.cookie } })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url, headers: { cookie: `mw_session=${s.token}` } })).statusCode).toBe(401);
    }
    // And a staff session is no /me session.
    expect((await app.inject({ method: 'GET', url: '/me', headers: { cookie: `mw_me=${helpdesk.cookie.split('=')[1]}` } })).statusCode).toBe(303);
  });

  it('cannot be pointed at another mailbox by any parameter', async () => {
    const s = await signIn(me);
    const page = await app.inject({ method: 'GET', url: `/me?mailboxId=${otherId}&address=${other}&id=${otherId}`, headers: { cookie: s.cookie } });
    expect(page.body).toContain(me);
    expect(page.body).not.toContain(other);
    const smuggled = await post('/me/space-request', { _csrf: s.csrf, gib: '1', reason: 'more', until: '2099-01-01', mailboxId: String(otherId) }, s.cookie);
    expect(smuggled.statusCode).toBe(400);
    expect(await app.prisma.spaceRequest.count({ where: { mailboxId: otherId } })).toBe(0);
  });

  it('refuses a form without its own session\'s CSRF token, and after sign-out', async () => {
    const s = await signIn(me);
    const t = await signIn(me);
    const until = new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10);
    expect((await post('/me/space-request', { gib: '1', reason: 'more', until }, s.cookie)).statusCode).toBe(400); // no _csrf field at all
    expect((await post('/me/space-request', { _csrf: t.csrf, gib: '1', reason: 'more', until }, s.cookie)).statusCode).toBe(403);
    expect((await post('/me/logout', { _csrf: s.csrf }, s.cookie)).statusCode).toBe(303);
    expect((await app.inject({ method: 'GET', url: '/me', headers: { cookie: s.cookie } })).statusCode).toBe(303);
  });
});

describe('GET /me', () => {
  it('shows usage, the rule, and what expires within 7 and 30 days per folder, from the expiry engine', async () => {
    const s = await signIn(me);
    const page = await app.inject({ method: 'GET', url: '/me', headers: { cookie: s.cookie } });
    expect(page.body).toContain('INBOX: mail is deleted 40 days after it arrived');
    const windows = page.body.split('<h3>Within ');
    expect(windows[1]).toMatch(/^7 days/);
    expect(windows[1]).toMatch(/<th scope="row">INBOX<\/th><td class="num">2<\/td>/);
    expect(windows[2]).toMatch(/^30 days/);
    expect(windows[2]).toMatch(/<th scope="row">INBOX<\/th><td class="num">5<\/td>/);
    expect(page.body).toContain('soon INBOX 1/2'); // the user's own subjects
    // The young message expires in neither window; it is among the largest messages the page lists above them.
    expect(windows.slice(1).join('')).not.toContain('young');
    expect(windows[0]).toContain('<h3>Largest messages</h3>');
    expect(windows[0]).toContain('young INBOX');
  });

  it('under a rule with notices, tells which mail goes only after its email (the engine\'s notice promise)', async () => {
    await app.prisma.retentionRule.updateMany({ where: { policy: { name: 'Forty days' } }, data: { noticeDays: 5 } });
    try {
      const s = await signIn(me);
      const page = await app.inject({ method: 'GET', url: '/me', headers: { cookie: s.cookie } });
      const week = page.body.split('<h3>Within ')[1];
      expect(week).toMatch(/<th scope="row">INBOX<\/th><td class="num">0<\/td>/);
      expect(week).toContain('INBOX: 2 more will be old enough; they go only some days after you are emailed about them.');
    } finally {
      await app.prisma.retentionRule.updateMany({ where: { policy: { name: 'Forty days' } }, data: { noticeDays: null } });
    }
  });

  it('states a legal hold without its details, and previews nothing under it', async () => {
    const hold = await app.prisma.legalHold.create({ data: { mailboxId: meId, reason: 'Case 4711 secret', setBy: 'legal@example.test' } });
    const s = await signIn(me);
    const page = await app.inject({ method: 'GET', url: '/me', headers: { cookie: s.cookie } });
    expect(page.body).toContain('under a legal hold');
    expect(page.body).not.toContain('4711');
    expect(page.body).not.toContain('legal@example.test');
    expect(page.body).not.toContain('What will expire');
    await app.prisma.legalHold.delete({ where: { id: hold.id } });
  });
});

describe('asking for more space', () => {
  it('files a request help desk approves: the limit rises in Dovecot and the user is told', async () => {
    const s = await signIn(me);
    const until = new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10);
    const filed = await post('/me/space-request', { _csrf: s.csrf, gib: '2', reason: 'Project archive', until }, s.cookie);
    expect(filed.statusCode).toBe(303);
    const list = await as(app, helpdesk, { method: 'GET', url: `/api/space-requests?filter=${encodeURIComponent(JSON.stringify({ status: 'pending' }))}` });
    expect(list.statusCode).toBe(200);
    const [request] = list.json();
    expect(request).toMatchObject({ mailboxId: meId, address: me, extraBytes: 2 * GiB, reason: 'Project archive', status: 'pending' });

    const approved = await as(app, helpdesk, { method: 'POST', url: `/api/space-requests/${request.id}/approve`, payload: {} });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: 'helpdesk@example.test' });
    expect(approved.json().increaseId).toBeGreaterThan(0);
    const quota = await withMailbox(config, me, (c) => c.getQuota('INBOX'));
    expect(quota && quota.storage?.limit).toBe(3 * GiB);
    expect(await app.prisma.notification.count({ where: { mailboxId: meId, kind: 'space_request_approved' } })).toBe(1);
    expect((await as(app, helpdesk, { method: 'POST', url: `/api/space-requests/${request.id}/refuse`, payload: { note: 'too late' } })).statusCode).toBe(409);
    const page = await app.inject({ method: 'GET', url: '/me', headers: { cookie: s.cookie } });
    expect(page.body).toContain('<strong>approved</strong>');
  });

  it('a refusal needs a note, changes no limit and tells the user', async () => {
    const s = await signIn(me);
    const until = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10);
    expect((await post('/me/space-request', { _csrf: s.csrf, gib: '50', reason: 'Everything', until }, s.cookie)).statusCode).toBe(303);
    const request = await app.prisma.spaceRequest.findFirstOrThrow({ where: { mailboxId: meId, status: 'pending' } });
    const before = (await app.prisma.mailbox.findUniqueOrThrow({ where: { id: meId } })).effectiveLimitBytes;
    expect((await as(app, helpdesk, { method: 'POST', url: `/api/space-requests/${request.id}/refuse`, payload: {} })).statusCode).toBe(400);
    const refused = await as(app, helpdesk, { method: 'POST', url: `/api/space-requests/${request.id}/refuse`, payload: { note: 'Please archive old mail' } });
    expect(refused.json()).toMatchObject({ status: 'refused', decisionNote: 'Please archive old mail', increaseId: null });
    expect((await app.prisma.mailbox.findUniqueOrThrow({ where: { id: meId } })).effectiveLimitBytes).toBe(before);
    expect(await app.prisma.notification.count({ where: { mailboxId: meId, kind: 'space_request_refused' } })).toBe(1);
  });
});
