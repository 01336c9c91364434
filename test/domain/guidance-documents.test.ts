// Pure: the client-configuration documents (Thunderbird autoconfig, Outlook autodiscover, Apple profile, DNS), each
// parsed back with a real parser (fast-xml-parser, plist); nothing external, nothing stubbed.
import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parsePlist } from 'plist';
import { buildAutoconfigXml } from '../../server/core/domain/guidance/autoconfig.ts';
import { AutodiscoverError, buildAutodiscoverError, buildAutodiscoverResponse, parseAutodiscoverRequest } from '../../server/core/domain/guidance/autodiscover.ts';
import { buildMobileconfig, uuidV5 } from '../../server/core/domain/guidance/mobileconfig.ts';
import { buildDnsRecords } from '../../server/core/domain/guidance/dns.ts';
import { parseAddress } from '../../server/core/domain/guidance/address.ts';
import type { MailSettingsData } from '../../server/core/domain/guidance/types.ts';
import { DEFAULT_SETTINGS } from '../../server/core/services/guidance-defaults.ts';

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (name) => ['incomingServer', 'Protocol', 'domain'].includes(name) });
const settings = (over: Partial<MailSettingsData> = {}): MailSettingsData => ({ ...DEFAULT_SETTINGS, ...over });
const alice = parseAddress('Alice.Smith@Example.org')!;

function autoconfig(s: MailSettingsData, popLeaveDays = 13) {
  const doc = buildAutoconfigXml({ settings: s, domain: s.domains[0]!, popLeaveDays, helpUrl: 'https://mw.example.org/help' });
  expect(XMLValidator.validate(doc)).toBe(true);
  return xml.parse(doc).clientConfig;
}

describe('Thunderbird autoconfig', () => {
  it('describes IMAP, POP3 and SMTP over implicit TLS with the configured hosts and ports', () => {
    const cfg = autoconfig(settings({ domains: ['example.org', 'example.net'] }));
    expect(cfg['@version']).toBe('1.1');
    expect(cfg.emailProvider['@id']).toBe('example.org');
    expect(cfg.emailProvider.domain).toEqual(['example.org', 'example.net']);
    const [imap, pop] = cfg.emailProvider.incomingServer;
    expect(imap).toMatchObject({ '@type': 'imap', hostname: 'mail.example.org', port: '993', socketType: 'SSL', username: '%EMAILADDRESS%', authentication: 'password-cleartext' });
    expect(pop).toMatchObject({ '@type': 'pop3', port: '995', socketType: 'SSL' });
    expect(pop.pop3).toEqual({ leaveMessagesOnServer: 'true', daysToLeaveMessagesOnServer: '13' });
    expect(cfg.emailProvider.outgoingServer).toMatchObject({ '@type': 'smtp', hostname: 'mail.example.org', port: '465', socketType: 'SSL' });
  });

  it('leaves POP out when it is switched off (IMAP only)', () => {
    const cfg = autoconfig(settings({ pop3Tls: 'off' }));
    expect(cfg.emailProvider.incomingServer.map((s: { '@type': string }) => s['@type'])).toEqual(['imap']);
  });

  it('leaves IMAP out when it is switched off (POP only)', () => {
    const cfg = autoconfig(settings({ imapTls: 'off' }));
    expect(cfg.emailProvider.incomingServer.map((s: { '@type': string }) => s['@type'])).toEqual(['pop3']);
  });

  it('uses STARTTLS on the plain ports and local-part user names when configured', () => {
    const cfg = autoconfig(settings({ imapPort: 143, imapTls: 'starttls', pop3Port: 110, pop3Tls: 'starttls', smtpPort: 587, smtpTls: 'starttls', usernameFormat: 'localpart' }));
    for (const server of [...cfg.emailProvider.incomingServer, cfg.emailProvider.outgoingServer]) {
      expect(server.socketType).toBe('STARTTLS');
      expect(server.username).toBe('%EMAILLOCALPART%');
    }
    expect(cfg.emailProvider.incomingServer.map((s: { port: string }) => s.port)).toEqual(['143', '110']);
    expect(cfg.emailProvider.outgoingServer.port).toBe('587');
  });

  it('tells POP clients not to leave mail when retention leaves no day to spare', () => {
    expect(autoconfig(settings(), 0).emailProvider.incomingServer[1].pop3).toEqual({ leaveMessagesOnServer: 'false' });
  });

  it('escapes the organisation name (it parses back to the same text)', () => {
    const cfg = autoconfig(settings({ organisationName: 'A&B <Mail> "Co"' }));
    expect(cfg.emailProvider.displayName).toBe('A&B <Mail> "Co"');
  });
});

