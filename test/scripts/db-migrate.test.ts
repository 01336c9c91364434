// `npm run db:migrate` (scripts/db-migrate.ts) on a database that does not exist yet: it creates it, as `npm start`
// does, then applies every migration. Real PostgreSQL, real Prisma migrate.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testPort } from '../harness/env.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NAME = `mw_migrate_check_${testPort(0)}`;
const ADMIN_URL = 'postgresql://root@127.0.0.1:5432/postgres';
const URL = `postgresql://root@127.0.0.1:5432/${NAME}`;

async function sql(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try { return (await client.query(text)).rows; } finally { await client.end(); }
}
const migrate = () => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/db-migrate.ts'], {
  cwd: ROOT, env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/root', DATABASE_URL: URL }, encoding: 'utf8', timeout: 120_000,
});

afterAll(() => sql(ADMIN_URL, `DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`));

describe('npm run db:migrate', () => {
  it('creates a missing database and migrates it', async () => {
    await sql(ADMIN_URL, `DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
    const first = migrate();
    expect(first.stdout + first.stderr).toContain(`db:migrate: created database ${NAME}`);
    expect(first.status, first.stderr).toBe(0);
    const views = await sql(URL, "SELECT 1 FROM pg_views WHERE viewname = 'dovecot_users'");
    expect(views).toHaveLength(1);
    expect(first.stdout).toContain(`db:migrate: database ${NAME} is up to date`);
  }, 240_000);

  it('with a bad DATABASE_URL stops with exit 78 naming it', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/db-migrate.ts'], {
      cwd: ROOT, env: { PATH: process.env.PATH!, DATABASE_URL: 'mysql://nope' }, encoding: 'utf8', timeout: 60_000,
    });
    expect(res.status, res.stderr).toBe(78);
    expect(res.stderr).toContain('DATABASE_URL must match pattern');
  }, 60_000);
});
