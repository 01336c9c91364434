// Runs once per `npm test`: a fresh, migrated test database and one real Dovecot whose userdb
// reads that database. Test files share them (they run one at a time: vitest.config.ts).
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { startDovecot, type DovecotHandle } from '../../scripts/lib/dovecot.ts';
import { rm } from 'node:fs/promises';
import { claimSlot } from './slot.ts';
import { DOVECOT, ensurePackages } from '../../scripts/lib/system-packages.ts';
import { startCyrus, type CyrusHandle } from '../../scripts/lib/cyrus.ts';

// Claim a slot before env.ts computes ports and names from MW_TEST_OFFSET (an explicit value wins).
const slot = process.env.MW_TEST_OFFSET === undefined ? claimSlot() : null;
if (slot) process.env.MW_TEST_OFFSET = String(slot.offset);
const {
  TEST_DOVEADM_API_KEY, TEST_DATABASE_URL, TEST_DB_NAME, TEST_DOVECOT_DIR, TEST_MAIL_PASSWORD, TEST_MAIL_USER_COUNT, TEST_MASTER,
  TEST_PORTS, testMailUser,
} = await import('./env.ts');

let dovecot: DovecotHandle | undefined;
let cyrus: CyrusHandle | undefined;

async function recreateDatabase() {
  const admin = new pg.Client({ connectionString: 'postgresql://root@127.0.0.1:5432/postgres' });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEST_DB_NAME} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEST_DB_NAME}`);
  } finally {
    await admin.end();
  }
  execFileSync('npx', ['prisma', 'migrate', 'deploy'], {
    env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function setup() {
  // A fresh machine has no Dovecot: installed here, once, when root with apt-get; otherwise one line says what to run.
  ensurePackages([DOVECOT], (line) => console.log(`[test setup] ${line}`));
  await recreateDatabase();
  // Mail left by a previous run would make counts wrong.
  await rm(`${TEST_DOVECOT_DIR}/mail`, { recursive: true, force: true });
  dovecot = await startDovecot({
    dir: TEST_DOVECOT_DIR,
    imapPort: TEST_PORTS.imap,
    pop3Port: TEST_PORTS.pop3,
    quotaStatusPort: TEST_PORTS.quotaStatus,
    doveadmHttp: { port: TEST_PORTS.doveadmHttp, apiKey: TEST_DOVEADM_API_KEY },
    databaseUrl: TEST_DATABASE_URL,
    masterUser: TEST_MASTER.user,
    masterPassword: TEST_MASTER.password,
    users: Array.from({ length: TEST_MAIL_USER_COUNT }, (_, i) => ({ login: testMailUser(i + 1), password: TEST_MAIL_PASSWORD })),
  });
  // A real Cyrus beside it (test/cyrus/*): well under a second to start once its sasldb is cached (~7 s the first
  // time); installs its packages once on a fresh machine.
  cyrus = await startCyrus((await import('./cyrus.ts')).testCyrusOptions());
}

export async function teardown() {
  await Promise.all([dovecot?.stop(), cyrus?.stop()]);
  slot?.release();
}
