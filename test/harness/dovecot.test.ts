// Real: Dovecot 2.3 (its own instance on 10243/10210/10240), PostgreSQL (a throwaway database built from prisma/migrations), imapflow. Nothing stubbed.
import { testPort } from './env.ts';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotHandle } from '../../scripts/lib/dovecot.ts';
import { buildMessage, seedMailbox } from '../../scripts/lib/seed-mail.ts';

const PORTS = { imap: testPort(10243), pop3: testPort(10210), quotaStatus: testPort(10240) };
const MASTER = { user: 'mailwarden', password: randomBytes(12).toString('hex') };
const ALICE = 'alice@example.test'; // limited mailbox, gets an end-user password
const BOB = 'bob@example.test'; // NULL limit, no password: reachable only through the master user
const MiB = 1024 * 1024;
const DB_NAME = `mw_dovecot_test_${randomBytes(4).toString('hex')}`;
const serverUrl = new URL('postgresql://root@127.0.0.1:5432/postgres');
const dbUrl = Object.assign(new URL(serverUrl), { pathname: `/${DB_NAME}` }).toString();

let dovecot: DovecotHandle;
let db: pg.Client;
let dir: string;

/** A fresh database with the project's migrations, so the dovecot_users view is the real one. */
async function createDatabase(): Promise<pg.Client> {
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const migrations = path.resolve(import.meta.dirname, '../../prisma/migrations');
  for (const name of (await fs.readdir(migrations)).filter((n) => /^\d/.test(n)).sort()) {
    await client.query(await fs.readFile(path.join(migrations, name, 'migration.sql'), 'utf8'));
  }
  return client;
}

async function connect(auth: ImapFlowOptions['auth']): Promise<ImapFlow> {
  const client = new ImapFlow({ host: '127.0.0.1', port: PORTS.imap, secure: false, auth, logger: false });
  await client.connect();
  return client;
}

const asMaster = (login: string) => connect({ user: `${login}*${MASTER.user}`, pass: MASTER.password });

async function withClient<T>(client: ImapFlow, fn: (c: ImapFlow) => Promise<T>): Promise<T> {
  try {
    return await fn(client);
  } finally {
    await client.logout();
  }
}

// dovecot_users computes the limit from the override, the plan and increases (one rule, server/core/services/mailbox-limits.ts).
const setLimit = (login: string, bytes: number | null) =>
  db.query('UPDATE mailboxes SET limit_override_bytes = $2, effective_limit_bytes = $2, updated_at = now() WHERE imap_login = $1', [login, bytes]);

/** One Postfix policy-delegation request to Dovecot's quota-status service. */
function policyAction(recipient: string, size: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(PORTS.quotaStatus, '127.0.0.1', () =>
      socket.write(`request=smtpd_access_policy\nprotocol_state=RCPT\nrecipient=${recipient}\nsize=${size}\n\n`));
    let data = '';
    socket.on('data', (b) => {
      data += b;
      if (data.endsWith('\n\n')) { socket.end(); resolve(data.trim()); }
    });
    socket.on('error', reject);
  });
}

beforeAll(async () => {
  db = await createDatabase();
  await db.query(
    `INSERT INTO mailboxes (address, imap_login, limit_override_bytes, effective_limit_bytes, updated_at)
     VALUES ($1, $1, $2, $2, now()), ($3, $3, NULL, NULL, now())`,
    [ALICE, MiB, BOB],
  );
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mw-dovecot-'));
  const started = Date.now();
  dovecot = await startDovecot({
    dir, imapPort: PORTS.imap, pop3Port: PORTS.pop3, quotaStatusPort: PORTS.quotaStatus,
    databaseUrl: dbUrl, masterUser: MASTER.user, masterPassword: MASTER.password,
  });
  console.info(`dovecot started in ${Date.now() - started} ms`);
});

