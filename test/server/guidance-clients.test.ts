// Real PostgreSQL and Redis (rate-limit counters) behind the real app (app.inject): Thunderbird autoconfig, Outlook
// autodiscover and the Apple profile as clients fetch them, parsed back with fast-xml-parser and plist. Nothing stubbed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parsePlist } from 'plist';
import { as, createStaff, login, startTestApp, type Session } from '../harness/app.ts';
import { DEFAULT_SETTINGS } from '../../server/core/services/guidance-defaults.ts';
import type { MailSettingsData } from '../../server/core/domain/guidance/types.ts';

let app: FastifyInstance;
let ops: Session;
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (name) => ['incomingServer', 'Protocol'].includes(name) });

beforeAll(async () => {
  ({ app } = await startTestApp());
  await createStaff(app, 'ops');
  ops = await login(app, 'ops@example.test');
  // INBOX mail expires after 30 days: POP clients must be told to keep at most 29.
  await app.prisma.retentionPolicy.create({ data: { name: 'Standard', isDefault: true, rules: { create: [{ position: 1, folderSelector: 'INBOX', maxAgeDays: 30 }] } } });
});
afterAll(() => app.close());

async function putSettings(over: Partial<MailSettingsData>) {
  const res = await as(app, ops, { method: 'PUT', url: '/api/settings/mail', payload: { ...DEFAULT_SETTINGS, ...over } });
  expect(res.statusCode).toBe(200);
}

async function autoconfig(url = '/mail/config-v1.1.xml?emailaddress=alice%40example.org') {
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
  expect(XMLValidator.validate(res.body)).toBe(true);
  return xml.parse(res.body).clientConfig.emailProvider;
}

describe('Thunderbird autoconfig', () => {
  it('serves the configured servers at both well-known paths, with POP days below the INBOX retention age', async () => {
    for (const url of ['/mail/config-v1.1.xml?emailaddress=alice%40example.org', '/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=alice%40example.org', '/mail/config-v1.1.xml']) {
      const provider = await autoconfig(url);
      expect(provider['@id']).toBe('example.org');
      expect(provider.incomingServer.map((s: { '@type': string; port: string; socketType: string }) => [s['@type'], s.port, s.socketType]))
        .toEqual([['imap', '993', 'SSL'], ['pop3', '995', 'SSL']]);
      expect(provider.incomingServer[1].pop3).toEqual({ leaveMessagesOnServer: 'true', daysToLeaveMessagesOnServer: '14' });
    }
    await putSettings({ popLeaveOnServerDays: 60 });
    expect((await autoconfig()).incomingServer[1].pop3.daysToLeaveMessagesOnServer).toBe('29');
  });

  it('follows the settings: IMAP only, STARTTLS, local-part user names', async () => {
    await putSettings({ pop3Tls: 'off', imapHost: 'imap.example.org', imapPort: 143, imapTls: 'starttls', smtpPort: 587, smtpTls: 'starttls', usernameFormat: 'localpart' });
    const provider = await autoconfig();
    expect(provider.incomingServer).toEqual([expect.objectContaining({ '@type': 'imap', hostname: 'imap.example.org', port: '143', socketType: 'STARTTLS', username: '%EMAILLOCALPART%' })]);
    expect(provider.outgoingServer).toMatchObject({ port: '587', socketType: 'STARTTLS' });
    await putSettings({});
  });

  it('refuses a malformed emailaddress, naming the parameter', async () => {
    const res = await app.inject({ method: 'GET', url: '/mail/config-v1.1.xml?emailaddress=%3Cx%3E' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('querystring.emailaddress must be an email address');
  });
});

const REQUEST = (email: string) => `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">
  <Request>
    <EMailAddress>${email}</EMailAddress>
    <AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema>
  </Request>
</Autodiscover>`;
const autodiscover = (payload: string, url = '/autodiscover/autodiscover.xml', contentType = 'text/xml') =>
  app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType } });

