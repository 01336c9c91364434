// Pure: article rendering and sanitizing (marked + sanitize-html), live values, advice and settings rules;
// nothing external, nothing stubbed.
import { describe, expect, it } from 'vitest';
import { renderArticle, renderMarkdown } from '../../server/core/domain/guidance/markdown.ts';
import { fillPlaceholders, inboxRetentionDays, placeholderValues, popLeaveOnServerDays, type GuidanceFacts } from '../../server/core/domain/guidance/live-values.ts';
import { generalAdvice, personalAdvice, type Offer } from '../../server/core/domain/guidance/advice.ts';
import { checkSettings, normaliseSettings } from '../../server/core/domain/guidance/settings-rules.ts';
import { parseAddress } from '../../server/core/domain/guidance/address.ts';
import type { Rule } from '../../server/core/domain/retention/rules.ts';
import type { MailSettingsData } from '../../server/core/domain/guidance/types.ts';
import { DEFAULT_SETTINGS } from '../../server/core/services/guidance-defaults.ts';

const GiB = 2 ** 30;

describe('article Markdown is sanitized', () => {
  it.each([
    ['a script tag', '<script>alert(1)</script>Hello', /<script|alert/i],
    ['an event handler', 'Hi <img src=x onerror="alert(1)"> <b onclick="steal()">b</b>', /onerror|onclick|<img/i],
    ['a javascript: Markdown link', '[click](javascript:alert(1))', /javascript:/i],
    ['a javascript: link in other case', '[click](JaVaScRiPt:alert(1))', /javascript:/i],
    ['an entity-encoded javascript: link', '<a href="&#106;avascript:alert(1)">x</a>', /href/],
    ['a data: URL', '[x](data:text/html;base64,PHNjcmlwdD4=)', /data:/],
    ['an iframe and a form', '<iframe src="https://evil.example"></iframe><form action="https://evil.example"><input></form>', /iframe|form|input/],
    ['an svg with onload', '<svg onload="alert(1)"><circle/></svg>', /svg|onload/],
    ['inline styles', '<p style="position:fixed">x</p>', /style/],
  ])('neutralises %s', (_name, markdown, forbidden) => {
    expect(renderMarkdown(markdown)).not.toMatch(forbidden);
  });

  it('keeps ordinary Markdown: headings (shifted below the page title), lists, code, safe links', () => {
    const html = renderMarkdown('# Title\n\n1. **one**\n2. `two`\n\n[help](https://help.example.org/) <mailto:help@example.org>');
    expect(html).toContain('<h2>Title</h2>');
    expect(html).toContain('<ol>');
    expect(html).toContain('<code>two</code>');
    expect(html).toContain('<a href="https://help.example.org/" rel="noopener noreferrer nofollow">help</a>');
    expect(html).toContain('href="mailto:help@example.org"');
  });

  it('sanitizes placeholder values too (a hostile help-desk contact)', () => {
    const html = renderArticle('Ask {{helpdesk}}', { helpdesk: '<script>alert(1)</script>[x](javascript:alert(1))' });
    expect(html).not.toMatch(/<script|javascript:/i);
  });
});

describe('placeholders', () => {
  it('fills known names and leaves unknown ones (and prototype names) visible', () => {
    expect(fillPlaceholders('{{ imap.host }}:{{imap.port}} {{nope}} {{constructor}}', { 'imap.host': 'mail.example.org', 'imap.port': '993' }))
      .toBe('mail.example.org:993 {{nope}} {{constructor}}');
  });

  it('fills live values, personalised by the typed address', () => {
    const facts: GuidanceFacts = { settings: DEFAULT_SETTINGS, quotaBytes: 2 * GiB, inboxRetentionDays: 32, baseUrl: 'https://mw.example.org', address: parseAddress('bob@example.org') };
    const v = placeholderValues(facts);
    expect(v).toMatchObject({
      'imap.host': 'mail.example.org', 'imap.port': '993', 'imap.security': 'SSL/TLS', 'pop3.port': '995', 'smtp.port': '465',
      quota: '2 GiB on the standard plan', inboxRetentionDays: '32', inboxRetention: 'INBOX mail older than 32 days is deleted on the standard plan',
      popLeaveOnServerDays: '14', username: 'bob@example.org', mobileconfigUrl: 'https://mw.example.org/mobileconfig?email=bob%40example.org',
    });
    expect(placeholderValues({ ...facts, inboxRetentionDays: null, address: null })).toMatchObject({ inboxRetention: 'INBOX mail is not expired automatically on the standard plan', username: 'your full email address' });
  });

  it('calls the quota and retention the reader\'s own only when they are (#19: not the default plan\'s 2 GiB for carol)', () => {
    const facts: GuidanceFacts = { settings: DEFAULT_SETTINGS, quotaBytes: 2 * GiB, inboxRetentionDays: 32, baseUrl: 'https://mw.example.org', address: parseAddress('carol@example.org') };
    expect(placeholderValues(facts)).toMatchObject({ quota: '2 GiB on the standard plan', inboxRetention: 'INBOX mail older than 32 days is deleted on the standard plan' });
    expect(placeholderValues({ ...facts, quotaBytes: 70 * 2 ** 20, figuresAreOwn: true })).toMatchObject({ quota: '70 MiB', inboxRetention: 'INBOX mail older than 32 days is deleted' });
  });
});

