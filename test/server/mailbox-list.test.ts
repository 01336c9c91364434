// Real PostgreSQL and Redis, the API via app.inject; mailbox rows inserted with SQL (no Dovecot user is needed to list them).
// The list's total (Content-Range, which react-admin's pagination reads) must stay exact although short pages skip the count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { as, createStaff, login, startTestApp, type Session } from '../harness/app.ts';

let app: FastifyInstance;
let staff: Session;
const N = 60;

beforeAll(async () => {
  ({ app } = await startTestApp());
  await createStaff(app, 'helpdesk');
  staff = await login(app, 'helpdesk@example.test');
  // 60 mailboxes: every 20th a Garcia, every 10th never scanned (no usage), usage rising with the number otherwise.
  await app.prisma.$executeRaw`
    INSERT INTO mailboxes (address, display_name, imap_login, used_bytes, effective_limit_bytes, usage_percent, usage_folders, scanned_at, updated_at)
    SELECT 'list' || i || '@example.test', CASE WHEN i % 20 = 0 THEN 'Rosa Garcia' ELSE 'Person ' || i END, 'list' || i || '@example.test',
           CASE WHEN i % 10 <> 0 THEN i * 1000 END, 100000, CASE WHEN i % 10 <> 0 THEN i END,
           CASE WHEN i % 10 <> 0 THEN '[{"path":"INBOX","specialUse":null,"messages":1,"bytes":1000}]'::jsonb END, now(), now()
      FROM generate_series(1, ${N}::int) AS i`;
});
afterAll(() => app.close());

async function list(params: { sort?: unknown; range?: [number, number]; filter?: object }) {
  const query = new URLSearchParams({
    sort: JSON.stringify(params.sort ?? ['address', 'ASC']), range: JSON.stringify(params.range ?? [0, 24]), filter: JSON.stringify(params.filter ?? {}),
  });
  const res = await as(app, staff, { method: 'GET', url: `/api/mailboxes?${query}` });
  expect(res.statusCode).toBe(200);
  return { range: res.headers['content-range'], rows: res.json() as Array<{ id: number; address: string; displayName: string; usagePercent: number | null }> };
}

describe('GET /api/mailboxes total (Content-Range)', () => {
  it('counts every mailbox behind a full first page', async () => {
    const { range, rows } = await list({});
    expect(range).toBe(`mailboxes 0-24/${N}`);
    expect(rows).toHaveLength(25);
  });

  it('gives the exact total on a short last page and on a page past the end', async () => {
    expect((await list({ range: [50, 74] })).range).toBe(`mailboxes 50-59/${N}`);
    const past = await list({ range: [100, 124] });
    expect(past.rows).toEqual([]);
    expect(past.range).toBe(`mailboxes 100-100/${N}`);
  });

  it('totals a search that fits on one page and one that does not', async () => {
    const garcia = await list({ filter: { q: 'GARCIA' } }); // display name, any case
    expect(garcia.range).toBe('mailboxes 0-2/3');
    expect(garcia.rows.every((r) => r.displayName === 'Rosa Garcia')).toBe(true);
    const fragment = await list({ filter: { q: 'list1' }, range: [0, 4] }); // list1, list10–19: 11 addresses
    expect(fragment.range).toBe('mailboxes 0-4/11');
    // byte order (C collation): '0' sorts before '@'
    expect(fragment.rows.map((r) => r.address)).toEqual(['list10@example.test', 'list11@example.test', 'list12@example.test', 'list13@example.test', 'list14@example.test']);
    expect((await list({ filter: { q: 'nobody-has-this' } })).range).toBe('mailboxes 0-0/0');
  });
});

describe('GET /api/mailboxes sorting and detail', () => {
  it('sorts by usage, most full first, mailboxes without usage last in id order', async () => {
    const { rows } = await list({ sort: ['usagePercent', 'DESC'], range: [0, 59] });
    const known = rows.filter((r) => r.usagePercent !== null);
    expect(known.map((r) => r.usagePercent)).toEqual([...known.map((r) => r.usagePercent)].sort((a, b) => b! - a!));
    const unknown = rows.slice(known.length);
    expect(unknown).toHaveLength(6);
    expect(unknown.map((r) => r.id)).toEqual([...unknown.map((r) => r.id)].sort((a, b) => a - b));
  });

  it('shows per-folder usage and the limit on the detail page, and 404 for an unknown id', async () => {
    const [first] = (await list({ filter: { q: 'list1@' } })).rows;
    const res = await as(app, staff, { method: 'GET', url: `/api/mailboxes/${first.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: first.id, usageFolders: [{ path: 'INBOX' }], limit: { baseSource: 'none' } });
    expect((await as(app, staff, { method: 'GET', url: '/api/mailboxes/999999' })).statusCode).toBe(404);
  });
});