describe('Outlook autodiscover', () => {
  it('answers a real 2006 request at both casings with IMAP, POP3 and SMTP', async () => {
    for (const url of ['/autodiscover/autodiscover.xml', '/Autodiscover/Autodiscover.xml']) {
      const res = await autodiscover(REQUEST('alice@example.org'), url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
      const account = xml.parse(res.body).Autodiscover.Response.Account;
      expect(account.Protocol.map((p: { Type: string; Server: string; Port: string; LoginName: string }) => [p.Type, p.Server, p.Port, p.LoginName])).toEqual([
        ['IMAP', 'mail.example.org', '993', 'alice@example.org'],
        ['POP3', 'mail.example.org', '995', 'alice@example.org'],
        ['SMTP', 'mail.example.org', '465', 'alice@example.org'],
      ]);
    }
  });

  it('gives an unknown user the same answer as a real one (no enumeration)', async () => {
    await app.prisma.mailbox.create({ data: { address: 'alice@example.org', imapLogin: 'alice@example.org' } });
    const known = await autodiscover(REQUEST('alice@example.org'));
    const unknown = await autodiscover(REQUEST('nobody@example.org'));
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body.replaceAll('nobody@', 'X@')).toBe(known.body.replaceAll('alice@', 'X@'));
  });

  it.each([
    ['malformed XML', '<Autodiscover><Request><EMailAddress>a@example.org'],
    ['a DOCTYPE with an external entity (XXE)', '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><Autodiscover><Request><EMailAddress>&x;</EMailAddress></Request></Autodiscover>'],
    ['nested entities (billion laughs)', '<!DOCTYPE l [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><Autodiscover><Request><EMailAddress>&b;@example.org</EMailAddress></Request></Autodiscover>'],
    ['JSON', '{"EMailAddress":"a@example.org"}'],
  ])('answers %s with the documented error 600', async (_name, body) => {
    const res = await autodiscover(body, '/autodiscover/autodiscover.xml', body.startsWith('{') ? 'application/json' : 'text/xml');
    expect(res.statusCode).toBe(400);
    const error = xml.parse(res.body).Autodiscover.Response.Error;
    expect(error).toMatchObject({ ErrorCode: '600', Message: 'Invalid Request' });
  });

  it('limits the request body', async () => {
    const res = await autodiscover(REQUEST(`a@example.org${' '.repeat(9000)}`));
    expect(res.statusCode).toBe(413);
  });
});

describe('Apple configuration profile', () => {
  it('is an application/x-apple-aspen-config plist with the mail payload, stable per address and without a password', async () => {
    const get = () => app.inject({ method: 'GET', url: '/mobileconfig?email=alice%40example.org' });
    const res = await get();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-apple-aspen-config');
    expect(res.headers['content-disposition']).toBe('attachment; filename="example.org-mail.mobileconfig"');
    const profile = parsePlist(res.body) as Record<string, any>;
    expect(profile.PayloadContent[0]).toMatchObject({
      PayloadType: 'com.apple.mail.managed', EmailAccountType: 'EmailTypeIMAP', EmailAddress: 'alice@example.org',
      IncomingMailServerHostName: 'mail.example.org', IncomingMailServerPortNumber: 993, IncomingMailServerUseSSL: true, IncomingMailServerUsername: 'alice@example.org',
      OutgoingMailServerHostName: 'mail.example.org', OutgoingMailServerPortNumber: 465,
    });
    expect(res.body).not.toMatch(/<key>(Incoming|Outgoing)Password<\/key>/);
    const again = parsePlist((await get()).body) as Record<string, any>;
    expect([again.PayloadUUID, again.PayloadIdentifier]).toEqual([profile.PayloadUUID, profile.PayloadIdentifier]);
  });

  it('configures POP when IMAP is switched off', async () => {
    await putSettings({ imapTls: 'off' });
    const profile = parsePlist((await app.inject({ method: 'GET', url: '/mobileconfig?email=bob%40example.org' })).body) as Record<string, any>;
    expect(profile.PayloadContent[0]).toMatchObject({ EmailAccountType: 'EmailTypePOP', IncomingMailServerPortNumber: 995 });
    await putSettings({});
  });

  it.each([
    ['', 'querystring.email is required'],
    ['?email=', 'querystring.email is required'],
    ['?email=not-an-address', 'querystring.email must be an email address'],
    ['?email=alice%40gmail.com', 'querystring.email must be an address in example.org'],
  ])('refuses %s naming the parameter', async (query, message) => {
    const res = await app.inject({ method: 'GET', url: `/mobileconfig${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe(message);
  });
});

describe('rate limit', () => {
  it('answers 429 after 60 requests a minute from one IP, and keeps serving other IPs', async () => {
    const from = (remoteAddress: string) => app.inject({ method: 'GET', url: '/help', remoteAddress });
    const codes: number[] = [];
    for (let i = 0; i < 61; i++) codes.push((await from('203.0.113.7')).statusCode);
    expect(codes.slice(0, 60).every((c) => c === 200)).toBe(true);
    expect(codes[60]).toBe(429);
    expect((await from('203.0.113.8')).statusCode).toBe(200);
  });
});
