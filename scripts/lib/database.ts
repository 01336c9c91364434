// Create the database if it is missing and apply migrations: used by `npm start`, tests and benchmarks.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** Creates the database if it does not exist yet; true when it did. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[\w-]+$/.test(name)) throw new Error(`database name ${name} must be letters, digits, _ or -`);
  // Try the database itself first: a production role may own its database yet not be allowed into `postgres`.
  const probe = new pg.Client({ connectionString: databaseUrl });
  try {
    await probe.connect();
    return false;
  } catch (err) {
    if ((err as { code?: string }).code !== '3D000') throw err; // 3D000 invalid_catalog_name: it does not exist
  } finally {
    await probe.end().catch(() => undefined);
  }
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    return true;
  } finally {
    await admin.end();
  }
}

/** `prisma migrate deploy` (the wasm engine lingers ~10 s after finishing: run it once, not per test). */
export async function migrate(databaseUrl: string): Promise<void> {
  await run('npx', ['prisma', 'migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: databaseUrl } });
}
