// Pure: template rendering and byte formatting; nothing external, nothing stubbed.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, EXPORT_URL_WITHHELD, formatBytes, render, templateData, type TemplateKind } from '../../server/core/domain/templates.ts';

const facts = { name: 'Alice Example', address: 'alice@example.org', usedBytes: 1.5 * 2 ** 30, limitBytes: 2 * 2 ** 30, percent: 75.6, threshold: 75 };

describe('render', () => {
  it('fills every default template without leaving a known placeholder behind', () => {
    const data = templateData({ ...facts, expiresAt: '2026-12-01T00:00:00Z', count: 3, subjects: ['Old news'] }, 'https://help.example.org/quota');
    for (const kind of Object.keys(DEFAULT_TEMPLATES) as TemplateKind[]) {
      const out = render(DEFAULT_TEMPLATES[kind], data);
      expect(`${out.subject}${out.text}${out.html}`, kind).not.toMatch(/\{\{/);
      expect(out.text, kind).toContain('alice@example.org');
    }
    const near = render(DEFAULT_TEMPLATES.near_quota, data);
    expect(near.subject).toBe('Your mailbox is 75% full');
    expect(near.text).toContain('1.5 GiB of 2 GiB (75%)');
    expect(near.html).toContain('<p>Hello Alice Example,</p>');
  });

  it('escapes values in HTML but not in text', () => {
    const out = render({ subject: 'Hi {{name}}', text: 'Hi {{name}}', html: '<b>{{name}}</b>' }, { name: '<script>"x" & \'y\'</script>' });
    expect(out.html).toBe('<b>&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;</b>');
    expect(out.text).toBe('Hi <script>"x" & \'y\'</script>');
  });

  it('escapes the text itself when the template has no HTML part', () => {
    expect(render({ subject: 's', text: 'a < b\n\n{{name}}' }, { name: '<i>' }).html).toBe('<p>a &lt; b</p>\n<p>&lt;i&gt;</p>');
  });

  it('strips line breaks from subject values so no header can be injected', () => {
    const out = render({ subject: 'Quota for {{name}}', text: '{{name}}' }, { name: 'Eve\r\nBcc: victim@example.org\n' });
    expect(out.subject).toBe('Quota for Eve Bcc: victim@example.org');
    expect(out.subject).not.toMatch(/[\r\n]/);
    expect(out.text).toContain('\r\nBcc'); // the body may keep them: it is not a header
  });

  it('strips line breaks an edited subject template carries itself', () => {
    expect(render({ subject: 'Line one\nLine two', text: '' }, {}).subject).toBe('Line one Line two');
  });

  it('leaves unknown or missing placeholders visible', () => {
    expect(render({ subject: '{{nmae}} {{ name }}', text: '{{usage}} {{toString}}' }, { name: 'Bob' })).toMatchObject({
      subject: '{{nmae}} Bob',
      text: '{{usage}} {{toString}}',
    });
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'], [1023, '1023 B'], [1024, '1 KiB'], [1536, '1.5 KiB'], [10 * 2 ** 20, '10 MiB'],
    [2 ** 30 * 2.25, '2.3 GiB'], [150 * 2 ** 30, '150 GiB'], [3 * 2 ** 40, '3 TiB'],
  ])('%d bytes -> %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe('templateData', () => {
  it('falls back to the address when there is no display name and floors the percent', () => {
    expect(templateData({ address: 'bob@example.org', name: '', percent: 99.97 }, 'h')).toEqual({
      address: 'bob@example.org', name: 'bob@example.org', helpUrl: 'h', percent: '99%', exportUrl: EXPORT_URL_WITHHELD,
    });
  });

  it('fills {{exportUrl}} with the link only when one is given (the sent email), never by itself', () => {
    expect(templateData({ address: 'bob@example.org' }, 'h', { exportUrl: 'https://x/me/export/link?t=a.b' }).exportUrl).toBe('https://x/me/export/link?t=a.b');
    expect(templateData({ address: 'bob@example.org' }, 'h').exportUrl).not.toMatch(/https?:/);
  });
});

describe('expiry notice', () => {
  it('names how many messages go, when, and the oldest subjects one per line', async () => {
    const { DEFAULT_TEMPLATES: templates, render: renderTemplate, templateData: data } = await import('../../server/core/domain/templates.ts');
    const out = renderTemplate(templates.expiry_notice, data({
      address: 'ann@example.org', name: 'Ann', count: 12, expiresAt: '2026-12-01T00:00:00Z',
      subjects: ['Invoice 1', 'Trip\r\nBcc: evil@example.org', 'Minutes'],
    }, 'https://mail.example.org/help'));
    expect(out.subject).toBe('Old mail in ann@example.org will be removed on 2026-12-01');
    expect(out.text).toContain('12 old message(s)');
    expect(out.text).toContain('  - Invoice 1\n  - Trip Bcc: evil@example.org\n  - Minutes');
    expect(out.html).not.toMatch(/<script/);
  });
});
