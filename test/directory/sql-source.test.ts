// DIRECTORY_SOURCE=sql: the mail server's own user table as the directory. Real PostgreSQL: a separate database
// stands in for an existing userdb (a PostfixAdmin-style mailbox table), read by the real source through
// configuredSync, exactly as the worker builds it, and synced into the shared test database by runDirectorySync.
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/core/config.ts';
import { configuredSync, describeSource } from '../../server/core/directory/configured.ts';
import { DirectoryConfigError, DirectoryReadError } from '../../server/core/directory/ldap-source.ts';
import { runDirectorySync } from '../../server/core/directory/sync.ts';
import { createPrisma, type Db } from '../../server/core/lib/prisma.ts';
import { createRun } from '../../server/core/repositories/directory-sync-runs.ts';
import { truncateAll } from '../harness/db.ts';
import { TEST_DATABASE_URL, TEST_DB_NAME, TEST_REDIS_URL } from '../harness/env.ts';

const USERDB = `${TEST_DB_NAME}_userdb`;
const USERDB_URL = TEST_DATABASE_URL.replace(/\/[^/]+$/, `/${USERDB}`);
const QUERY = 'SELECT username AS address, name AS display_name, quota_plan AS plan FROM mailbox WHERE active';
let prisma: Db;
let redis: Redis;
let userdb: pg.Client;

const env = (extra: Record<string, string> = {}) => ({
  DIRECTORY_SOURCE: 'sql', DIRECTORY_SQL_URL: USERDB_URL, DIRECTORY_SQL_QUERY: QUERY, DIRECTORY_SQL_PLANS: 'true',
  QUEUE_PREFIX: `mwtest-dirsql-${process.pid}`, DATABASE_URL: TEST_DATABASE_URL, ...extra,
});
async function sync(extra: Record<string, string> = {}, dryRun = false) {
  const deps = configuredSync(loadConfig(env(extra), []), prisma, redis, { warn: () => undefined });
  const runId = await createRun(prisma, { source: 'sql', dryRun, trigger: 'manual' });
  return runDirectorySync(deps, { runId, dryRun });
}
const mailboxes = () => prisma.mailbox.findMany({ orderBy: { address: 'asc' }, select: { address: true, imapLogin: true, displayName: true, status: true, directorySource: true, plan: { select: { name: true } } } });

beforeAll(async () => {
  prisma = createPrisma(TEST_DATABASE_URL);
  redis = new Redis(TEST_REDIS_URL);
  await truncateAll(prisma);
  await prisma.quotaPlan.create({ data: { name: 'standard', storageLimitBytes: 1n << 30n, isDefault: true } });
  await prisma.quotaPlan.create({ data: { name: 'large', storageLimitBytes: 10n << 30n } });
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${USERDB}`);
  await admin.query(`CREATE DATABASE ${USERDB}`);
  await admin.end();
  userdb = new pg.Client({ connectionString: USERDB_URL });
  await userdb.connect();
  await userdb.query('CREATE TABLE mailbox (username text PRIMARY KEY, name text, active boolean NOT NULL DEFAULT true, quota_plan text)');
  const rows = Array.from({ length: 2500 }, (_, i) => [`u${i + 1}@legacy.example.test`, `User ${i + 1}`, i % 10 === 0 ? 'large' : 'standard']);
  await userdb.query('INSERT INTO mailbox (username, name, quota_plan) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])', [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])]);
  await userdb.query(`INSERT INTO mailbox (username, name) VALUES ('not an address', 'Broken')`);
});

afterAll(async () => {
  await userdb?.end();
  redis?.disconnect();
  await prisma?.$disconnect();
});

describe('the mail server\'s user table as the directory (DIRECTORY_SOURCE=sql)', () => {
  it('creates a mailbox per row, in pages, login = address, plan by name, and reports a row it cannot map', async () => {
    const run = await sync();
    expect(run).toMatchObject({ status: 'completed', applied: true, entries: 2501, touched: 2500 });
    expect(run.diff.problems).toEqual([expect.objectContaining({ reason: 'invalid-address', detail: 'not an address' })]);
    const all = await mailboxes();
    expect(all).toHaveLength(2500);
    expect(all.find((m) => m.address === 'u11@legacy.example.test')).toEqual({
      address: 'u11@legacy.example.test', imapLogin: 'u11@legacy.example.test', displayName: 'User 11', status: 'active', directorySource: 'sql', plan: { name: 'large' },
    });
  });

  it('changes nothing when run again, and takes out a row that is no longer active (within the safety stop)', async () => {
    expect((await sync()).touched).toBe(0);
    await userdb.query(`UPDATE mailbox SET active = false WHERE username IN ('u1@legacy.example.test', 'u2@legacy.example.test')`);
    const dry = await sync({}, true);
    expect(dry.diff.gone.map((g) => g.address).sort()).toEqual(['u1@legacy.example.test', 'u2@legacy.example.test']);
    const run = await sync();
    expect(run.diff.gone).toEqual(dry.diff.gone);
    expect((await mailboxes()).filter((m) => m.status !== 'active').map((m) => m.address).sort()).toEqual(['u1@legacy.example.test', 'u2@legacy.example.test']);
  });

  it('leaves plans alone unless DIRECTORY_SQL_PLANS is on', async () => {
    await userdb.query(`UPDATE mailbox SET quota_plan = 'standard' WHERE username = 'u11@legacy.example.test'`);
    expect((await sync({ DIRECTORY_SQL_PLANS: 'false' })).touched).toBe(0);
    expect((await prisma.mailbox.findUniqueOrThrow({ where: { address: 'u11@legacy.example.test' }, include: { plan: true } })).plan?.name).toBe('large');
  });

  it('fails with nothing changed on a query the database refuses, or a database it cannot reach', async () => {
    const before = await mailboxes();
    const bad = await sync({ DIRECTORY_SQL_QUERY: 'SELECT username AS address FROM no_such_table' }).catch((err: unknown) => err);
    expect(bad).toBeInstanceOf(DirectoryReadError);
    expect(bad).toMatchObject({ permanent: true, message: expect.stringContaining('no_such_table') });
    const down = await sync({ DIRECTORY_SQL_URL: 'postgresql://root@127.0.0.1:1/nothing' }).catch((err: unknown) => err);
    expect(down).toMatchObject({ permanent: false, message: expect.stringContaining('cannot be reached') });
    expect(await mailboxes()).toEqual(before);
  });

  it('refuses a configuration that is not one SELECT, and never shows the URL\'s password', () => {
    expect(() => configuredSync(loadConfig(env({ DIRECTORY_SQL_QUERY: 'DELETE FROM mailbox' }), []), prisma, redis, { warn: () => undefined })).toThrow(DirectoryConfigError);
    expect(() => configuredSync(loadConfig(env({ DIRECTORY_SQL_QUERY: `${QUERY}; DROP TABLE mailbox` }), []), prisma, redis, { warn: () => undefined })).toThrow(/one SELECT/);
    const shown = describeSource(loadConfig(env({ DIRECTORY_SQL_URL: 'postgresql://reader:s3cret-pass@db.example.org:5432/mail' }), []));
    expect(shown.sql).toEqual({ database: 'db.example.org:5432/mail', query: QUERY, plans: true });
    expect(JSON.stringify(shown)).not.toContain('s3cret-pass');
  });
});
