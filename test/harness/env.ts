// Fixed loopback ports and credentials for the test run. Real services listen on them: Dovecot
// (started once by global-setup.ts), PostgreSQL and Redis (node-svc machines / .ci/run start them).
import { loadConfig, type Config } from '../../server/core/config.ts';

// MW_TEST_OFFSET lets a second test run share the machine (e.g. a clean-clone CI rehearsal next to a
// developer's run): it shifts every port and renames the database and Dovecot directory.
const OFFSET = Number(process.env.MW_TEST_OFFSET ?? 0);
export const TEST_PORTS = {
  imap: 10143 + OFFSET, pop3: 10110 + OFFSET, quotaStatus: 10041 + OFFSET, smtp: 10025 + OFFSET,
  // Mailwarden's policy service and its /metrics, started in-process by test/policy/*.
  policy: 10340 + OFFSET, policyMetrics: 10342 + OFFSET,
  // A real Cyrus IMAP beside Dovecot (scripts/lib/cyrus.ts), started by global-setup.ts.
  cyrusImap: 10244 + OFFSET,
  // doveadm's HTTP API of the test Dovecot (scans' Dovecot fast path: server/core/doveadm/).
  doveadmHttp: 10246 + OFFSET,
} as const;
/** A fixed port of a test file (SMTP sinks, listening APIs), shifted with the run's slot. */
export const testPort = (port: number) => port + OFFSET;
export const TEST_DB_NAME = OFFSET ? `mailwarden_test_${OFFSET}` : 'mailwarden_test';
export const TEST_DATABASE_URL = `postgresql://root@127.0.0.1:5432/${TEST_DB_NAME}`;
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';
export const TEST_DOVECOT_DIR = OFFSET ? `/tmp/mw-test-dovecot-${OFFSET}` : '/tmp/mw-test-dovecot';
// On tmpfs: Cyrus syncs every mailbox it creates, ~0.5 s per first login on a busy disk, ~0.05 s here.
export const TEST_CYRUS_DIR = OFFSET ? `/dev/shm/mw-test-cyrus-${OFFSET}` : '/dev/shm/mw-test-cyrus';
export const TEST_MASTER = { user: 'mailwarden', password: 'test-master-password-not-secret' };
/** End-user logins known to Dovecot's passdb for the whole run; a test makes one "exist" by inserting its mailbox row. */
export const TEST_DOVEADM_API_KEY = 'test-doveadm-api-key-not-secret';
export const TEST_MAIL_PASSWORD = 'test-user-password';
export const testMailUser = (n: number) => `user${n}@example.test`;
export const TEST_MAIL_USER_COUNT = 60;
/** The test Cyrus knows testMailUser(1 … this) (and TEST_CYRUS_VARIED_LOGINS): each user costs its start-up ~0.1 s once. */
export const TEST_CYRUS_USER_COUNT = 20;
/** 50 more Cyrus users whose logins run from 8 to 60 characters (the scan must not depend on a login's length). */
export const TEST_CYRUS_VARIED_LOGINS = Array.from({ length: 50 }, (_, i) => {
  const length = 8 + Math.round((i * 52) / 49);
  const local = `v${i}` + 'abcdefghij.klmnopqrstuvwxyz-0123456789abcdefghijklmnopqrstuvw'.slice(0, length - 6 - `v${i}`.length);
  return `${local}@v.lan`;
});
export const TEST_SESSION_SECRET = 'test-session-secret-that-is-long-enough-0123456789';

/** The same, against the test Cyrus: admin access through SASL PLAIN authzid (Cyrus has no master users). */
export function testCyrusConfig(overrides: Record<string, string> = {}): Config {
  return testConfig({ IMAP_PORT: String(TEST_PORTS.cyrusImap), IMAP_ADMIN_MODE: 'authzid', ...overrides });
}

/** A validated config for tests; each test file passes its own QUEUE_PREFIX (and SMTP port) to stay isolated. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    DATABASE_URL: TEST_DATABASE_URL,
    REDIS_URL: TEST_REDIS_URL,
    IMAP_HOST: '127.0.0.1',
    IMAP_PORT: String(TEST_PORTS.imap),
    IMAP_ADMIN_USER: TEST_MASTER.user,
    IMAP_ADMIN_PASSWORD: TEST_MASTER.password,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(TEST_PORTS.smtp),
    SESSION_SECRET: TEST_SESSION_SECRET,
    PUBLIC_BASE_URL: 'http://127.0.0.1:3999',
    LOG_LEVEL: 'silent',
    // MFA is required of admins by default; tests about MFA turn it back on with an override.
    MFA_REQUIRED_ROLES: 'none',
    QUEUE_PREFIX: `mwtest-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    ...overrides,
  });
}
