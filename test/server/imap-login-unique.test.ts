// Real PostgreSQL (the unique index on lower(imap_login) from the migration) and Redis; the API via app.inject. The
// migration's duplicate check runs against a throw-away database, statement by statement as Prisma's adapter runs it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, type Session } from '../harness/app.ts';
import { startAppAs } from '../harness/signed-in-app.ts';

const MIGRATION = fileURLToPath(new URL('../../prisma/migrations/20261205230300_unique_imap_login/migration.sql', import.meta.url));
let app: FastifyInstance;
let ops: Session;

beforeAll(async () => {
  ({ app, session: ops } = await startAppAs('ops'));
});
afterAll(() => app?.close());

const create = (payload: object) => as(app, ops, { method: 'POST', url: '/api/mailboxes', payload });

describe('IMAP logins are unique, case-insensitively', () => {
  it('answers 409 naming imapLogin when another mailbox has the same login in another case', async () => {
    expect((await create({ address: 'first@example.test', imapLogin: 'Shared.Login@Example.test' })).statusCode).toBe(201);
    const res = await create({ address: 'second@example.test', imapLogin: 'shared.login@EXAMPLE.TEST' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ statusCode: 409, error: 'Conflict', message: 'body.imapLogin shared.login@EXAMPLE.TEST is already taken by first@example.test' });
    expect(await app.prisma.mailbox.count({ where: { address: 'second@example.test' } })).toBe(0);
  });

  it('counts a login taken from the address (the default) too', async () => {
    expect((await create({ address: 'owner@example.test', imapLogin: 'Taken@Example.test' })).statusCode).toBe(201);
    const res = await create({ address: 'taken@example.test' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('body.imapLogin taken@example.test is already taken by owner@example.test');
  });

  it('refuses an import whose address is another mailbox\'s login with 409 naming imapLogin, importing nothing', async () => {
    const res = await as(app, ops, {
      method: 'POST', url: '/api/mailboxes/import', headers: { 'content-type': 'text/csv' },
      payload: 'address,displayName\nfresh@example.test,Fresh\nshared.login@example.test,Clash\n',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/^imapLogin /);
    expect(await app.prisma.mailbox.count({ where: { address: 'fresh@example.test' } })).toBe(0);
  });

  it('cannot get a clash through an update: PUT leaves the login as it is (only registration sets it)', async () => {
    const own = (await create({ address: 'keeps@example.test' })).json();
    const res = await as(app, ops, { method: 'PUT', url: `/api/mailboxes/${own.id}`, payload: { ...own, imapLogin: 'SHARED.LOGIN@example.test' } });
    expect(res.statusCode).toBe(200);
    expect((await app.prisma.mailbox.findUnique({ where: { id: own.id } }))?.imapLogin).toBe('keeps@example.test');
  });

  it('is enforced by the database itself, whatever path writes the row', async () => {
    await expect(app.prisma.mailbox.create({ data: { address: 'direct@example.test', imapLogin: 'SHARED.LOGIN@example.test' } })).rejects.toMatchObject({ code: 'P2002' });
  });
});

describe('migration 20261205230300_unique_imap_login', () => {
  const db = `mw_login_migration_${process.pid}`;
  const admin = () => new pg.Client({ connectionString: 'postgresql://root@127.0.0.1:5432/postgres' });
  /** Runs the file as @prisma/adapter-pg's executeScript does: split at each semicolon, one statement at a time. */
  async function migrate(client: pg.Client) {
    for (const statement of readFileSync(MIGRATION, 'utf8').split(';').map((s) => s.trim()).filter(Boolean)) await client.query(statement);
  }

  it('stops with a message naming the duplicates instead of changing data, and applies once they are gone', async () => {
    const a = admin();
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await a.query(`CREATE DATABASE ${db}`);
    const client = new pg.Client({ connectionString: `postgresql://root@127.0.0.1:5432/${db}` });
    try {
      await client.connect();
      await client.query('CREATE TABLE mailboxes (id serial PRIMARY KEY, address text UNIQUE NOT NULL, imap_login text NOT NULL)');
      await client.query(`INSERT INTO mailboxes (address, imap_login) VALUES ('a@x.test', 'Pat@X.test'), ('b@x.test', 'pat@x.TEST'), ('c@x.test', 'c@x.test')`);
      await expect(migrate(client)).rejects.toThrow(/Cannot make IMAP logins unique: mailboxes share a login \(case-insensitively\): pat@x\.test used by a@x\.test, b@x\.test\. Give each mailbox its own login/);
      expect((await client.query('SELECT imap_login FROM mailboxes ORDER BY id')).rows.map((r) => r.imap_login)).toEqual(['Pat@X.test', 'pat@x.TEST', 'c@x.test']);
      await client.query(`UPDATE mailboxes SET imap_login = 'b@x.test' WHERE id = 2`);
      await migrate(client);
      await expect(client.query(`INSERT INTO mailboxes (address, imap_login) VALUES ('d@x.test', 'C@X.TEST')`)).rejects.toThrow(/mailboxes_imap_login_lower_key/);
    } finally {
      await client.end();
      await a.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await a.end();
    }
  });
});
