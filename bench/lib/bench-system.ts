// The real system an expiry benchmark runs against: its own PostgreSQL database (migrated, mailboxes
// inserted), its own Dovecot with Mailwarden's config, and a Config for in-process workers or the env for
// worker child processes (`node --import tsx jobs/index.ts`). Shared by bench/expiry.ts, huge-mailbox.ts
// and scale-out.ts. Needs root (Dovecot).
import { readdirSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { ensureDatabase, migrate } from '../../scripts/lib/database.ts';
import { startDovecot, type DovecotHandle } from '../../scripts/lib/dovecot.ts';
import { loadConfig, type Config } from '../../server/core/config.ts';
import { createPrisma, type Db } from '../../server/core/lib/prisma.ts';
import { createWorkerRedis } from '../../server/core/lib/redis.ts';

export const MASTER = { user: 'mailwarden', password: 'bench-master-password' };

export interface BenchSystem {
  name: string;
  databaseUrl: string;
  queuePrefix: string;
  dovecot: DovecotHandle;
  config: Config;
  prisma: Db;
  /** Environment for a worker child process, on top of process.env. */
  workerEnv(extra?: Record<string, string>): Record<string, string>;
  /** Forgets every expiry run and audit row: the same mail restored from the template has the same UIDVALIDITY and
   *  UIDs, and the audit's unique message identity would otherwise keep a second run from recording them. */
  clearExpiryRecords(): Promise<void>;
  /** Stops Dovecot, disconnects, and deletes this run's BullMQ keys from Redis. */
  close(): Promise<void>;
}

export async function startBenchSystem(opts: { name: string; imapPort: number; pop3Port: number; users: string[]; expiryConcurrency?: number }): Promise<BenchSystem> {
  const databaseUrl = `postgresql://root@127.0.0.1:5432/mailwarden_bench_${opts.name}`;
  await ensureDatabase(databaseUrl);
  await migrateIfBehind(databaseUrl);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('TRUNCATE expiry_runs, retention_policies, quota_plans, mailboxes, audit_events RESTART IDENTITY CASCADE');
    await db.query(`INSERT INTO mailboxes (address, imap_login, display_name, updated_at) SELECT a, a, 'Bench', now() FROM unnest($1::text[]) a`, [opts.users]);
  } finally {
    await db.end();
  }
  // The database first: Dovecot's SQL userdb reads it.
  const dovecot = await startDovecot({
    dir: `/tmp/mw-bench-${opts.name}`, imapPort: opts.imapPort, pop3Port: opts.pop3Port, databaseUrl,
    masterUser: MASTER.user, masterPassword: MASTER.password,
  });
  const queuePrefix = `mw-bench-${opts.name}-${process.pid}`;
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl, IMAP_PORT: String(opts.imapPort), IMAP_ADMIN_USER: MASTER.user, IMAP_ADMIN_PASSWORD: MASTER.password,
    SESSION_SECRET: 'bench-session-secret-not-used-0123456789', QUEUE_PREFIX: queuePrefix, LOG_LEVEL: 'warn', SMTP_PORT: '10999',
    EXPIRY_CONCURRENCY: String(opts.expiryConcurrency ?? 2),
    // Dovecot takes command lines up to imap_max_line_length (64 KB, not changed in scripts/dovecot/): as documented
    // for Dovecot in docs/servers.md.
    EXPIRY_MAX_UID_SET_CHARS: '60000',
    // No scheduled scan or sweep may start in the middle of a measurement (1 January, midnight).
    SCAN_CRON: '0 0 1 1 *', EXPIRY_CRON: '0 0 1 1 *', WORKER_METRICS_PORT: '0',
  };
  const config = loadConfig(env);
  const prisma = createPrisma(databaseUrl);
  return {
    name: opts.name, databaseUrl, queuePrefix, dovecot, config, prisma,
    workerEnv: (extra = {}) => ({ ...(process.env as Record<string, string>), ...env, ...extra }),
    async clearExpiryRecords() {
      // Run ids keep counting up: expiry job ids are expiry-<run>-<mailbox>, and BullMQ ignores an id it still holds.
      await prisma.$executeRawUnsafe('TRUNCATE expiry_runs, audit_events CASCADE');
    },
    async close() {
      await dovecot.stop();
      await prisma.$disconnect();
      await deleteQueueKeys(config.REDIS_URL, queuePrefix);
    },
  };
}

/** `prisma migrate deploy` lingers ~10 s even with nothing to do: skip it when every migration is applied. */
async function migrateIfBehind(databaseUrl: string): Promise<void> {
  const wanted = readdirSync('prisma/migrations', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const applied = await db.query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL').then(
    (r) => new Set(r.rows.map((row) => row.migration_name)),
    () => new Set<string>(),
  );
  await db.end();
  if (wanted.some((m) => !applied.has(m))) await migrate(databaseUrl);
}

async function deleteQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = createWorkerRedis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

/** Mailbox logins `<prefix>1@example.test` … */
export const benchUsers = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}@example.test`);

export const machine = () => `${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB`;
export const loadAverage = () => os.loadavg().map((l) => +l.toFixed(2));

/** Dovecot's state for freshly written Maildirs: UIDs, indexes and quota usage, as a mailbox in service has them. */
export async function buildDovecotIndexes(dovecot: DovecotHandle): Promise<void> {
  await dovecot.doveadm(['mailbox', 'status', '-A', 'messages', '*']);
  await dovecot.doveadm(['quota', 'recalc', '-A']);
}
