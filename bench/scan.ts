// `npm run bench -- scan [--mailboxes 1000]` (root: it starts Dovecot). Usage scan of every mailbox:
// Mailwarden's fan-out (maintenance 'scan-all' → one 'usage-scan' job per mailbox → workers → IMAP as
// each user through the master login) vs `doveadm quota get -A` on the same Dovecot and data. Both must
// report the same usage. Prints figure / Mailwarden / doveadm / ratio; writes bench/results/scan.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import os from 'node:os';
import pg from 'pg';
import { pino } from 'pino';
import { ensureDatabase, migrate } from '../scripts/lib/database.ts';
import { startDovecot } from '../scripts/lib/dovecot.ts';
import { buildMessage } from '../scripts/lib/seed-mail.ts';
import { loadConfig } from '../server/config.ts';
import { createPrisma } from '../server/lib/prisma.ts';
import { createWorkerRedis } from '../server/lib/redis.ts';
import { startWorkers } from '../jobs/start.ts';
import { openMailboxSession } from '../jobs/imap/connect.ts';

const { values: args } = parseArgs({ options: { mailboxes: { type: 'string', default: '1000' }, concurrency: { type: 'string', default: '8' } } });
const N = Number(args.mailboxes);
const PORTS = { imap: 10643, pop3: 10610 };
const DATABASE_URL = 'postgresql://root@127.0.0.1:5432/mailwarden_bench_scan';
const MASTER = { user: 'mailwarden', password: 'bench-master-password' };
const MiB = 1024 ** 2;
const users = Array.from({ length: N }, (_, i) => `scan${i + 1}@example.test`);

const config = loadConfig({
  DATABASE_URL, IMAP_PORT: String(PORTS.imap), IMAP_ADMIN_USER: MASTER.user, IMAP_ADMIN_PASSWORD: MASTER.password,
  SESSION_SECRET: 'bench-session-secret-not-used-0123456789', QUEUE_PREFIX: `mw-bench-scan-${process.pid}`, LOG_LEVEL: 'warn',
  SCAN_CONCURRENCY: args.concurrency, SCAN_RATE_PER_SECOND: '1000', SMTP_PORT: '10999',
});

async function seedDatabase() {
  await ensureDatabase(DATABASE_URL);
  await migrate(DATABASE_URL);
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  await db.query('TRUNCATE quota_plans, mailboxes RESTART IDENTITY CASCADE');
  await db.query(`INSERT INTO mailboxes (address, imap_login, effective_limit_bytes, updated_at) SELECT a, a, $2, now() FROM unnest($1::text[]) a`, [users, 100 * MiB]);
  await db.end();
}

/** Two messages per mailbox, appended over 8 parallel connections (once; Maildirs are kept between runs). */
async function seedMail() {
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < users.length) {
      const user = users[next++];
      const client = await openMailboxSession(config, user);
      try {
        const status = await client.status('INBOX', { messages: true });
        if (status && (status.messages ?? 0) >= 2) continue;
        for (let i = 0; i < 2; i++) {
          await client.append('INBOX', buildMessage({ from: 'a@example.test', to: user, subject: `m${i}`, date: new Date(), sizeBytes: 20_000 + (next % 7) * 1000 }));
        }
      } finally {
        await client.logout();
      }
    }
  }));
}

// The database first: Dovecot's auth process connects to it at start-up.
await seedDatabase();
const dovecot = await startDovecot({ dir: '/tmp/mw-bench-scan', imapPort: PORTS.imap, pop3Port: PORTS.pop3, databaseUrl: DATABASE_URL, masterUser: MASTER.user, masterPassword: MASTER.password });
try {
  console.log(`seeding ${N} mailboxes…`);
  await seedMail();

  // Anchor: doveadm quota get -A (iterates the SQL userdb, reads each user's quota).
  const t0 = performance.now();
  const doveadmOut = await dovecot.doveadm(['-f', 'tab', 'quota', 'get', '-A']);
  const doveadmMs = performance.now() - t0;
  const doveadmUsage = new Map<string, number>();
  for (const line of doveadmOut.split('\n').slice(1)) {
    const [user, , type, value] = line.split('\t');
    if (type === 'STORAGE') doveadmUsage.set(user, Number(value) * 1024);
  }

  const prisma = createPrisma(DATABASE_URL);
  const connection = createWorkerRedis(config.REDIS_URL);
  const running = startWorkers({ config, prisma, connection, logger: pino({ level: 'warn' }) });
  const start = new Date();
  const t1 = performance.now();
  await running.queues.maintenance.add('scan-all', { task: 'scan-all' });
  while ((await prisma.mailbox.count({ where: { scannedAt: { gte: start } } })) < N) await new Promise((r) => setTimeout(r, 200));
  const mailwardenMs = performance.now() - t1;
  const rows = await prisma.mailbox.findMany({ select: { address: true, usedBytes: true } });
  const mismatches = rows.filter((r) => Number(r.usedBytes) !== doveadmUsage.get(r.address)).length;
  await running.close();
  connection.disconnect();
  await prisma.$disconnect();

  const result = {
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB`,
    mailboxes: N, concurrency: Number(args.concurrency), mismatches,
    mailwarden: { ms: Math.round(mailwardenMs), perSecond: +(N / (mailwardenMs / 1000)).toFixed(1) },
    doveadm: { ms: Math.round(doveadmMs), perSecond: +(N / (doveadmMs / 1000)).toFixed(1) },
  };
  console.table({
    'wall time (ms)': { Mailwarden: result.mailwarden.ms, doveadm: result.doveadm.ms, ratio: +(result.mailwarden.ms / result.doveadm.ms).toFixed(2) },
    'mailboxes/s': { Mailwarden: result.mailwarden.perSecond, doveadm: result.doveadm.perSecond, ratio: +(result.mailwarden.perSecond / result.doveadm.perSecond).toFixed(2) },
  });
  console.log(`usage mismatches between Mailwarden and doveadm: ${mismatches} of ${N}`);
  await mkdir('bench/results', { recursive: true });
  await writeFile('bench/results/scan.json', JSON.stringify(result, null, 2));
  if (mismatches) process.exitCode = 1;
} finally {
  await dovecot.stop();
}
