// Real: the API (app.inject) with PostgreSQL, Redis and Dovecot up; every operation of its own OpenAPI document
// (/docs/json) gets hostile values in each path parameter, query parameter, filter key and body field, from a fixed
// corpus plus a seeded generator (test/harness/fuzz.ts, FUZZ_SEED replays). Nothing stubbed. The one rule: never 5xx.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, startMailboxReader, startTestApp, type Session } from '../harness/app.ts';
import { forAllAsync, type Gen } from '../harness/fuzz.ts';

interface JsonSchema {
  type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema;
  anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; enum?: unknown[]; const?: unknown; format?: string;
  minimum?: number; maximum?: number; minLength?: number; minItems?: number;
}
interface Operation { method: string; path: string; params: Array<{ name: string; in: string; schema: JsonSchema }>; body?: JsonSchema }

// Logging out would end the fuzzing session (covered by test/security/sessions.test.ts); a session ended any other
// way is replaced (see attempt). Bull-board is a third-party UI with its own routes.
const SKIPPED = new Set(['POST /api/auth/logout', 'POST /api/auth/logout-everywhere']);

const INT4_OVERFLOW = 2_147_483_648;
/** JSON values no field should turn into a 5xx: int4 overflow, non-integers, dates PostgreSQL cannot store, text it refuses. */
const HOSTILE_JSON: unknown[] = [
  INT4_OVERFLOW, -INT4_OVERFLOW - 1, 2 ** 53, -1, 1.5, 'NaN', '', 'a\udfffb', '\ud800', 'a\u0000b', 'x'.repeat(70_000),
  '+275760-09-13T00:00:00Z', '0000-01-01T00:00:00Z', [INT4_OVERFLOW], ['\ud800'], {}, null, true, JSON.parse(`${'{"a":'.repeat(500)}1${'}'.repeat(500)}`),
];
/** For filter keys (every key on every list): the values behind the probe's 500s, and their neighbours. */
const HOSTILE_FILTER: unknown[] = [INT4_OVERFLOW, [INT4_OVERFLOW], -1, 1.5, '\ud800', 'a\u0000b', '+275760-09-13T00:00:00Z', '0000-01-01', { a: [] }, 'x'.repeat(3000)];
/** Raw (already encoded) URL values for path and query parameters. */
const HOSTILE_URL = [
  '2147483648', '-2147483649', '9223372036854775808', '99999999999999999999999', '-1', '0', '1.5', 'NaN', 'Infinity', '1e309', '0x1F',
  'x'.repeat(3000), '%00', 'a%00b', '%ED%A0%80', '%F0%9F%98%80', '%FF%FE', '+275760-09-13T00%3A00%3A00Z', 'true', '%5B%5D', '%7B%7D', '..%2F..%2Fetc',
];
const FILTER_KEYS = [
  'id', 'q', 'status', 'planId', 'mailboxId', 'runId', 'messageId', 'from', 'to', 'action', 'actorType', 'actorEmail', 'entityType',
  'entityId', 'address', 'folder', 'kind', 'state', 'role', 'name', 'protocol', 'client', 'trigger', 'active', 'dryRun', 'isDefault',
  'isPaused', 'overQuota', 'minPercent', 'maxPercent', 'staleHours',
];

let app: FastifyInstance;
let session: Session;
let adminId: number;
let operations: Operation[] = [];
const tried = { count: 0, failures: [] as string[], byStatus: new Map<number, number>() };

async function freshSession(staffId: number): Promise<Session> {
  const token = await app.sessions.create(staffId, {});
  return { cookie: `mw_session=${token}`, csrf: app.sessions.csrfToken(token), email: 'admin@example.test' };
}

function resolve(schema: JsonSchema | undefined): JsonSchema {
  if (!schema) return {};
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return resolve(branches.find((b) => b.type !== 'null') ?? branches[0]);
  return schema;
}

/** A value the schema accepts, as far as it says (patterns are not honoured: those fields get a 400, also fine). */
function sample(schema: JsonSchema | undefined): unknown {
  const s = resolve(schema);
  if (s.enum) return s.enum[0];
  if (s.const !== undefined) return s.const;
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': return Object.fromEntries((s.required ?? []).map((k) => [k, sample(s.properties?.[k])]));
    case 'array': return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items));
    case 'integer': case 'number': return s.minimum ?? 1;
    case 'boolean': return false;
    case 'string':
      if (s.format === 'date-time') return new Date().toISOString();
      if (s.format === 'email') return 'fuzz@example.test';
      return 'fuzz'.padEnd(s.minLength ?? 1, 'z');
    default: return 'fuzz';
  }
}

