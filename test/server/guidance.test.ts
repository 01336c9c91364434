// Real PostgreSQL and Redis behind the real app (app.inject): settings and article APIs, the preview, DNS records,
// and the public /help page with live quota and retention read from rows inserted here. Nothing stubbed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { as, createStaff, login, startTestApp, type Session } from '../harness/app.ts';
import { DEFAULT_SETTINGS } from '../../server/core/services/guidance-defaults.ts';
import { DEFAULT_ARTICLES } from '../../server/core/services/guidance-default-articles.ts';
import type { MailSettingsData } from '../../server/core/domain/guidance/types.ts';

const GiB = 2 ** 30;
let app: FastifyInstance;
let ops: Session;
let helpdesk: Session;

beforeAll(async () => {
  ({ app } = await startTestApp());
  await createStaff(app, 'ops');
  await createStaff(app, 'helpdesk');
  ops = await login(app, 'ops@example.test');
  helpdesk = await login(app, 'helpdesk@example.test');
});
afterAll(() => app.close());

const putSettings = (over: Partial<MailSettingsData>, s: Session = ops) =>
  as(app, s, { method: 'PUT', url: '/api/settings/mail', payload: { ...DEFAULT_SETTINGS, ...over } });
const help = (query = '') => app.inject({ method: 'GET', url: `/help${query}` });
/** The "POP or IMAP?" sentence with the live numbers. */
const numbers = async (query = '') => /<p class="numbers">([^<]*)<\/p>/.exec((await help(query)).body)?.[1];

describe('GET/PUT /api/settings/mail', () => {
  it('starts with the demo defaults, readable by every staff role', async () => {
    const res = await as(app, helpdesk, { method: 'GET', url: '/api/settings/mail' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: 'mail', ...DEFAULT_SETTINGS });
  });

  it('is changed by ops (audited), not by helpdesk', async () => {
    expect((await putSettings({ organisationName: 'Nope' }, helpdesk)).statusCode).toBe(403);
    const res = await putSettings({ organisationName: 'Example University', imapHost: 'IMAP.Example.org' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ organisationName: 'Example University', imapHost: 'imap.example.org' });
    const event = await app.prisma.auditEvent.findFirst({ where: { action: 'settings.mail.update' } });
    expect(event).toMatchObject({ actorEmail: 'ops@example.test', entityType: 'mail-settings', entityId: 'mail' });
    expect(event?.before).toMatchObject({ organisationName: 'Example.org' });
  });

  it.each([
    [{ imapPort: 0 }, /^body\.imapPort must be >= 1/],
    [{ smtpPort: 65536 }, /^body\.smtpPort must be <= 65535/],
    [{ pop3Port: '995' }, /^body\.pop3Port must be integer/],
    [{ smtpHost: 'smtp_example.org' }, /^body\.smtpHost "smtp_example.org" is not a valid hostname/],
    [{ domains: ['example.org', 'not a domain'] }, /^body\.domains\.1 /],
    [{ domains: [] }, /^body\.domains must NOT have fewer than 1 items/],
    [{ imapTls: 'tls' }, /^body\.imapTls must be one of: implicit, starttls, off/],
    [{ imapTls: 'off', pop3Tls: 'off' }, /^body\.imapTls IMAP and POP3 cannot both be off/],
    [{ webmailUrl: 'javascript:alert(1)' }, /^body\.webmailUrl must be an http\(s\) URL/],
  ])('rejects %j with a 400 naming the field', async (over, message) => {
    const res = await putSettings(over as Partial<MailSettingsData>);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(message);
  });
});

