// Real: the API (app.inject) with PostgreSQL and Redis: the editor's preview, article create/update and the public
// /help page rendering what is stored (one hostile article written straight to the database); nothing stubbed.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, type Session } from '../harness/app.ts';
import { startAppAs } from '../harness/signed-in-app.ts';

let app: FastifyInstance;
let ops: Session;

beforeAll(async () => {
  ({ app, session: ops } = await startAppAs('ops'));
});
afterAll(() => app?.close());

const longUrl = `https://example.org/${'a'.repeat(9000)}`;
/** Markdown that exhausts marked's stack or blows up the HTML, each within the 20,000-character limit. */
const HOSTILE: Array<[string, string, RegExp]> = [
  ['19,999 nested quotes', `${'>'.repeat(19_999)}x`, /^body\.markdown nests quotes or lists more than 16 levels deep \(line 1\)$/],
  ['nested quotes with spaces', `${'> '.repeat(9_999)}x`, /^body\.markdown nests quotes or lists more than 16 levels/],
  ['nested ordered lists', `${'1. '.repeat(6_000)}x`, /^body\.markdown nests quotes or lists more than 16 levels/],
  ['nested bullet lists', `${'* '.repeat(9_999)}x`, /^body\.markdown nests quotes or lists more than 16 levels/],
  ['nested emphasis', `${'*'.repeat(9_999)}x${'*'.repeat(9_999)}`, /^body\.markdown has a run of more than 50 \*, _ or ~ characters \(line 1\)/],
  ['alternating emphasis', `${'*_'.repeat(4_999)}x${'_*'.repeat(4_999)}`, /^body\.markdown has a run of more than 50/],
  ['one long link repeated by reference', `${'[a][r] '.repeat(1_500)}\n\n[r]: ${longUrl}`, /^body\.markdown renders to \d+ characters of HTML \(at most 200000\)/],
];

describe('article Markdown limits', () => {
  it.each(HOSTILE)('the preview refuses %s with 400 naming body.markdown', async (_name, markdown, message) => {
    expect(markdown.length).toBeLessThanOrEqual(20_000);
    const res = await as(app, ops, { method: 'POST', url: '/api/guidance/preview', payload: { markdown } });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(400);
    expect(res.json().message).toMatch(message);
  });

  it.each(HOSTILE)('saving refuses %s (create and update) with 400 naming body.markdown', async (_name, markdown, message) => {
    const created = await as(app, ops, { method: 'POST', url: '/api/guidance-articles', payload: { slug: 'deep', protocol: 'any', client: 'generic', title: 'Deep', markdown } });
    expect(created.statusCode).toBe(400);
    expect(created.json().message).toMatch(message);
    const ok = await as(app, ops, { method: 'POST', url: '/api/guidance-articles', payload: { slug: `fine-${HOSTILE.findIndex((h) => h[1] === markdown)}`, protocol: 'any', client: 'generic', title: 'Fine', markdown: 'Fine.' } });
    expect(ok.statusCode).toBe(201);
    const updated = await as(app, ops, { method: 'PUT', url: `/api/guidance-articles/${ok.json().id}`, payload: { markdown } });
    expect(updated.statusCode).toBe(400);
    expect(updated.json().message).toMatch(message);
  });

  it('accepts what real articles do: a few levels of lists and quotes, rules, bold and code', async () => {
    const markdown = '# Setup\n\n1. Open settings\n   - Accounts\n     - Add\n       > Tip: **use IMAP**\n\n---\n\n***\n\n`imap.example.org` ____ fill in';
    const res = await as(app, ops, { method: 'POST', url: '/api/guidance/preview', payload: { markdown } });
    expect(res.statusCode).toBe(200);
    expect(res.json().html).toContain('<blockquote>');
  });
});

describe('GET /help with an article that cannot be rendered', () => {
  it('still answers 200 with every other article, and a notice in place of the broken one', async () => {
    await as(app, ops, { method: 'POST', url: '/api/guidance-articles', payload: { slug: 'good-one', protocol: 'any', client: 'generic', title: 'Good one', markdown: 'Readable **text**.' } });
    // Written around the API's check, as an article saved before the limits existed would be.
    await app.prisma.guidanceArticle.create({ data: { slug: 'broken', protocol: 'any', client: 'generic', title: 'Broken', markdown: `${'>'.repeat(19_999)}x`, position: 1 } });
    const res = await app.inject({ method: 'GET', url: '/help' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Readable <strong>text</strong>.');
    expect(res.body).toContain('This article cannot be shown at the moment.');
    expect(res.body).not.toMatch(/Maximum call stack|RangeError/);
  });
});
