// Real PostgreSQL and Redis, the API via app.inject. The mailbox list and detail are plain SQL since #17
// (server/core/repositories/mailbox-pages.ts); this file checks their replies against what the Prisma query builder
// gave before (the reference below is that code: where, order, include, toApiMailbox, loadLimitExplanation), for every
// sort field and direction, every filter, several pages, and every mailbox's detail, over rows that vary every column.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { as, createStaff, login, startTestApp, type Session } from '../harness/app.ts';
import { createMailboxRepository, toApiMailbox, type MailboxFilter } from '../../server/core/repositories/mailboxes.ts';
import { loadLimitExplanation } from '../../server/core/services/mailbox-limits.ts';
import { MailboxDetailSchema, MailboxSchema } from '../../server/schemas/mailbox.ts';
import type { Prisma } from '../../server/core/lib/prisma.ts';

let app: FastifyInstance;
let staff: Session;
let planIds: { basic: number; big: number };
const N = 80;

beforeAll(async () => {
  ({ app } = await startTestApp());
  await createStaff(app, 'helpdesk');
  staff = await login(app, 'helpdesk@example.test');
  const [basic] = await app.prisma.$queryRaw<{ id: number }[]>`
    INSERT INTO quota_plans (name, storage_limit_bytes, is_default, updated_at) VALUES ('Basic', 1000000, true, now()) RETURNING id`;
  const [big] = await app.prisma.$queryRaw<{ id: number }[]>`
    INSERT INTO quota_plans (name, storage_limit_bytes, is_default, updated_at) VALUES ('Big', 5000000, false, now()) RETURNING id`;
  planIds = { basic: basic.id, big: big.id };
  // Every column the list shows takes several values, NULL included, and sort keys repeat (ties go by id).
  await app.prisma.$executeRaw`
    INSERT INTO mailboxes (address, display_name, imap_login, status, status_reason, status_changed_at, deleted_at, purge_after,
                           directory_source, alternate_email, plan_id, limit_override_bytes, effective_limit_bytes, used_bytes,
                           used_messages, usage_percent, usage_source, usage_folders, scanned_at, scan_error, server_limit_bytes,
                           probed_at, probe_result, probe_error, created_at, updated_at)
    SELECT 'sql' || i || '@' || (CASE WHEN i % 3 = 0 THEN 'example.org' ELSE 'example.test' END),
           CASE WHEN i % 20 = 0 THEN 'Rosa Garcia' WHEN i % 7 = 0 THEN 'ÉLODIE Brun' ELSE 'Person ' || (i % 13) END,
           'login' || i,
           (ARRAY['active','active','suspended','disabled','deleted'])[1 + i % 5]::"MailboxStatus",
           CASE WHEN i % 5 <> 0 AND i % 5 <> 1 THEN 'reason ' || i END,
           CASE WHEN i % 5 > 1 THEN now() - i * interval '1 hour' END,
           CASE WHEN i % 5 = 4 THEN now() - i * interval '1 hour' END,
           CASE WHEN i % 5 = 4 THEN now() + i * interval '1 day' END,
           CASE WHEN i % 4 = 0 THEN 'ldap' END,
           CASE WHEN i % 6 = 0 THEN 'alt' || i || '@example.net' END,
           CASE WHEN i % 3 = 0 THEN ${planIds.big}::int WHEN i % 3 = 1 THEN ${planIds.basic}::int END,
           CASE WHEN i % 11 = 0 THEN (i * 100000)::bigint END,
           CASE WHEN i % 17 = 0 THEN NULL ELSE ((i % 4 + 1) * 1000000)::bigint END,
           CASE WHEN i % 10 <> 0 THEN (i * 12345)::bigint END,
           CASE WHEN i % 10 <> 0 THEN i * 3 END,
           CASE WHEN i % 10 <> 0 THEN round((i * 12345)::numeric * 100 / ((i % 4 + 1) * 1000000), 2)::float8 * (1 + (i % 9)) END,
           CASE WHEN i % 10 <> 0 THEN 'quota' END,
           CASE WHEN i % 10 <> 0 THEN '[{"path":"INBOX","specialUse":null,"messages":1,"bytes":1000}]'::jsonb END,
           CASE WHEN i % 10 = 0 THEN NULL WHEN i % 8 = 0 THEN now() - interval '5 days' ELSE now() - i * interval '1 minute' END,
           CASE WHEN i % 9 = 0 THEN 'NO [OVERQUOTA] something' END,
           CASE WHEN i % 2 = 0 THEN ((i % 4 + 1) * 1000000)::bigint WHEN i % 3 = 0 THEN 123456789 END,
           CASE WHEN i % 12 = 0 THEN now() - interval '1 hour' END,
           CASE WHEN i % 12 = 0 THEN jsonb_build_object('capabilities', jsonb_build_array('IMAP4rev1', 'QUOTA'), 'quotaRoot', '', 'n', i) END,
           CASE WHEN i % 15 = 0 THEN 'connection refused' END,
           now() - i * interval '1 day', now() - i * interval '1 second'
      FROM generate_series(1, ${N}::int) AS i`;
  // Increases for the detail: running ones (two on one mailbox), an expired one and an ended one.
  await app.prisma.$executeRaw`
    INSERT INTO temporary_increases (mailbox_id, extra_bytes, reason, expires_at, created_by, ended_at)
    SELECT m.id, 2000000 + m.id, 'exam ' || m.id, now() + (m.id % 5 + 1) * interval '1 day', 'test', NULL::timestamp FROM mailboxes m WHERE m.id % 7 = 0
    UNION ALL SELECT m.id, 3000000, 'second', now() + interval '2 hours', 'test', NULL FROM mailboxes m WHERE m.id % 14 = 0
    UNION ALL SELECT m.id, 999, 'expired', now() - interval '1 hour', 'test', NULL FROM mailboxes m WHERE m.id % 8 = 0
    UNION ALL SELECT m.id, 888, 'ended', now() + interval '3 days', 'test', now() - interval '1 minute' FROM mailboxes m WHERE m.id % 9 = 0`;
});
afterAll(() => app.close());