function urlFor(op: Operation, pathValues: Record<string, string>, query: string[]): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => pathValues[name] ?? '1');
  return query.length ? `${path}?${query.join('&')}` : path;
}

async function send(op: Operation, url: string, body?: unknown): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { cookie: session.cookie, 'x-csrf-token': session.csrf };
  const hasBody = body !== undefined && op.method !== 'GET' && op.method !== 'DELETE';
  if (hasBody) headers['content-type'] = 'application/json';
  return app.inject({ method: op.method as 'GET', url, headers, ...(hasBody ? { payload: JSON.stringify(body) } : {}) });
}

async function attempt(op: Operation, where: string, url: string, body?: unknown) {
  tried.count++;
  const res = await send(op, url, body);
  tried.byStatus.set(res.statusCode, (tried.byStatus.get(res.statusCode) ?? 0) + 1);
  if (res.statusCode === 401 && op.path !== '/api/auth/login') session = await freshSession(adminId);
  if (res.statusCode >= 500) tried.failures.push(`${op.method} ${url.slice(0, 160)} ${where} -> ${res.statusCode} ${res.body.slice(0, 160)}`);
  else if (res.statusCode === 400 && String(res.headers['content-type']).startsWith('application/json')) {
    expect(res.json().message, `${op.method} ${op.path} ${where}`).toEqual(expect.any(String));
  }
  return res;
}

const pathDefaults = (op: Operation) => Object.fromEntries(op.params.filter((p) => p.in === 'path').map((p) => [p.name, '1']));

let reader: { close(): Promise<void> } | undefined;

beforeAll(async () => {
  let config;
  ({ app, config } = await startTestApp());
  // Routes that look into a mailbox wait for this worker (the API never opens IMAP).
  reader = startMailboxReader(app, config);
  // A bystander first (id 1): staff routes fuzzed with id 1 change this account, never the fuzzing admin's own.
  await createStaff(app, 'helpdesk', 'bystander@example.test');
  adminId = (await createStaff(app, 'admin')).id;
  session = await freshSession(adminId);
  // Something for id 1 to find in most resources, so handlers run past their 404.
  const plan = await app.prisma.quotaPlan.create({ data: { name: 'Fuzz plan', storageLimitBytes: BigInt(2 ** 30) } });
  await app.prisma.mailbox.create({ data: { address: 'user1@example.test', imapLogin: 'user1@example.test', planId: plan.id } });
  await app.prisma.retentionPolicy.create({ data: { name: 'Fuzz policy' } });

  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, { parameters?: Operation['params']; requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>> };
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, spec] of Object.entries(methods)) {
      const op = { method: method.toUpperCase(), path, params: spec.parameters ?? [], body: spec.requestBody?.content?.['application/json']?.schema };
      if (!SKIPPED.has(`${op.method} ${path}`) && !path.startsWith('/admin/queues')) operations.push(op);
    }
  }
});
afterAll(async () => {
  await reader?.close();
  await app?.close();
});