const REQUEST = (email: string, schema = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a') => `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">
  <Request>
    <EMailAddress>${email}</EMailAddress>
    <AcceptableResponseSchema>${schema}</AcceptableResponseSchema>
  </Request>
</Autodiscover>`;

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof AutodiscoverError ? err.code : 'other';
  }
  return null;
};

describe('Outlook autodiscover', () => {
  it('reads the address of a real 2006 request', () => {
    expect(parseAutodiscoverRequest(REQUEST('Bob@Example.org'))).toMatchObject({ address: 'bob@example.org', local: 'bob', domain: 'example.org' });
  });

  it.each([
    ['empty body', ''],
    ['not XML', 'hello'],
    ['unclosed tags', '<Autodiscover><Request><EMailAddress>a@example.org</EMailAddress>'],
    ['no address', REQUEST('')],
    ['not an address', REQUEST('not-an-address')],
    ['a DOCTYPE (XXE)', `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>${REQUEST('&x;').replace(/^<\?xml[^>]*>/, '')}`],
    ['entity expansion (billion laughs)', `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Autodiscover><Request><EMailAddress>&lol2;@example.org</EMailAddress></Request></Autodiscover>`],
    ['an undeclared entity', REQUEST('a&amp;b@example.org')],
  ])('answers 600 to %s', (_name, body) => {
    expect(code(() => parseAutodiscoverRequest(body))).toBe(600);
  });

  it('answers 601 to the ActiveSync (mobilesync) response schema', () => {
    expect(code(() => parseAutodiscoverRequest(REQUEST('a@example.org', 'http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006')))).toBe(601);
  });

  it('answers with IMAP, POP3 and SMTP protocol blocks', () => {
    const doc = buildAutodiscoverResponse(settings({ pop3Port: 110, pop3Tls: 'starttls' }), alice);
    expect(XMLValidator.validate(doc)).toBe(true);
    const response = xml.parse(doc).Autodiscover.Response;
    expect(response['@xmlns']).toBe('http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a');
    const [imap, pop, smtp] = response.Account.Protocol;
    expect(response.Account).toMatchObject({ AccountType: 'email', Action: 'settings' });
    expect(imap).toMatchObject({ Type: 'IMAP', Server: 'mail.example.org', Port: '993', LoginName: 'alice.smith@example.org', SPA: 'off', SSL: 'on', AuthRequired: 'on' });
    expect(imap.Encryption).toBeUndefined();
    expect(pop).toMatchObject({ Type: 'POP3', Port: '110', SSL: 'on', Encryption: 'TLS' });
    expect(smtp).toMatchObject({ Type: 'SMTP', Port: '465', SSL: 'on', AuthRequired: 'on' });
  });

  it('leaves out a disabled protocol and uses the local part when configured', () => {
    const response = xml.parse(buildAutodiscoverResponse(settings({ pop3Tls: 'off', usernameFormat: 'localpart' }), alice)).Autodiscover.Response;
    expect(response.Account.Protocol.map((p: { Type: string }) => p.Type)).toEqual(['IMAP', 'SMTP']);
    expect(response.Account.Protocol[0].LoginName).toBe('alice.smith');
  });

  it('writes the documented error document', () => {
    const doc = buildAutodiscoverError(new AutodiscoverError(600, 'Invalid Request'), new Date('2026-01-02T16:42:44.495Z'), 1054583254);
    const error = xml.parse(doc).Autodiscover.Response.Error;
    expect(error).toMatchObject({ '@Time': '16:42:44.495', '@Id': '1054583254', ErrorCode: '600', Message: 'Invalid Request' });
  });
});

describe('Apple configuration profile', () => {
  const profile = (s: MailSettingsData, addr = alice) => parsePlist(buildMobileconfig(s, addr)) as Record<string, any>;

  it('is a Configuration profile with one com.apple.mail.managed payload and no password', () => {
    const doc = buildMobileconfig(settings(), alice);
    const p = parsePlist(doc) as Record<string, any>;
    expect(p).toMatchObject({ PayloadType: 'Configuration', PayloadVersion: 1, PayloadOrganization: 'Example.org' });
    expect(p.PayloadContent).toHaveLength(1);
    expect(p.PayloadContent[0]).toMatchObject({
      PayloadType: 'com.apple.mail.managed',
      EmailAccountType: 'EmailTypeIMAP',
      EmailAddress: 'alice.smith@example.org',
      IncomingMailServerHostName: 'mail.example.org',
      IncomingMailServerPortNumber: 993,
      IncomingMailServerUseSSL: true,
      IncomingMailServerUsername: 'alice.smith@example.org',
      OutgoingMailServerHostName: 'mail.example.org',
      OutgoingMailServerPortNumber: 465,
      OutgoingMailServerUseSSL: true,
      OutgoingPasswordSameAsIncomingPassword: true,
    });
    expect(doc).not.toMatch(/Password<\/key>\s*<string>/);
    // The keys that would carry a password (Apple's IncomingPassword/OutgoingPassword) are never written.
    expect(p.PayloadContent[0]).not.toHaveProperty('IncomingPassword');
    expect(p.PayloadContent[0]).not.toHaveProperty('OutgoingPassword');
  });

  it('configures POP when IMAP is off', () => {
    expect(profile(settings({ imapTls: 'off' })).PayloadContent[0]).toMatchObject({ EmailAccountType: 'EmailTypePOP', IncomingMailServerPortNumber: 995 });
  });

  it('keeps identifiers stable per address and distinct between addresses', () => {
    const a = profile(settings());
    const again = profile(settings({ organisationName: 'Renamed' }));
    const bob = profile(settings(), parseAddress('bob@example.org')!);
    expect(again.PayloadUUID).toBe(a.PayloadUUID);
    expect(again.PayloadIdentifier).toBe(a.PayloadIdentifier);
    expect(again.PayloadContent[0].PayloadUUID).toBe(a.PayloadContent[0].PayloadUUID);
    expect(bob.PayloadUUID).not.toBe(a.PayloadUUID);
    expect(a.PayloadUUID).not.toBe(a.PayloadContent[0].PayloadUUID);
    expect(a.PayloadIdentifier).toMatch(/^org\.example\.mailwarden\.mail\./);
    expect(a.PayloadUUID).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
  });

  it('computes RFC 4122 version 5 UUIDs (the RFC\'s DNS-namespace example)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ED6657D-E927-568B-95E1-2665A8AEA6A2');
  });
});

describe('DNS records', () => {
  it('points live SRV names at the servers and the others at "."', () => {
    const { records, zone } = buildDnsRecords(settings({ pop3Tls: 'off', smtpPort: 587, smtpTls: 'starttls' }), 'https://mw.example.org');
    const value = (name: string) => records.find((r) => r.name === name)?.value;
    expect(value('_imaps._tcp.example.org.')).toBe('0 1 993 mail.example.org.');
    expect(value('_imap._tcp.example.org.')).toBe('0 0 0 .');
    expect(value('_pop3s._tcp.example.org.')).toBe('0 0 0 .');
    expect(value('_pop3._tcp.example.org.')).toBe('0 0 0 .');
    expect(value('_submissions._tcp.example.org.')).toBe('0 0 0 .');
    expect(value('_submission._tcp.example.org.')).toBe('0 1 587 mail.example.org.');
    expect(records.find((r) => r.name === 'autoconfig.example.org.')).toMatchObject({ type: 'CNAME', value: 'mw.example.org.' });
    expect(records.find((r) => r.name === 'autodiscover.example.org.')).toMatchObject({ type: 'CNAME', value: 'mw.example.org.' });
    expect(zone).toMatch(/^_imaps\._tcp\.example\.org\.\s+3600 IN SRV\s+0 1 993 mail\.example\.org\.$/m);
    expect(zone).toMatch(/^autoconfig\.example\.org\.\s+3600 IN CNAME mw\.example\.org\.$/m);
  });

  it('lists every domain and warns when the public URL is an IP address', () => {
    const plan = buildDnsRecords(settings({ domains: ['example.org', 'sub.example.org'] }), 'http://127.0.0.1:3000');
    expect(plan.records.filter((r) => r.name.startsWith('_imaps._tcp.')).map((r) => r.name)).toEqual(['_imaps._tcp.example.org.', '_imaps._tcp.sub.example.org.']);
    expect(plan.records.find((r) => r.name === 'autoconfig.example.org.')).toMatchObject({ type: 'A', value: '127.0.0.1' });
    expect(plan.notes.join(' ')).toMatch(/not a public DNS name/);
  });
});