// --- The reference: the list and detail as the Prisma query builder produced them before #17 ---

function prismaWhere(f: MailboxFilter, now: Date): Prisma.MailboxWhereInput {
  const and: Prisma.MailboxWhereInput[] = [];
  if (f.ids) and.push({ id: { in: f.ids } });
  if (f.status) and.push({ status: f.status });
  if (f.planId) and.push({ planId: f.planId });
  if (f.q) and.push({ OR: [{ address: { contains: f.q.toLowerCase() } }, { displayName: { contains: f.q, mode: 'insensitive' } }] });
  if (f.overQuota === true) and.push({ usagePercent: { gte: 100 } });
  if (f.overQuota === false) and.push({ OR: [{ usagePercent: { lt: 100 } }, { usagePercent: null }] });
  if (f.minPercent !== undefined) and.push({ usagePercent: { gte: f.minPercent } });
  if (f.maxPercent !== undefined) and.push({ usagePercent: { lte: f.maxPercent } });
  if (f.staleHours !== undefined) and.push({ OR: [{ scannedAt: null }, { scannedAt: { lt: new Date(now.getTime() - f.staleHours * 3600_000) } }] });
  return and.length ? { AND: and } : {};
}

async function referenceList(sort: [string, 'asc' | 'desc'], range: [number, number], filter: MailboxFilter) {
  const where = prismaWhere(filter, new Date());
  const [field, order] = sort;
  const orderBy = { [field]: ['usagePercent', 'usedBytes', 'scannedAt', 'effectiveLimitBytes'].includes(field) ? { sort: order, nulls: 'last' } : order };
  const rows = await app.prisma.mailbox.findMany({
    where, orderBy: [orderBy, { id: 'asc' }], skip: range[0], take: range[1] - range[0] + 1,
    include: { plan: { select: { name: true } } }, omit: { usageFolders: true, noticeState: true },
  });
  return { rows: rows.map(toApiMailbox), total: await app.prisma.mailbox.count({ where }) };
}

/** What the reply's schema lets through, as JSON: the serializer drops other keys and writes dates as ISO strings. */
function asReply(row: object, keys: string[]): unknown {
  const picked = Object.fromEntries(keys.map((k) => [k, (row as Record<string, unknown>)[k]]));
  return JSON.parse(JSON.stringify(picked));
}
const LIST_KEYS = Object.keys(MailboxSchema.properties);
const DETAIL_KEYS = Object.keys(MailboxDetailSchema.properties);