afterAll(async () => {
  await dovecot?.stop();
  await db?.end();
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.end();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('startDovecot: logins', () => {
  it('lets the master user open a mailbox as user*master and reports the limit from PostgreSQL', async () => {
    const quota = await withClient(await asMaster(ALICE), (c) => c.getQuota('INBOX'));
    expect(quota && quota.storage?.limit).toBe(MiB);
  });

  it('shows a changed effective_limit_bytes on the next login, without a restart', async () => {
    await setLimit(ALICE, 2 * MiB);
    const quota = await withClient(await asMaster(ALICE), (c) => c.getQuota('INBOX'));
    expect(quota && quota.storage?.limit).toBe(2 * MiB);
  });

  it('gives a mailbox with a NULL limit the default rule (no storage limit)', async () => {
    const quota = await withClient(await asMaster(BOB), (c) => c.getQuota('INBOX'));
    expect(quota && quota.storage?.limit).toBeFalsy();
  });

  it('accepts SASL PLAIN with the master user as authcid and the mailbox as authzid', async () => {
    const client = await connect({ user: MASTER.user, pass: MASTER.password, authzid: ALICE, loginMethod: 'AUTH=PLAIN' });
    const quota = await withClient(client, (c) => c.getQuota('INBOX'));
    expect(quota && quota.storage?.limit).toBe(2 * MiB);
  });

  it('rejects a wrong master password quickly (no failure delay or penalty)', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const started = Date.now();
      await expect(connect({ user: `${ALICE}*${MASTER.user}`, pass: 'wrong' })).rejects.toMatchObject({ authenticationFailed: true });
      expect(Date.now() - started).toBeLessThan(1500); // Dovecot's default would be 2, 4, 8 s
    }
  });

  it('refuses a master login to a mailbox that is not in the database', async () => {
    await expect(asMaster('nobody@example.test')).rejects.toMatchObject({ authenticationFailed: true });
  });

  it('lets a user added at runtime log in with their own password, and nobody else as a password-less user', async () => {
    await dovecot.addUser(ALICE, 'alice-pw');
    const quota = await withClient(await connect({ user: ALICE, pass: 'alice-pw' }), (c) => c.getQuota('INBOX'));
    expect(quota && quota.storage?.limit).toBe(2 * MiB);
    await expect(connect({ user: BOB, pass: 'anything' })).rejects.toMatchObject({ authenticationFailed: true });
  });

  it('keeps the password and SQL files readable by group dovecot only (mode 640)', async () => {
    const group = (await fs.readFile('/etc/group', 'utf8')).split('\n').find((l) => l.startsWith('dovecot:'))!;
    for (const name of ['master-users', 'users', 'dovecot-sql.conf.ext']) {
      const st = await fs.stat(path.join(dovecot.dir, name));
      expect({ name, mode: st.mode & 0o777, gid: st.gid }).toEqual({ name, mode: 0o640, gid: Number(group.split(':')[2]) });
    }
    expect(await fs.readFile(path.join(dovecot.dir, 'master-users'), 'utf8')).not.toContain(MASTER.password);
  });

  it('serves POP3 on its port', async () => {
    const transcript = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(PORTS.pop3, '127.0.0.1');
      const lines = [`USER ${ALICE}*${MASTER.user}`, `PASS ${MASTER.password}`, 'STAT', 'QUIT'];
      let data = '';
      socket.on('data', (b) => {
        data += b;
        const next = lines.shift();
        if (next) socket.write(next + '\r\n');
      });
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(transcript).toMatch(/^\+OK/);
    expect(transcript).toMatch(/\+OK Logged in/);
  });
});

