// Real: the autodiscover request parser (server/core/domain/guidance/autodiscover.ts) and, over app.inject, the public POST route with PostgreSQL. XXE / entity-expansion payloads from a fixed corpus, mutations from a seeded generator (test/harness/fuzz.ts); nothing stubbed.
import type { FastifyInstance } from 'fastify';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutodiscoverError, parseAutodiscoverRequest } from '../../server/core/domain/guidance/autodiscover.ts';
import { startTestApp } from '../harness/app.ts';
import { forAll, forAllAsync, type Gen } from '../harness/fuzz.ts';

const NS = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006';
const SCHEMA = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';
const request = (email: string, prolog = '<?xml version="1.0" encoding="utf-8"?>') =>
  `${prolog}<Autodiscover xmlns="${NS}"><Request><EMailAddress>${email}</EMailAddress><AcceptableResponseSchema>${SCHEMA}</AcceptableResponseSchema></Request></Autodiscover>`;
const laughs = (levels: number) => {
  let dtd = '<!ENTITY l0 "lol">';
  for (let i = 1; i <= levels; i++) dtd += `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`;
  return dtd;
};

const HOSTILE: [string, string][] = [
  ['external entity (file)', `<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>${request('&x;').replace(/^<\?xml[^>]*>/, '')}`],
  ['external entity (http)', `<!DOCTYPE a [<!ENTITY x SYSTEM "http://127.0.0.1:1/x">]>${request('&x;@example.org', '')}`],
  ['public identifier', `<!DOCTYPE a PUBLIC "-//X//Y" "http://127.0.0.1:1/x.dtd">${request('a@example.org', '')}`],
  ['parameter entities', `<!DOCTYPE a [<!ENTITY % p SYSTEM "file:///etc/passwd"><!ENTITY % q "<!ENTITY leak SYSTEM 'http://127.0.0.1:1/?%p;'>">%q;]>${request('&leak;', '')}`],
  ['lower-case doctype', `<!doctype a [<!entity x system "file:///etc/passwd">]>${request('&x;', '')}`],
  ['doctype after a comment', `<!-- hi --><!DOCTYPE a [<!ENTITY x "alice">]>${request('&x;@example.org', '')}`],
  ['billion laughs', `<!DOCTYPE lolz [${laughs(9)}]>${request('&l9;@example.org', '')}`],
  ['quadratic blowup (no DTD, one huge attribute)', request(`a@example.org" x="${'A'.repeat(7000)}`)],
  ['undeclared entity reference', request('&xxe;@example.org')],
  ['numeric character references', request('&#97;&#108;ice@example.org')],
  ['XInclude', request('<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/>')],
  ['CDATA smuggling', request('<![CDATA[<!ENTITY x SYSTEM "file:///etc/passwd">]]>')],
  ['UTF-16 declared', request('a@example.org', '<?xml version="1.0" encoding="UTF-16"?>').replace(/a@/, '\u0000a@')],
  ['two roots', `${request('a@example.org')}${request('b@example.org', '')}`],
  ['deep nesting', `${'<a>'.repeat(1200)}${'</a>'.repeat(1200)}`],
  ['empty', ''],
  ['JSON', '{"Autodiscover":{"Request":{"EMailAddress":"a@example.org"}}}'],
];

const isRefusal = (err: unknown, code = 600) => err instanceof AutodiscoverError && err.code === code;