async function apiList(sort: [string, 'asc' | 'desc'], range: [number, number], filter: object) {
  const query = new URLSearchParams({ sort: JSON.stringify([sort[0], sort[1].toUpperCase()]), range: JSON.stringify(range), filter: JSON.stringify(filter) });
  const res = await as(app, staff, { method: 'GET', url: `/api/mailboxes?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return { rows: res.json() as unknown[], contentRange: res.headers['content-range'] };
}

const SORTS = ['id', 'address', 'displayName', 'status', 'usagePercent', 'usedBytes', 'effectiveLimitBytes', 'scannedAt', 'createdAt'];

describe('GET /api/mailboxes in SQL answers what the Prisma query builder answered', () => {
  it('for every sort field and direction, over several pages', async () => {
    for (const field of SORTS) {
      for (const order of ['asc', 'desc'] as const) {
        for (const range of [[0, 24], [20, 44], [0, 999], [75, 99]] as [number, number][]) {
          const ref = await referenceList([field, order], range, {});
          const got = await apiList([field, order], range, {});
          expect(got.rows, `${field} ${order} ${range}`).toEqual(ref.rows.map((r) => asReply(r, LIST_KEYS)));
          const end = ref.rows.length ? range[0] + ref.rows.length - 1 : range[0];
          expect(got.contentRange).toBe(`mailboxes ${range[0]}-${end}/${ref.total}`);
        }
      }
    }
  });

  it('for every filter, alone and combined', async () => {
    const filters: MailboxFilter[] = [
      { q: 'garcia' }, { q: 'GARCIA' }, { q: 'sql1' }, { q: 'example.org' }, { q: 'élodie' }, { q: 'person 1' }, { q: 'nobody' },
      { status: 'suspended' }, { status: 'deleted' }, { planId: 0 }, { overQuota: true }, { overQuota: false },
      { minPercent: 90 }, { maxPercent: 50 }, { minPercent: 20, maxPercent: 60.5 }, { staleHours: 24 }, { staleHours: 0 },
      { ids: [3, 5, 8, 13, 21, 34, 999] }, { q: 'sql', status: 'active', overQuota: false, staleHours: 1 },
    ];
    for (const filter of filters) {
      const f = filter.planId === 0 ? { ...filter, planId: planIds.big } : filter;
      for (const sort of [['address', 'asc'], ['usagePercent', 'desc'], ['scannedAt', 'asc']] as [string, 'asc' | 'desc'][]) {
        for (const range of [[0, 4], [0, 24]] as [number, number][]) {
          const ref = await referenceList(sort, range, f);
          const got = await apiList(sort, range, f.ids ? { ...f, ids: undefined, id: f.ids } : f);
          expect(got.rows, JSON.stringify({ f, sort, range })).toEqual(ref.rows.map((r) => asReply(r, LIST_KEYS)));
          const end = ref.rows.length ? range[0] + ref.rows.length - 1 : range[0];
          expect(got.contentRange, JSON.stringify({ f, sort, range })).toBe(`mailboxes ${range[0]}-${end}/${ref.total}`);
        }
      }
    }
  });

  it('searches for the text itself: % and _ are not wildcards', async () => {
    await app.prisma.$executeRaw`UPDATE mailboxes SET display_name = 'Under_score 100%' WHERE address = 'sql1@example.test'`;
    const underscore = await apiList(['address', 'asc'], [0, 24], { q: '_' });
    expect(underscore.rows.map((r) => (r as { address: string }).address)).toEqual(['sql1@example.test']);
    expect((await apiList(['address', 'asc'], [0, 24], { q: '0%' })).contentRange).toBe('mailboxes 0-0/1');
    expect((await apiList(['address', 'asc'], [0, 24], { q: '%' })).contentRange).toBe('mailboxes 0-0/1');
    expect((await apiList(['address', 'asc'], [0, 24], { q: 'sql\\' })).contentRange).toBe('mailboxes 0-0/0');
    await app.prisma.$executeRaw`UPDATE mailboxes SET display_name = 'Person 1' WHERE address = 'sql1@example.test'`;
  });
});

describe('GET /api/mailboxes/:id in SQL answers what the Prisma query builder answered', () => {
  it('for every mailbox: row, per-folder usage and the limit explained (plan, default plan, override, increases)', async () => {
    const repo = createMailboxRepository(app.prisma);
    const ids = (await app.prisma.mailbox.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((m) => m.id);
    expect(ids).toHaveLength(N);
    for (const id of ids) {
      const res = await as(app, staff, { method: 'GET', url: `/api/mailboxes/${id}` });
      expect(res.statusCode).toBe(200);
      const reference = { ...(await repo.findById(id))!, limit: await loadLimitExplanation(app.prisma, id) };
      expect(res.json(), `mailbox ${id}`).toEqual(asReply(reference, DETAIL_KEYS));
    }
    // The cases the limit explanation branches on are all there.
    const bodies = await Promise.all(ids.map(async (id) => (await as(app, staff, { method: 'GET', url: `/api/mailboxes/${id}` })).json()));
    const sources = new Set(bodies.map((b) => b.limit.baseSource));
    expect([...sources].sort()).toEqual(['override', 'plan']);
    expect(bodies.some((b) => b.planId === null && b.limit.baseSource === 'plan')).toBe(true); // the default plan
    expect(bodies.some((b) => b.limit.parts.filter((p: { kind: string }) => p.kind === 'temporary-increase').length === 2)).toBe(true);
    expect((await as(app, staff, { method: 'GET', url: '/api/mailboxes/999999' })).statusCode).toBe(404);
  });
});

describe('the whole list\'s total (mailbox_count_parts, kept by triggers)', () => {
  const total = async () => (await apiList(['address', 'asc'], [0, 4], {})).contentRange?.split('/')[1];
  const trueCount = async () => String(await app.prisma.mailbox.count());

  it('follows inserts and deletes, one or many rows a statement, and counts only what is committed', async () => {
    expect(await total()).toBe(await trueCount());
    const created = await as(app, staff, { method: 'POST', url: '/api/mailboxes', payload: { address: 'counted@example.test' } });
    expect(created.statusCode, created.body).toBe(201);
    expect(await total()).toBe(String(N + 1));
    await app.prisma.$executeRaw`INSERT INTO mailboxes (address, imap_login, updated_at) SELECT 'bulk' || i || '@example.test', 'bulk' || i, now() FROM generate_series(1, 30) i`;
    expect(await total()).toBe(String(N + 31));
    await app.prisma.$executeRaw`DELETE FROM mailboxes WHERE address LIKE 'bulk%' AND address <> 'bulk1@example.test'`;
    expect(await total()).toBe(String(N + 2));
    // Not committed yet: not counted (the sum is read in the reader's snapshot, as count(*) would be).
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const insertedYet = new Promise<void>((r) => (inserted = r));
    const tx = app.prisma.$transaction(async (t) => {
      await t.$executeRaw`INSERT INTO mailboxes (address, imap_login, updated_at) VALUES ('pending@example.test', 'pending', now())`;
      inserted();
      await held;
    }, { timeout: 20_000 });
    await insertedYet;
    expect(await total()).toBe(String(N + 2));
    release();
    await tx;
    expect(await total()).toBe(String(N + 3));
    expect(await total()).toBe(await trueCount());
  });

  it('folds many parts into one without changing the sum, also with folds and inserts running side by side', async () => {
    for (let i = 0; i < 120; i++) await app.prisma.$executeRaw`INSERT INTO mailboxes (address, imap_login, updated_at) VALUES (${`one${i}@example.test`}, ${`one${i}`}, now())`;
    const parts = async () => (await app.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM mailbox_count_parts`)[0].n;
    expect(await parts()).toBeGreaterThan(100);
    // Several lists (each may fold) while more mailboxes come and go.
    await Promise.all([
      ...Array.from({ length: 6 }, () => total()),
      ...Array.from({ length: 10 }, (_, i) => app.prisma.$executeRaw`INSERT INTO mailboxes (address, imap_login, updated_at) VALUES (${`side${i}@example.test`}, ${`side${i}`}, now())`),
      app.prisma.$executeRaw`DELETE FROM mailboxes WHERE address IN ('one0@example.test', 'one1@example.test')`,
    ]);
    expect(await total()).toBe(await trueCount());
    expect(await parts()).toBeLessThanOrEqual(12);
  });

  it('is 0 after TRUNCATE and counts again from there', async () => {
    await app.prisma.$executeRaw`TRUNCATE mailboxes CASCADE`;
    expect(await total()).toBe('0');
    await app.prisma.$executeRaw`INSERT INTO mailboxes (address, imap_login, updated_at) SELECT 'again' || i || '@example.test', 'again' || i, now() FROM generate_series(1, 7) i`;
    expect((await apiList(['address', 'asc'], [0, 4], {})).contentRange).toBe('mailboxes 0-4/7');
  });
});