describe('every route under hostile input (database up)', () => {
  it('reads every operation from the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThan(60);
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(expect.arrayContaining(['GET /api/mailboxes/{id}', 'POST /api/mailboxes/', 'GET /api/audit-events/', 'POST /api/guidance/preview']));
  });

  it('answers the probe\'s examples with a 4xx naming the field', async () => {
    const cases: Array<[string, string, unknown, RegExp]> = [
      ['GET', '/api/mailboxes/2147483648', undefined, /^params\.id /],
      ['GET', `/api/mailboxes?filter=${encodeURIComponent('{"id":[2147483648]}')}`, undefined, /^filter\.id /],
      ['POST', '/api/mailboxes', { address: 'new@example.test', planId: INT4_OVERFLOW }, /^body\.planId /],
      ['GET', `/api/audit-events?filter=${encodeURIComponent('{"from":"+275760-09-13T00:00:00Z"}')}`, undefined, /^filter\.from /],
      ['POST', '/api/mailboxes', { address: 'new2@example.test', displayName: 'Bad \ud800 name' }, /^body\.displayName /],
    ];
    for (const [method, url, body, message] of cases) {
      const res = await send({ method, path: url, params: [] }, url, body);
      expect(res.statusCode, `${method} ${url} ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${method} ${url} ${res.body}`).toBeLessThan(500);
      expect(res.json().message, `${method} ${url}`).toMatch(message);
    }
  });

  it('never answers 5xx to hostile path parameters, query parameters, filters or body fields', async () => {
    const cases: Array<() => Promise<unknown>> = [];
    const add = (op: Operation, where: string, url: string, body?: unknown) => cases.push(() => attempt(op, where, url, body));
    for (const op of operations) {
      const base = pathDefaults(op);
      const body = op.body ? sample(op.body) : undefined;
      for (const p of op.params) {
        if (p.in !== 'path' && p.in !== 'query') continue;
        for (const value of HOSTILE_URL) {
          if (p.in === 'path') add(op, `path ${p.name}=${value.slice(0, 30)}`, urlFor(op, { ...base, [p.name]: value }, []), body);
          else add(op, `query ${p.name}=${value.slice(0, 30)}`, urlFor(op, base, [`${p.name}=${value}`]), body);
        }
        if (p.name === 'filter') {
          for (const key of FILTER_KEYS) {
            for (const value of HOSTILE_FILTER) add(op, `filter.${key}`, urlFor(op, base, [`filter=${encodeURIComponent(JSON.stringify({ [key]: value }))}`]));
          }
        }
      }
      const props = resolve(op.body).properties ?? {};
      if (op.body && resolve(op.body).type === 'object') {
        for (const key of [...Object.keys(props), 'unknownField']) {
          for (const value of HOSTILE_JSON) add(op, `body.${key}=${JSON.stringify(value)?.slice(0, 30)}`, urlFor(op, base, []), { ...(body as object), [key]: value });
          // One level down: rules[0].folderSelector, domains[0], …
          const inner = resolve(props[key]);
          const items = resolve(inner.items);
          if (inner.type === 'array' && items.type === 'object') {
            for (const innerKey of Object.keys(items.properties ?? {})) {
              for (const value of HOSTILE_JSON) add(op, `body.${key}.0.${innerKey}`, urlFor(op, base, []), { ...(body as object), [key]: [{ ...(sample(items) as object), [innerKey]: value }] });
            }
          } else if (inner.type === 'array') {
            for (const value of HOSTILE_JSON) add(op, `body.${key}.0`, urlFor(op, base, []), { ...(body as object), [key]: [value] });
          }
        }
      } else if (op.body) {
        for (const value of HOSTILE_JSON) add(op, `body=${JSON.stringify(value)?.slice(0, 30)}`, urlFor(op, base, []), value);
      }
    }
    // A few requests at once: inject shares one process, so this only overlaps database and IMAP waits.
    for (let i = 0; i < cases.length; i += 8) await Promise.all(cases.slice(i, i + 8).map((run) => run()));
    console.log(`hostile requests: ${tried.count}, 5xx: ${tried.failures.length}, by status: ${JSON.stringify(Object.fromEntries(tried.byStatus))}`);
    expect(tried.failures.slice(0, 40)).toEqual([]);
    // The handlers really ran: plenty of answers got past validation and access control.
    expect((tried.byStatus.get(200) ?? 0) + (tried.byStatus.get(201) ?? 0)).toBeGreaterThan(500);
    expect(tried.byStatus.get(403) ?? 0).toBeLessThan(tried.count / 20);
  }, 600_000);

  it('never answers 5xx to seeded random combinations (several hostile fields at once)', async () => {
    const before = tried.count;
    const pick = (g: Gen) => g.pick([
      () => g.pick(HOSTILE_JSON), () => g.text(0, 30), () => g.int(-(2 ** 40), 2 ** 40), () => g.array(0, 3, (h) => h.pick(HOSTILE_JSON)),
    ])();
    await forAllAsync(600, async (g) => {
      const op = g.pick(operations);
      const base = Object.fromEntries(Object.keys(pathDefaults(op)).map((k) => [k, g.bool(0.5) ? g.pick(HOSTILE_URL) : String(g.int(0, 3))]));
      const query = op.params.filter((p) => p.in === 'query' && g.bool(0.6)).map((p) => `${p.name}=${p.name === 'filter'
        ? encodeURIComponent(JSON.stringify(Object.fromEntries(g.array(1, 4, (h) => [h.pick(FILTER_KEYS), pick(h)]))))
        : g.pick(HOSTILE_URL)}`);
      let body: unknown;
      if (op.body) {
        body = sample(op.body);
        const keys = Object.keys(resolve(op.body).properties ?? {});
        if (body && typeof body === 'object' && keys.length) for (const key of g.array(1, 3, (h) => h.pick(keys))) (body as Record<string, unknown>)[key] = pick(g);
      }
      await attempt(op, 'random', urlFor(op, base, query), body);
    });
    console.log(`hostile requests in all: ${tried.count} (${tried.count - before} random), 5xx: ${tried.failures.length}`);
    expect(tried.failures.slice(0, 40)).toEqual([]);
  }, 600_000);
});