describe('parseAutodiscoverRequest', () => {
  it.each(HOSTILE)('refuses %s with error 600, never expanding anything', (_name, body) => {
    let thrown: unknown = null;
    try {
      parseAutodiscoverRequest(body);
    } catch (err) {
      thrown = err;
    }
    expect(isRefusal(thrown), String(thrown)).toBe(true);
  });

  it('refuses huge input quickly (1 MiB nested, 1 MiB of entities, a 1 MiB address) without stack overflow', () => {
    for (const body of [
      `${'<a>'.repeat(200_000)}${'</a>'.repeat(200_000)}`,
      request('&a;'.repeat(350_000)),
      request(`${'a'.repeat(1 << 20)}@example.org`),
      `<!DOCTYPE l [${laughs(30)}]>${request('&l30;', '')}`,
    ]) {
      const started = performance.now();
      expect(() => parseAutodiscoverRequest(body)).toThrow(AutodiscoverError);
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });

  it('never throws anything but AutodiscoverError for random mutations of a real request', () => {
    const valid = request('alice@example.org');
    const insert = ['<', '>', '&', '&x;', '<!DOCTYPE a>', ']]>', '<![CDATA[', '"', "'", '\0', '<EMailAddress>', '</Request>', '&#0;', '&#x110000;', '\ud800', 'é'];
    forAll(500, (g: Gen) => {
      let body = g.bool(0.1) ? g.text(0, 400) : valid;
      for (let k = g.int(1, 4); k > 0; k--) {
        const at = g.int(0, body.length);
        body = g.pick([
          () => body.slice(0, at) + g.pick(insert) + body.slice(at),
          () => body.slice(0, at) + body.slice(Math.min(body.length, at + g.int(1, 20))),
          () => body.slice(0, at) + g.text(1, 10) + body.slice(at),
        ])();
      }
      try {
        const address = parseAutodiscoverRequest(body);
        expect(address).toBeTruthy();
      } catch (err) {
        expect(err, `${String(err)} for ${JSON.stringify(body).slice(0, 200)}`).toBeInstanceOf(AutodiscoverError);
      }
    });
  });
});

describe('POST /autodiscover/autodiscover.xml', () => {
  let app: FastifyInstance;
  const xml = new XMLParser({ processEntities: false, ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false });
  beforeAll(async () => { ({ app } = await startTestApp()); });
  afterAll(() => app?.close());

  let client = 0;
  // Each request from its own address: the public routes allow 60 a minute per IP.
  const post = (payload: string, contentType = 'text/xml') =>
    app.inject({ method: 'POST', url: '/autodiscover/autodiscover.xml', payload, headers: { 'content-type': contentType }, remoteAddress: `10.9.${Math.floor(++client / 250)}.${client % 250}` });

  it.each(HOSTILE)('answers %s with 400 and the documented error 600 (or 413 above the body limit)', async (_name, body) => {
    const res = await post(body, body.startsWith('{') ? 'application/json' : 'text/xml');
    expect(res.body).not.toMatch(/root:|lollollol|\/bin\/(ba)?sh|alice@example\.org/);
    if (res.statusCode === 413) return expect(Buffer.byteLength(body)).toBeGreaterThan(8 * 1024);
    expect(res.statusCode).toBe(400);
    expect(xml.parse(res.body).Autodiscover.Response.Error).toMatchObject({ ErrorCode: '600', Message: 'Invalid Request' });
  });

  it('ignores a stylesheet processing instruction (nothing is fetched) and answers the request itself', async () => {
    const res = await post(`<?xml-stylesheet href="http://127.0.0.1:1/x.xsl"?>${request('pi@example.org', '')}`);
    expect(res.statusCode).toBe(200);
    expect(xml.parse(res.body).Autodiscover.Response.Account.Protocol[0].LoginName).toBe('pi@example.org');
  });

  it('answers random mutations with 200 (well-formed XML, address escaped) or 400/413, never 5xx', async () => {
    await forAllAsync(120, async (g) => {
      const local = g.string([...'abc.+_-', '&amp;', '&lt;script&gt;', "'", '%'], 1, 20);
      const body = g.bool(0.7) ? request(`${local}@example.org`) : request(g.text(0, 60));
      const res = await post(body);
      expect([200, 400, 413], res.body.slice(0, 200)).toContain(res.statusCode);
      if (res.statusCode !== 413) expect(XMLValidator.validate(res.body)).toBe(true);
      expect(res.body).not.toMatch(/<script/i);
    });
  });
});