describe('seedMailbox', () => {
  it('appends messages with the chosen internal dates, sizes and flags', async () => {
    const now = new Date('2026-06-01T12:00:00Z');
    const client = await asMaster(BOB);
    await withClient(client, async (c) => {
      const seeded = await seedMailbox(c, BOB, [
        { folder: 'INBOX', count: 3, ageDays: [1, 365], sizeBytes: 5000, flags: ['\\Seen'] },
        { folder: 'Projects/2020', count: 2, ageDays: 2000 },
      ], { now });
      expect(seeded.map((m) => m.date.toISOString())).toEqual([
        '2026-05-31T12:00:00.000Z', '2025-11-30T12:00:00.000Z', '2025-06-01T12:00:00.000Z',
        '2020-12-09T12:00:00.000Z', '2020-12-09T12:00:00.000Z',
      ]);
      const lock = await c.getMailboxLock('INBOX');
      try {
        const fetched = [];
        for await (const m of c.fetch('1:*', { uid: true, internalDate: true, size: true, flags: true, envelope: true })) fetched.push(m);
        expect(fetched.map((m) => ({ uid: m.uid, date: new Date(m.internalDate!).toISOString(), size: m.size, seen: m.flags?.has('\\Seen'), id: m.envelope?.messageId })))
          .toEqual(seeded.slice(0, 3).map((s) => ({ uid: s.uid, date: s.date.toISOString(), size: 5000, seen: true, id: s.messageId })));
      } finally {
        lock.release();
      }
      expect(await c.status('Projects/2020', { messages: true })).toMatchObject({ messages: 2 });
    });
  });

  it('builds the same bytes for the same input', () => {
    const opts = { from: 'a@example.test', to: 'b@example.test', subject: 'Grüße', date: new Date('2024-01-02T03:04:05Z'), sizeBytes: 3001 };
    const raw = buildMessage(opts);
    expect(raw.equals(buildMessage(opts))).toBe(true);
    expect(raw.length).toBe(3001);
    expect(raw.toString()).toContain('Date: Tue, 02 Jan 2024 03:04:05 +0000\r\n');
    expect(raw.toString()).toContain('Subject: =?UTF-8?B?');
  });

  it('finds the auto-created special-use folders', async () => {
    const boxes = await withClient(await asMaster(BOB), (c) => c.list());
    const specialUse = boxes.map((b) => b.specialUse).filter(Boolean).sort();
    expect(specialUse).toEqual(['\\Archive', '\\Drafts', '\\Inbox', '\\Junk', '\\Sent', '\\Trash']);
  });
});

describe('quota enforcement', () => {
  it('agrees with doveadm quota get', async () => {
    await withClient(await asMaster(ALICE), (c) => seedMailbox(c, ALICE, [{ folder: 'INBOX', count: 4, ageDays: 3, sizeBytes: 50_000 }]));
    const quota = await withClient(await asMaster(ALICE), (c) => c.getQuota('INBOX'));
    const out = await dovecot.doveadm(['-f', 'tab', 'quota', 'get', '-u', ALICE]);
    const storage = out.split('\n').map((l) => l.split('\t')).find((f) => f[1] === 'STORAGE');
    expect(storage && { used: Number(storage[2]) * 1024, limit: Number(storage[3]) * 1024 })
      .toEqual({ used: quota && quota.storage?.usage, limit: quota && quota.storage?.limit });
    expect(Number(storage?.[2])).toBeGreaterThan(150); // ~200 KB in KiB
  });

  it('refuses an APPEND that would exceed the limit with [OVERQUOTA]', async () => {
    await setLimit(ALICE, 300 * 1024);
    const big = buildMessage({ from: 'a@example.test', to: ALICE, subject: 'too big', date: new Date(), sizeBytes: 200_000 });
    await withClient(await asMaster(ALICE), async (c) => {
      await expect(c.append('INBOX', big)).rejects.toMatchObject({ serverResponseCode: 'OVERQUOTA' });
    });
  });

  it('answers Postfix policy requests through the quota-status service', async () => {
    expect(await policyAction(ALICE, 1000)).toBe('action=DUNNO');
    expect(await policyAction(ALICE, 5 * MiB)).toBe('action=552 5.2.2 Mailbox is full');
    expect(await policyAction('nobody@example.test', 5 * MiB)).toBe('action=DUNNO');
  });
});