describe('a search\'s total, kept while mailbox_text_version stays the same', () => {
  const Q = 'search person';
  const total = async () => (await apiList(['address', 'asc'], [0, 4], { q: Q })).contentRange?.split('/')[1];
  const trueCount = async () => String(await app.prisma.mailbox.count({ where: prismaWhere({ q: Q }, new Date()) }));
  const add = (name: string) => app.prisma.$executeRaw`INSERT INTO mailboxes (address, display_name, imap_login, updated_at) VALUES (${`${name}@example.test`}, 'Search Person', ${name}, now())`;

  beforeAll(async () => {
    // truncateAll empties every table, this one row included (without it nothing is kept: every search is counted).
    await app.prisma.$executeRaw`INSERT INTO mailbox_text_version (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING`;
    await app.prisma.$executeRaw`INSERT INTO mailboxes (address, display_name, imap_login, updated_at) SELECT 'sp' || i || '@example.test', 'Search Person ' || i, 'sp' || i, now() FROM generate_series(1, 40) i`;
  });

  it('is counted once and kept: a matching mailbox added with the version trigger off is not seen', async () => {
    expect(await total()).toBe('40');
    await app.prisma.$executeRaw`ALTER TABLE mailboxes DISABLE TRIGGER mailbox_text_version_change`;
    try {
      await add('unseen');
      expect(await total()).toBe('40'); // the kept total: proof the cache answers
    } finally {
      await app.prisma.$executeRaw`ALTER TABLE mailboxes ENABLE TRIGGER mailbox_text_version_change`;
    }
    await add('seen'); // a committed insert moves the version: counted again, both are there
    expect(await total()).toBe('42');
    expect(await total()).toBe(await trueCount());
  });

  it('follows renames and deletes at once, and counts an insert only once it is committed', async () => {
    await app.prisma.$executeRaw`UPDATE mailboxes SET display_name = 'Someone Else' WHERE address = 'sp1@example.test'`;
    expect(await total()).toBe('41');
    await app.prisma.$executeRaw`DELETE FROM mailboxes WHERE address = 'sp2@example.test'`;
    expect(await total()).toBe('40');
    // A usage scan's update moves nothing: still kept (and still right).
    await app.prisma.$executeRaw`UPDATE mailboxes SET usage_percent = 50, scanned_at = now() WHERE display_name LIKE 'Search Person%'`;
    expect(await total()).toBe('40');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const insertedYet = new Promise<void>((r) => (inserted = r));
    const tx = app.prisma.$transaction(async (t) => {
      await t.$executeRaw`INSERT INTO mailboxes (address, display_name, imap_login, updated_at) VALUES ('late@example.test', 'Search Person', 'late', now())`;
      inserted();
      await held;
    }, { timeout: 20_000 });
    await insertedYet;
    expect(await total()).toBe('40');
    release();
    await tx;
    expect(await total()).toBe('41');
    expect(await total()).toBe(await trueCount());
  });

  it('stays exact with transactions adding and renaming side by side (the bump waits for commit: no deadlock)', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => app.prisma.$transaction(async (t) => {
      await t.$executeRaw`INSERT INTO mailboxes (address, display_name, imap_login, updated_at) VALUES (${`par${i}@example.test`}, 'Search Person', ${`par${i}`}, now())`;
      await t.$executeRaw`UPDATE mailboxes SET display_name = 'Renamed' WHERE address = ${`sp${10 + i}@example.test`}`;
    })));
    expect(await total()).toBe(await trueCount());
    expect(await total()).toBe('41');
  });
});