describe('guidance articles', () => {
  it('lists the starter articles (simple-rest)', async () => {
    const res = await as(app, helpdesk, { method: 'GET', url: '/api/guidance-articles?range=[0,99]' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-range']).toBe(`guidance-articles 0-${DEFAULT_ARTICLES.length - 1}/${DEFAULT_ARTICLES.length}`);
    expect(res.json().map((a: { slug: string }) => a.slug)).toEqual(DEFAULT_ARTICLES.map((a) => a.slug));
  });

  it('are written by ops only, with validated fields and unique slugs', async () => {
    const body = { slug: 'vpn-note', protocol: 'any', client: 'generic', title: 'VPN', markdown: 'Off campus? Use the VPN.' };
    expect((await as(app, helpdesk, { method: 'POST', url: '/api/guidance-articles', payload: body })).statusCode).toBe(403);
    const bad = await as(app, ops, { method: 'POST', url: '/api/guidance-articles', payload: { ...body, slug: 'Not A Slug' } });
    expect(bad.json().message).toMatch(/^body\.slug must match pattern/);
    const created = await as(app, ops, { method: 'POST', url: '/api/guidance-articles', payload: body });
    expect(created.statusCode).toBe(201);
    expect((await as(app, ops, { method: 'POST', url: '/api/guidance-articles', payload: body })).statusCode).toBe(409);
    const id = created.json().id;
    const updated = await as(app, ops, { method: 'PUT', url: `/api/guidance-articles/${id}`, payload: { ...(created.json() as object), title: 'VPN access' } });
    expect(updated.json().title).toBe('VPN access');
    expect((await as(app, ops, { method: 'DELETE', url: `/api/guidance-articles/${id}` })).statusCode).toBe(200);
    expect((await as(app, ops, { method: 'GET', url: `/api/guidance-articles/${id}` })).statusCode).toBe(404);
  });

  it('cannot inject script into the public help page', async () => {
    const markdown = 'Hello <script>alert("xss")</script>\n\n<img src=x onerror="alert(1)">\n\n[click me](javascript:alert(1)) <a href="javascript:alert(2)" onclick="x()">two</a>';
    const created = await as(app, ops, { method: 'POST', url: '/api/guidance-articles', payload: { slug: 'evil', protocol: 'any', client: 'generic', title: 'Evil <b>title</b>', markdown } });
    expect(created.statusCode).toBe(201);
    const page = (await help()).body;
    expect(page).toContain('Evil &lt;b&gt;title&lt;/b&gt;');
    expect(page).toContain('click me');
    expect(page).not.toMatch(/<script|onerror|onclick|javascript:/i);
    await as(app, ops, { method: 'DELETE', url: `/api/guidance-articles/${created.json().id}` });
  });
});

describe('POST /api/guidance/preview', () => {
  it('renders sanitized HTML with live values for the editor', async () => {
    const res = await as(app, helpdesk, { method: 'POST', url: '/api/guidance/preview', payload: { markdown: 'Server **{{imap.host}}:{{imap.port}}** <script>x()</script>', email: 'carol@example.org' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().html).toBe('<p>Server <strong>imap.example.org:993</strong> </p>\n');
    expect(res.json().values).toMatchObject({ username: 'carol@example.org', 'imap.host': 'imap.example.org' });
    const bad = await as(app, helpdesk, { method: 'POST', url: '/api/guidance/preview', payload: { markdown: 'x', email: 'nope' } });
    expect(bad.json().message).toBe('body.email must be an email address');
  });
});

describe('GET /api/settings/dns', () => {
  it('gives SRV records with "." for what is switched off, and the autoconfig/autodiscover names', async () => {
    await putSettings({ pop3Tls: 'off', smtpPort: 587, smtpTls: 'starttls' });
    const res = await as(app, helpdesk, { method: 'GET', url: '/api/settings/dns' });
    expect(res.statusCode).toBe(200);
    const { zone, records } = res.json();
    expect(zone).toMatch(/^_imaps\._tcp\.example\.org\.\s+3600 IN SRV\s+0 1 993 mail\.example\.org\.$/m);
    expect(zone).toMatch(/^_pop3s\._tcp\.example\.org\.\s+3600 IN SRV\s+0 0 0 \.$/m);
    expect(zone).toMatch(/^_submission\._tcp\.example\.org\.\s+3600 IN SRV\s+0 1 587 mail\.example\.org\.$/m);
    expect(records.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['autoconfig.example.org.', 'autodiscover.example.org.']));
    await putSettings({});
  });
});

describe('GET /help', () => {
  let student: { id: number };
  let policy: { id: number; rules: { id: number }[] };

  it('is a self-contained, script-free, phone-ready page under the CSP', async () => {
    const res = await help();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.body).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(res.body).not.toMatch(/<script|\sstyle=|https?:\/\/(?!mail\.example\.org)[^"\s]*\.(css|js)/i);
    const css = await app.inject({ method: 'GET', url: '/help/help.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toMatch(/@media/);
  });

  it('shows the default plan\'s quota and says when INBOX is not expired', async () => {
    student = await app.prisma.quotaPlan.create({ data: { name: 'Student', storageLimitBytes: BigInt(2 * GiB), isDefault: true } });
    expect(await numbers()).toBe('On the standard plan, INBOX mail is not expired automatically; the quota is 2 GiB.');
  });

  it('shows the INBOX rule of the default retention policy and follows changes to it', async () => {
    policy = await app.prisma.retentionPolicy.create({
      data: { name: 'Standard', isDefault: true, rules: { create: [{ position: 1, folderSelector: '\\Trash', maxAgeDays: 7 }, { position: 2, folderSelector: 'INBOX', maxAgeDays: 32 }] } },
      include: { rules: { orderBy: { position: 'asc' } } },
    });
    expect(await numbers()).toBe('On the standard plan, INBOX mail older than 32 days is deleted; the quota is 2 GiB.');
    await app.prisma.retentionRule.update({ where: { id: policy.rules[1]!.id }, data: { maxAgeDays: 45 } });
    expect(await numbers()).toBe('On the standard plan, INBOX mail older than 45 days is deleted; the quota is 2 GiB.');
    expect((await help()).body).toContain('Your mail program leaves a copy on the server for 14 days.');
  });

  it('caps the POP leave-on-server days below the retention age', async () => {
    await putSettings({ popLeaveOnServerDays: 90 });
    expect((await help()).body).toContain('Your mail program leaves a copy on the server for 44 days.');
    await putSettings({});
  });

  it('uses the plan\'s own policy over the default one', async () => {
    const staffPolicy = await app.prisma.retentionPolicy.create({ data: { name: 'Staff', rules: { create: [{ position: 1, folderSelector: 'inbox', maxAgeDays: 365 }] } } });
    await app.prisma.quotaPlan.update({ where: { id: student.id }, data: { retentionPolicyId: staffPolicy.id } });
    expect(await numbers()).toBe('On the standard plan, INBOX mail older than 365 days is deleted; the quota is 2 GiB.');
    await app.prisma.quotaPlan.update({ where: { id: student.id }, data: { retentionPolicyId: null } });
  });

  describe('?email=', () => {
    const mask = (body: string, address: string) => body.replaceAll(address, 'ADDRESS').replaceAll(encodeURIComponent(address), 'ADDRESS');
    beforeAll(async () => {
      await app.prisma.mailbox.create({
        data: { address: 'alice@example.org', imapLogin: 'alice@example.org', planId: student.id, effectiveLimitBytes: BigInt(2 * GiB), usedBytes: BigInt(Math.round(1.8 * GiB)), usedMessages: 900, scannedAt: new Date() },
      });
    });

    it('reveals nothing when personal lookup is off: an existing and an unknown address get the same page', async () => {
      const known = await help('?email=alice%40example.org');
      const unknown = await help('?email=nobody%40example.org');
      expect(known.statusCode).toBe(200);
      expect(known.body).not.toContain('id="personal-h"');
      expect(mask(known.body, 'alice@example.org')).toBe(mask(unknown.body, 'nobody@example.org'));
      expect(known.body).toContain('/mobileconfig?email=alice%40example.org');
      expect(known.headers['cache-control']).toBe('private, no-store');
    });

    it('shows plan, usage and a near-quota recommendation when the organisation allows lookup', async () => {
      await putSettings({ allowPersonalLookup: true });
      const page = (await help('?email=Alice%40Example.org')).body;
      expect(page).toContain('<h2 id="personal-h">Your mailbox</h2>');
      expect(page).toContain('Plan: <strong>Student</strong>');
      expect(page).toContain('You use 1.8 GiB of 2 GiB (90%).');
      expect(page).toMatch(/move older mail into a local archive folder/);
      expect(page).toMatch(/POP is an alternative/);
      // Unknown addresses still get the generic page.
      expect(mask((await help('?email=nobody%40example.org')).body, 'nobody@example.org'))
        .toBe(mask((await help('?email=ghost%40example.org')).body, 'ghost@example.org'));
      expect((await help('?email=nobody%40example.org')).body).not.toContain('id="personal-h"');
      await putSettings({});
    });

    it('never gives carol the default plan\'s quota as hers: standard figures said as such, or her own 70 MiB with lookup on (#19)', async () => {
      const small = await app.prisma.quotaPlan.create({ data: { name: 'Small', storageLimitBytes: BigInt(70 * 2 ** 20) } });
      await app.prisma.mailbox.create({ data: { address: 'carol@example.org', imapLogin: 'carol@example.org', planId: small.id, effectiveLimitBytes: BigInt(70 * 2 ** 20), usedBytes: BigInt(35 * 2 ** 20), scannedAt: new Date() } });
      const off = (await help('?email=carol%40example.org')).body;
      expect(off).not.toContain('your quota is');
      expect(await numbers('?email=carol%40example.org')).toBe('On the standard plan, INBOX mail older than 45 days is deleted; the quota is 2 GiB.');
      expect(off).toContain('can hold <strong>2 GiB on the standard plan</strong>');
      expect(off).toContain("The quota and retention below are the standard plan's; yours may differ");
      expect(off).not.toContain('70 MiB');
      await putSettings({ allowPersonalLookup: true });
      const on = (await help('?email=carol%40example.org')).body;
      expect(await numbers('?email=carol%40example.org')).toBe('INBOX mail older than 45 days is deleted; your quota is 70 MiB.');
      expect(on).toContain('You use 35 MiB of 70 MiB (50%).');
      expect(on).toContain('can hold <strong>70 MiB</strong>');
      expect(on).not.toContain('2 GiB');
      expect(on).not.toContain('id="standard-figures"');
      await putSettings({});
    });

    it('answers a malformed address with the page and a 400 naming the field', async () => {
      const res = await help('?email=%3Cscript%3E');
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('email: &quot;&lt;script&gt;&quot; is not an email address');
      expect(res.body).not.toContain('<script>');
    });
  });
});
