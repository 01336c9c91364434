// Real: the API (app.inject) with PostgreSQL and Redis, every list endpoint found in the live route table. Hostile sort/range/filter values come from a fixed corpus plus a seeded generator (test/harness/fuzz.ts); nothing stubbed.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createStaff, login, startTestApp, type Session } from '../harness/app.ts';
import { forAllAsync, type Gen } from '../harness/fuzz.ts';

let app: FastifyInstance;
let admin: Session;
let lists: string[] = [];

beforeAll(async () => {
  ({ app } = await startTestApp());
  await createStaff(app, 'admin');
  admin = await login(app, 'admin@example.test');
  await app.prisma.mailbox.createMany({ data: [1, 2, 3].map((n) => ({ address: `m${n}@example.test`, imapLogin: `m${n}@example.test`, displayName: `M ${n}` })) });
  // A list endpoint is a parameterless GET under /api that answers a range with Content-Range (react-admin's contract).
  const candidates = app.accessTable.filter((r) => r.method === 'GET' && r.url.startsWith('/api/') && !r.url.includes(':') && !r.url.includes('*'));
  for (const r of candidates) {
    const res = await as(app, admin, { method: 'GET', url: `${r.url}?range=${encodeURIComponent('[0,0]')}` });
    if (res.statusCode === 200 && res.headers['content-range']) lists.push(r.url);
  }
});
afterAll(() => app?.close());

const INJECTIONS = [
  "id; DROP TABLE mailboxes", '"address" DESC', 'id) --', "' OR '1'='1", '__proto__', 'constructor', 'prototype', 'passwordHash',
  'password_hash', 'staff.passwordHash', '$where', 'address\u0000', 'ADDRESS', ' id', 'id ', '*', '1', '', 'x'.repeat(5000),
];
const SORTS = [
  ...INJECTIONS.map((f) => JSON.stringify([f, 'ASC'])),
  JSON.stringify(['id', 'ASC; DROP TABLE staff']), JSON.stringify(['id', 'sideways']), JSON.stringify(['id', '']), JSON.stringify(['id']),
  JSON.stringify(['id', 'ASC', 'extra']), JSON.stringify({ field: 'id' }), JSON.stringify([1, 2]), '"id"', 'id', '[', '{"__proto__":{"polluted":1}}', 'null', '[null,null]',
];
const RANGES = [
  '[-1,5]', '[5,1]', '[0,1000000000]', '[0,"9"]', '["0",9]', '[0.5,2]', '[1e308,1e309]', '[0,10000]', 'null', '[null,null]', '{}', '[0]',
  '[0,1,2]', '[9007199254740992,9007199254740993]', '"[0,9]"', '[', '[0,9]]', '[ 0 , 9 ]',
];
const FILTERS = [
  JSON.stringify({ q: "' OR 1=1 --" }), JSON.stringify({ q: '%' }), JSON.stringify({ q: '\\' }), JSON.stringify({ q: '_%_' }), JSON.stringify({ id: [1, '2; DROP TABLE x'] }),
  JSON.stringify({ id: 'abc' }), '{"__proto__":{"admin":true}}', JSON.stringify({ constructor: { prototype: { isAdmin: true } } }), JSON.stringify({ status: { $ne: null } }),
  JSON.stringify({ address: { contains: '@' } }), JSON.stringify({ unknownKey: 1 }), '[]', '"str"', '42', 'null', JSON.stringify({ q: '\u0000' }), JSON.stringify({ q: 'x'.repeat(100_000) }),
  `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`, JSON.stringify({ q: ['a', 'b'] }), JSON.stringify({ id: Array.from({ length: 5000 }, (_, i) => i) }), '{', '{"q":"a"}}',
];

function randomParam(g: Gen): string {
  return g.pick([
    () => g.pick([...SORTS, ...RANGES, ...FILTERS]),
    () => JSON.stringify(g.array(0, 3, (h) => h.pick<unknown>([h.text(0, 12), h.int(-5, 1e6), null, true, { [h.text(1, 6)]: h.text(0, 6) }]))),
    () => JSON.stringify({ [g.pick(['q', 'id', 'status', 'address', 'planId', 'role', 'action', g.text(1, 8)])]: g.pick<unknown>([g.text(0, 20), g.int(-1e9, 1e9), [g.int(0, 9)], null, {}]) }),
    () => g.text(0, 40),
  ])();
}

/** Percent-encode every byte (lone surrogates become U+FFFD's bytes, as a browser would send them). */
const enc = (value: string) => [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

function expectSafe(res: { statusCode: number; body: string; json(): Record<string, unknown> }, where: string) {
  expect([200, 400], `${where} -> ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
  if (res.statusCode === 400) {
    expect(res.json(), where).toMatchObject({ statusCode: 400, message: expect.any(String), reqId: expect.any(String) });
    expect(res.body, where).not.toMatch(/\.ts:\d+|node_modules|prisma\.|SELECT |invocation/i);
  }
}

describe('list endpoints under hostile sort, range and filter', () => {
  it('finds the list endpoints from the route table', () => {
    expect(lists.length).toBeGreaterThanOrEqual(5);
    expect(lists).toContain('/api/mailboxes');
  });

  it('answers every known injection attempt with 400 (named parameter) or a normal 200, never a 5xx', async () => {
    for (const url of lists) {
      for (const [param, values] of [['sort', SORTS], ['range', RANGES], ['filter', FILTERS]] as const) {
        for (const value of values) {
          const res = await as(app, admin, { method: 'GET', url: `${url}?${param}=${encodeURIComponent(value)}` });
          expectSafe(res, `${url} ${param}=${value.slice(0, 60)}`);
        }
      }
    }
  });

  it('never sorts by a field outside the endpoint\'s list (400 naming sort, or the sort is ignored) and never shows secrets', async () => {
    for (const url of lists) {
      const unsorted = await as(app, admin, { method: 'GET', url });
      for (const field of ['passwordHash', 'password_hash', 'id; DROP TABLE mailboxes', '__proto__']) {
        const res = await as(app, admin, { method: 'GET', url: `${url}?sort=${encodeURIComponent(JSON.stringify([field, 'ASC']))}` });
        if (res.statusCode === 400) expect(res.json().message, `${url} ${field}`).toMatch(/^sort /);
        else expect({ status: res.statusCode, body: res.body }, `${url} ${field}`).toEqual({ status: 200, body: unsorted.body });
        expect(res.body).not.toMatch(/\$argon2|passwordHash|password_hash/);
      }
    }
  });

  it('survives random combinations and repeated parameters (seeded), and the data is untouched afterwards', async () => {
    await forAllAsync(250, async (g) => {
      const url = g.pick(lists);
      const params = g.array(1, 4, (h) => `${h.pick(['sort', 'range', 'filter', 'sort', 'q', '__proto__'])}=${h.bool(0.1) ? h.bytes(1, 12).toString('hex').replace(/(..)/g, '%$1') : enc(randomParam(h))}`);
      const res = await as(app, admin, { method: 'GET', url: `${url}?${params.join('&')}` });
      expectSafe(res, `${url}?${params.join('&').slice(0, 200)}`);
    });
    expect(await app.prisma.mailbox.count()).toBe(3);
    expect(await app.prisma.staffUser.count()).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});