const rule = (position: number, folderSelector: string, maxAgeDays: number, action: Rule['action'] = 'delete'): Rule => ({
  id: position, position, folderSelector, maxAgeDays, action, ageBasis: 'received', moveTo: action === 'move' ? 'Archive' : null, keepFlagged: true, keepUnread: false, noticeDays: null,
});

describe('INBOX retention and POP leave-on-server days', () => {
  it('takes the first rule (by position) that selects INBOX, in any case or through a glob', () => {
    expect(inboxRetentionDays([rule(2, 'INBOX', 90), rule(1, '\\Trash', 7)])).toBe(90);
    expect(inboxRetentionDays([rule(1, 'inbox', 32)])).toBe(32);
    expect(inboxRetentionDays([rule(2, 'INBOX', 90), rule(1, '*', 365)])).toBe(365);
  });

  it('is null without an INBOX rule or when INBOX mail is moved, not deleted', () => {
    expect(inboxRetentionDays([])).toBeNull();
    expect(inboxRetentionDays([rule(1, 'Lists/*', 30)])).toBeNull();
    expect(inboxRetentionDays([rule(1, 'INBOX', 30, 'move')])).toBeNull();
  });

  it('caps the POP days one below the retention age', () => {
    expect(popLeaveOnServerDays(14, 32)).toBe(14);
    expect(popLeaveOnServerDays(60, 32)).toBe(31);
    expect(popLeaveOnServerDays(null, 32)).toBe(31);
    expect(popLeaveOnServerDays(14, 1)).toBe(0);
    expect(popLeaveOnServerDays(null, null)).toBe(14);
    expect(popLeaveOnServerDays(200, null)).toBe(200);
  });
});

describe('advice', () => {
  const offer: Offer = { imap: true, pop: true, inboxRetentionDays: 32, quotaBytes: 2 * GiB, popLeaveDays: 14 };

  it('states the organisation\'s real numbers first', () => {
    expect(generalAdvice({ ...offer, own: true })[0]).toBe('INBOX mail older than 32 days is deleted; your quota is 2 GiB.');
    expect(generalAdvice({ ...offer, own: true, inboxRetentionDays: null, quotaBytes: null })[0]).toBe('INBOX mail is not expired automatically; your quota is not limited.');
    // Not looked up: the default plan's figures, said as such.
    expect(generalAdvice(offer)[0]).toBe('On the standard plan, INBOX mail older than 32 days is deleted; the quota is 2 GiB.');
  });

  it('recommends archiving or POP to an IMAP user near the quota', () => {
    const advice = personalAdvice({ planName: 'Student', limitBytes: 2 * GiB, usedBytes: 1.8 * GiB, measuredAt: new Date() }, offer);
    expect(advice.level).toBe('near');
    expect(advice.percent).toBe(90);
    expect(advice.usageText).toBe('You use 1.8 GiB of 2 GiB (90%).');
    expect(advice.recommendation.join(' ')).toMatch(/archive folder.*POP/s);
    expect(personalAdvice({ planName: null, limitBytes: 2 * GiB, usedBytes: 2 * GiB, measuredAt: null }, { ...offer, pop: false }).recommendation.join(' ')).not.toMatch(/POP/);
  });

  it('says when usage has not been measured', () => {
    expect(personalAdvice({ planName: null, limitBytes: GiB, usedBytes: null, measuredAt: null }, offer)).toMatchObject({ level: 'unknown', percent: null });
  });
});

describe('settings rules', () => {
  const check = (over: Partial<MailSettingsData>) => {
    try {
      checkSettings(normaliseSettings({ ...DEFAULT_SETTINGS, ...over }));
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  };

  it('accepts the defaults and normalises case', () => {
    expect(check({})).toBeNull();
    expect(normaliseSettings({ ...DEFAULT_SETTINGS, imapHost: ' Mail.Example.ORG ', domains: ['Example.ORG'] })).toMatchObject({ imapHost: 'mail.example.org', domains: ['example.org'] });
  });

  it.each([
    [{ imapHost: 'mail..example.org' }, /^body\.imapHost /],
    [{ smtpHost: '-bad.example.org' }, /^body\.smtpHost /],
    [{ pop3Host: 'mail example.org' }, /^body\.pop3Host /],
    [{ domains: ['example.org', 'localhost'] }, /^body\.domains\.1 /],
    [{ domains: ['example.org', 'example.org'] }, /^body\.domains must not list a domain twice/],
    [{ domains: ['192.168.0.1'] }, /^body\.domains\.0 /],
    [{ imapTls: 'off', pop3Tls: 'off' }, /^body\.imapTls IMAP and POP3 cannot both be off/],
    [{ webmailUrl: 'javascript:alert(1)' }, /^body\.webmailUrl must be an http\(s\) URL/],
    [{ helpdeskContact: 'a\nb' }, /^body\.helpdeskContact /],
  ] as [Partial<MailSettingsData>, RegExp][])('rejects %j naming the field', (over, message) => {
    expect(check(over)).toMatch(message);
  });
});

describe('addresses', () => {
  it('accepts plain addresses and refuses the rest', () => {
    expect(parseAddress(' Alice@Example.ORG ')).toEqual({ address: 'alice@example.org', local: 'alice', domain: 'example.org' });
    for (const bad of ['alice', '@example.org', 'a@b', 'a b@example.org', 'a@@example.org', '"q"@example.org', 'a..b@example.org', `${'x'.repeat(65)}@example.org`, 'a@example.org<script>']) {
      expect(parseAddress(bad)).toBeNull();
    }
  });
});
