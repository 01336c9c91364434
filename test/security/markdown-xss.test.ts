// Real: the article renderer (server/core/domain/guidance/markdown.ts: marked + sanitize-html) and, over app.inject, the editor's preview API. XSS payloads from a fixed corpus (OWASP filter-evasion style) and a seeded generator that splices them into Markdown (test/harness/fuzz.ts); nothing stubbed.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderArticle, renderMarkdown } from '../../server/core/domain/guidance/markdown.ts';
import { as, type Session } from '../harness/app.ts';
import { startAppAs } from '../harness/signed-in-app.ts';
import { forAll, type Gen } from '../harness/fuzz.ts';

const PAYLOADS = [
  '<script>alert(1)</script>', '<SCRIPT SRC=//x.test/x.js></SCRIPT>', '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src=x onerror=alert(1)>', '<svg/onload=alert(1)>', '<body onload=alert(1)>', '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">x</a>', '<a href="JaVaScRiPt:alert(1)">x</a>', '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>', '<a href=" &#14; javascript:alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', '<a href="//evil.test/x">x</a>',
  '[x](javascript:alert(1))', '[x](JAVASCRIPT:alert(1))', '[x](<javascript:alert(1)>)', '[x](java\tscript:alert(1))', '[x]( javascript:alert(1) "t")',
  '[x][r]\n\n[r]: javascript:alert(1)', '<javascript:alert(1)>', '![x](javascript:alert(1))', '![x](x" onerror="alert(1))', '[x](x" onclick="alert(1))',
  '<details open ontoggle=alert(1)><summary>s</summary></details>', '<p style="background:url(javascript:alert(1))">x</p>', '<style>*{x:expression(alert(1))}</style>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<!--<img src=x onerror=alert(1)>-->', '<form action="javascript:alert(1)"><button>x</button></form>', '<input autofocus onfocus=alert(1)>',
  '<object data="javascript:alert(1)"></object>', '<embed src="javascript:alert(1)">', '<base href="javascript:/">', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel=stylesheet href=//evil.test/x.css>', '<a href="x" target="_blank">x</a>', '`<script>`', '```html\n<script>alert(1)</script>\n```',
  '<a href="https://ok.test" onmouseover="alert(1)">ok</a>', '<table><tr><td onclick=alert(1)>x</td></tr></table>', '<ol start="1" onclick="alert(1)"><li>x</li></ol>',
];
const ALLOWED_TAGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'strong', 'em', 'del', 'code', 'pre', 'kbd', 'blockquote', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'details', 'summary']);

const decode = (s: string) => s
  .replace(/&#x([0-9a-f]+);?/gi, (_m, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
  .replace(/&#(\d+);?/g, (_m, d: string) => String.fromCodePoint(Number(d)))
  .replace(/&colon;/gi, ':').replace(/&tab;/gi, '\t').replace(/&newline;/gi, '\n').replace(/&amp;/g, '&');

/** What a browser could execute in this HTML; empty when it is safe. */
function dangers(html: string): string[] {
  const found: string[] = [];
  for (const [, closing, name, attrs] of html.matchAll(/<(\/?)([a-zA-Z][\w:-]*)([^>]*)>/g)) {
    if (!ALLOWED_TAGS.has(name.toLowerCase())) found.push(`tag <${closing}${name}>`);
    if (/(^|[\s"'/])on[a-z]+\s*=/i.test(attrs)) found.push(`handler in <${name}${attrs}>`);
    if (/\sstyle\s*=/i.test(attrs)) found.push(`style in <${name}>`);
    for (const [, value] of attrs.matchAll(/(?:href|src|action|formaction|data)\s*=\s*"([^"]*)"/gi)) {
      const url = decode(value).replace(/[\s\x00-\x1f]/g, '').toLowerCase();
      if (/^(javascript|vbscript|data|file):/.test(url) || url.startsWith('//')) found.push(`url ${value}`);
    }
  }
  if (/<script/i.test(html)) found.push('<script');
  return found;
}

function markdownAround(g: Gen): string {
  return g.array(1, 6, (h) => h.pick([
    () => h.pick(PAYLOADS),
    () => `${h.pick(['# ', '## ', '> ', '- ', '1. ', '| a |\n|---|\n| ', ''])}${h.pick(PAYLOADS)}`,
    () => `[${h.text(0, 8)}](${h.pick(['javascript', 'JaVaScRiPt', 'java\u0000script', 'vbscript', 'data', 'https', 'mailto'])}:${h.text(0, 10).replace(/[()\s]/g, '')})`,
    () => h.text(0, 40),
    () => `<${h.pick(['a', 'img', 'svg', 'details', 'p', 'td'])} ${h.pick(['on', 'On', 'ON'])}${h.string('abcdefghijklmnopqrstuvwxyz', 3, 9)}=${h.pick(['"alert(1)"', 'alert(1)', "'x'"])}>x`,
  ])()).join(h(g));
}
const h = (g: Gen) => g.pick(['\n', '\n\n', ' ', '']);

describe('renderMarkdown', () => {
  it('(the detector itself flags the raw payloads it is meant to catch)', () => {
    const raw = PAYLOADS.filter((p) => p.startsWith('<') && !p.startsWith('<a href="x"') && !p.startsWith('<!--') && !p.startsWith('<javascript:'));
    expect(raw.filter((p) => dangers(p).length === 0)).toEqual([]);
  });

  it.each(PAYLOADS)('neutralises %s', (payload) => {
    expect(dangers(renderMarkdown(payload))).toEqual([]);
    expect(dangers(renderMarkdown(`Intro\n\n${payload}\n\nOutro`))).toEqual([]);
  });

  it('never emits script, event handlers, style, foreign tags or script URLs for generated articles', () => {
    forAll(1500, (g) => {
      const md = markdownAround(g);
      const html = renderMarkdown(md);
      expect(dangers(html), `${JSON.stringify(md)} -> ${html}`).toEqual([]);
    });
  });

  it('keeps live values (placeholders) from smuggling markup either', () => {
    forAll(300, (g) => {
      const values = { address: g.pick(PAYLOADS), quota: g.pick(PAYLOADS), imapHost: `${g.pick(PAYLOADS)}.example.org` };
      const html = renderArticle(`Your address {{address}} has {{quota}}; server [{{imapHost}}]({{imapHost}})`, values);
      expect(dangers(html), html).toEqual([]);
    });
  });

  it('still renders ordinary articles: links get rel=noopener, headings shift down', () => {
    expect(renderMarkdown('# Title\n\n[Help](https://help.example.org) and **bold**')).toBe(
      '<h2>Title</h2>\n<p><a href="https://help.example.org" rel="noopener noreferrer nofollow">Help</a> and <strong>bold</strong></p>\n',
    );
  });
});

describe('POST /api/guidance/preview', () => {
  let app: FastifyInstance;
  let admin: Session;
  beforeAll(async () => {
    ({ app, session: admin } = await startAppAs('admin'));
  });
  afterAll(() => app?.close());

  it('returns sanitized HTML for every payload', async () => {
    for (const payload of PAYLOADS) {
      const res = await as(app, admin, { method: 'POST', url: '/api/guidance/preview', payload: { markdown: payload } });
      expect(res.statusCode, res.body).toBe(200);
      expect(dangers(res.json().html)).toEqual([]);
    }
  });
});
