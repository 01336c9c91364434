// Real: OpenLDAP slapd (private instance on 10607), PostgreSQL, Redis, the test Dovecot (its userdb is the dovecot_users
// view of the test database, its deny passdb the dovecot_login_denied view) and Mailwarden's policy service in-process.
// A gone mailbox follows the mailbox lifecycle (docs/mailbox-lifecycle.md): disabled, or deleted with a purge time.
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/core/config.ts';
import { ldapSettings, readLdap } from '../../server/core/directory/ldap-source.ts';
import { runDirectorySync } from '../../server/core/directory/sync.ts';
import { createPrisma, type Db } from '../../server/core/lib/prisma.ts';
import { createRun } from '../../server/core/repositories/directory-sync-runs.ts';
import { truncateAll } from '../harness/db.ts';
import { TEST_DATABASE_URL, TEST_MAIL_PASSWORD, TEST_PORTS, TEST_REDIS_URL, testMailUser, testPort } from '../harness/env.ts';
import { directoryLdif, PEOPLE_OU, range, type Person } from '../harness/ldif.ts';
import { startTestPolicy, type TestPolicy } from '../harness/policy.ts';
import { startSlapd, type SlapdHandle } from '../harness/slapd.ts';

const SUFFIX = 'dc=example,dc=org';
const PREFIX = `mwtest-dir-gone-${process.pid}`;
const UNKNOWN = 'REJECT 5.1.1 not a Mailwarden mailbox'; // told apart from the stale-usage answer (DUNNO)
const DISABLED = '450 4.2.1 Mailbox disabled, try again later'; // POLICY_DISABLED_ACTION's default
const DELETED = '550 5.1.1 Mailbox deleted'; // POLICY_DELETED_ACTION's default
const people = (from: number, to: number): Person[] => [...range(from, to)].map((n) => ({ uid: `p${n}`, mail: testMailUser(n), displayName: `Person ${n}` }));
let slapd: SlapdHandle;
let dir: string;
let prisma: Db;
let redis: Redis;
let policy: TestPolicy;

async function sync(gone: { status: 'disabled' | 'deleted'; graceDays: number } = { status: 'disabled', graceDays: 30 }) {
  const settings = ldapSettings(loadConfig({ LDAP_URL: slapd.url, LDAP_BASE_DN: PEOPLE_OU(SUFFIX), LDAP_FILTER: '(objectClass=inetOrgPerson)' }, []));
  const runId = await createRun(prisma, { source: 'ldap', dryRun: false, trigger: 'manual' });
  return runDirectorySync({ prisma, redis, queuePrefix: PREFIX, source: 'ldap', mapping: settings.mapping, read: () => readLdap(settings), maxDisablePercent: 10, gone, logger: { warn: () => undefined } }, { runId, dryRun: false });
}

async function imapLogin(user: string): Promise<string> {
  const client = new ImapFlow({ host: '127.0.0.1', port: TEST_PORTS.imap, secure: false, auth: { user, pass: TEST_MAIL_PASSWORD }, logger: false });
  try {
    await client.connect();
    await client.logout();
    return 'ok';
  } catch (err) {
    const e = err as { responseText?: string; serverResponseCode?: string; message: string };
    return `refused: ${e.serverResponseCode ?? ''} ${e.responseText ?? e.message}`.trim();
  }
}

function policyAction(recipient: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(policy.port, '127.0.0.1', () =>
      socket.write(`request=smtpd_access_policy\nprotocol_state=RCPT\nrecipient=${recipient}\nsize=1000\n\n`));
    let data = '';
    socket.on('data', (b) => { data += b; if (data.endsWith('\n\n')) { socket.end(); resolve(data.trim()); } });
    socket.on('error', reject);
  });
}

async function eventually(fn: () => Promise<string>, want: string): Promise<string> {
  let got = '';
  for (let i = 0; i < 50 && (got = await fn()) !== want; i++) await new Promise((r) => setTimeout(r, 100));
  return got;
}

beforeAll(async () => {
  prisma = createPrisma(TEST_DATABASE_URL);
  redis = new Redis(TEST_REDIS_URL);
  await truncateAll(prisma);
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mw-dir-gone-'));
  slapd = await startSlapd({ dir, port: testPort(10607), suffix: SUFFIX, ldif: directoryLdif(SUFFIX, people(41, 60)) });
  policy = await startTestPolicy({ QUEUE_PREFIX: PREFIX, POLICY_UNKNOWN_RECIPIENT_ACTION: UNKNOWN });
});

afterAll(async () => {
  await policy?.stop();
  await slapd?.stop();
  redis?.disconnect();
  await prisma?.$disconnect();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('a mailbox whose directory entry is gone', () => {
  it('logs in and gets mail while in the directory; once gone it is disabled: login refused, Postfix told to retry later', async () => {
    expect(await sync()).toMatchObject({ status: 'completed', applied: true, touched: 20 });
    const gone = testMailUser(60);
    expect(await imapLogin(gone)).toBe('ok');
    expect(await eventually(() => policyAction(gone), 'action=DUNNO')).toBe('action=DUNNO');

    await slapd.reload(directoryLdif(SUFFIX, people(41, 59))); // 1 of 20 gone: 5 %, under the 10 % stop
    expect(await sync()).toMatchObject({ status: 'completed', applied: true, touched: 1 });
    expect(await prisma.mailbox.findUniqueOrThrow({ where: { address: gone } })).toMatchObject({ status: 'disabled', statusReason: 'gone from the directory', purgeAfter: null });
    // Dovecot's deny passdb (dovecot_login_denied) refuses the login as a failed authentication, not an internal error.
    expect(await imapLogin(gone)).toMatch(/^refused: AUTHENTICATIONFAILED/);
    expect(await eventually(() => policyAction(gone), `action=${DISABLED}`)).toBe(`action=${DISABLED}`);
    expect(await imapLogin(testMailUser(59))).toBe('ok');

    await slapd.reload(directoryLdif(SUFFIX, people(41, 60)));
    expect(await sync()).toMatchObject({ diff: { returned: [{ address: gone }] } });
    expect(await prisma.mailbox.findUniqueOrThrow({ where: { address: gone } })).toMatchObject({ status: 'active', statusReason: 'back in the directory' });
    expect(await imapLogin(gone)).toBe('ok');
    expect(await eventually(() => policyAction(gone), 'action=DUNNO')).toBe('action=DUNNO');
  });

  it('with DIRECTORY_GONE_STATUS=deleted it is deleted with a purge time, and restored when the entry returns before the purge', async () => {
    const gone = testMailUser(58);
    await slapd.reload(directoryLdif(SUFFIX, people(41, 60).filter((p) => p.mail !== gone)));
    const before = Date.now();
    expect(await sync({ status: 'deleted', graceDays: 7 })).toMatchObject({ status: 'completed', applied: true, touched: 1 });
    const row = await prisma.mailbox.findUniqueOrThrow({ where: { address: gone } });
    expect(row).toMatchObject({ status: 'deleted', statusReason: 'gone from the directory' });
    expect(row.purgeAfter!.getTime() - before).toBeGreaterThanOrEqual(7 * 86_400_000 - 1000);
    expect(await imapLogin(gone)).toMatch(/^refused: AUTHENTICATIONFAILED/);
    expect(await eventually(() => policyAction(gone), `action=${DELETED}`)).toBe(`action=${DELETED}`);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'mailbox.delete', entityId: String(row.id) } });
    expect(audit.after).toMatchObject({ status: 'deleted', reason: 'gone from the directory' });

    await slapd.reload(directoryLdif(SUFFIX, people(41, 60)));
    expect(await sync({ status: 'deleted', graceDays: 7 })).toMatchObject({ diff: { returned: [{ address: gone }] } });
    expect(await prisma.mailbox.findUniqueOrThrow({ where: { address: gone } })).toMatchObject({ status: 'active', deletedAt: null, purgeAfter: null });
    expect(await imapLogin(gone)).toBe('ok');
  });
});
