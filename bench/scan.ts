// `npm run bench -- scan [--mailboxes 1000 --concurrency 8 --rounds 3]` (root: it starts Dovecot). A usage scan of
// every mailbox: Mailwarden's (maintenance 'scan-all' → usage-scan batch jobs → workers → an IMAP login per
// mailbox through the master user → one write per batch) vs `doveadm quota get -A` on the same Dovecot and data.
// Both must report the same usage for every mailbox. Each side runs `rounds` times and the median rounds are
// compared; Mailwarden's first scan (fresh worker, new notice states) runs before them and is reported apart. Two kinds
// of Mailwarden round: the full scan (every folder listed with its size) and the frequent scan, which reads the quota
// root alone while folders are fresh (SCAN_FOLDERS_HOURS; #17's target: at least 0.5× doveadm's rate), over IMAP and
// through doveadm's HTTP API (DOVEADM_API_URL: a request per batch, no login). Besides wall time it reports CPU per mailbox
// from /proc (client, Dovecot, PostgreSQL backends): the machine is shared, so wall time is noisy.
// Prints figure / Mailwarden / doveadm / ratio; writes bench/results/scan.json.
import { parseArgs } from 'node:util';
import os from 'node:os';
import pg from 'pg';
import { pino } from 'pino';
import { ensureDatabase, migrate } from '../scripts/lib/database.ts';
import { startDovecot, type DovecotHandle } from '../scripts/lib/dovecot.ts';
import { loadConfig } from '../server/core/config.ts';
import { createPrisma } from '../server/core/lib/prisma.ts';
import { createWorkerRedis } from '../server/core/lib/redis.ts';
import { startWorkers } from '../jobs/start.ts';
import { readUsageQuickly } from '../server/core/imap/usage-fast-path.ts';
import { seedMaildirs } from './lib/scan-maildirs.ts';
import { printTargets, writeResult, type TargetRow } from './lib/report.ts';
import { dovecotMasterPid, ownCpuMs, postgresBackendsCpu, postgresDelta, reapedChildrenCpuMs, treeCpuMs } from './lib/cpu.ts';

const { values: args } = parseArgs({ options: {
  mailboxes: { type: 'string', default: '1000' }, concurrency: { type: 'string', default: '8' }, rounds: { type: 'string', default: '3' },
} });
const N = Number(args.mailboxes);
const ROUNDS = Number(args.rounds);
const PORTS = { imap: 10643, pop3: 10610, doveadmHttp: 10644 };
const DOVEADM_API_KEY = `bench-${process.pid}-${Date.now()}`;
const DATABASE_URL = 'postgresql://root@127.0.0.1:5432/mailwarden_bench_scan';
// Maildirs stay here between runs: only mailboxes missing mail are seeded.
const DOVECOT_DIR = '/tmp/mw-bench-scan';
const MASTER = { user: 'mailwarden', password: 'bench-master-password' };
const MiB = 1024 ** 2;
const users = Array.from({ length: N }, (_, i) => `scan${i + 1}@example.test`);
const benchStart = performance.now();
const loadBefore = os.loadavg();

const config = loadConfig({
  DATABASE_URL, IMAP_PORT: String(PORTS.imap), IMAP_ADMIN_USER: MASTER.user, IMAP_ADMIN_PASSWORD: MASTER.password,
  SESSION_SECRET: 'bench-session-secret-not-used-0123456789', QUEUE_PREFIX: `mw-bench-scan-${process.pid}`, LOG_LEVEL: 'warn',
  SCAN_CONCURRENCY: args.concurrency, SCAN_RATE_PER_SECOND: '1000', SMTP_PORT: '10999',
});

/** #17: the frequent scan at least half as fast as `doveadm quota get -A`. */
const TARGET_RATIO = 0.5;

interface Round { ms: number; perSecond: number; cpuMsPerMailbox: { client: number; dovecot: number; postgres: number } }

async function seedDatabase() {
  await ensureDatabase(DATABASE_URL);
  await migrate(DATABASE_URL);
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  await db.query('TRUNCATE quota_plans, mailboxes RESTART IDENTITY CASCADE');
  // An override: Dovecot's dovecot_users view computes the limit from override, plan and increases.
  await db.query(`INSERT INTO mailboxes (address, imap_login, limit_override_bytes, effective_limit_bytes, updated_at) SELECT a, a, $2, $2, now() FROM unnest($1::text[]) a`, [users, 100 * MiB]);
  await db.end();
}

/** Times `work` and splits the CPU it caused between the client side, Dovecot and this database's backends. */
async function measure(dovecot: DovecotHandle, work: () => Promise<void>, client: 'self' | 'children'): Promise<Round> {
  const master = dovecotMasterPid(dovecot.dir);
  const [dove0, reaped0, pg0] = [treeCpuMs(master), reapedChildrenCpuMs(), await postgresBackendsCpu(DATABASE_URL)];
  const own0 = ownCpuMs();
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  const ownMs = ownCpuMs() - own0; // before the reads below, which cost CPU themselves
  const [dove1, reaped1, pg1] = [treeCpuMs(master), reapedChildrenCpuMs(), await postgresBackendsCpu(DATABASE_URL)];
  const per = (x: number) => +(x / N).toFixed(2);
  return {
    ms: Math.round(ms), perSecond: +(N / (ms / 1000)).toFixed(1),
    cpuMsPerMailbox: { client: per(client === 'self' ? ownMs : reaped1 - reaped0), dovecot: per(dove1 - dove0), postgres: per(postgresDelta(pg0, pg1)) },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The database first: Dovecot's auth process connects to it at start-up.
await seedDatabase();
const dovecot = await startDovecot({
  dir: DOVECOT_DIR, imapPort: PORTS.imap, pop3Port: PORTS.pop3, databaseUrl: DATABASE_URL, masterUser: MASTER.user, masterPassword: MASTER.password,
  doveadmHttp: { port: PORTS.doveadmHttp, apiKey: DOVEADM_API_KEY },
});
const db = new pg.Client({ connectionString: DATABASE_URL });
await db.connect();
try {
  let t = performance.now();
  const fresh = await seedMaildirs(dovecot.mailRoot, users, 2);
  const seedMs = Math.round(performance.now() - t);
  // Untimed warm-up of the mailboxes just seeded, the same for both sides, as production mailboxes have long had
  // it before any scan: Dovecot computes the quota (maildirsize), and two IMAP sessions leave the indexes in the
  // state every later session finds (the first creates the auto folders and their indexes, the second settles
  // their headers; measured: ~10 ms of Dovecot CPU per mailbox the first time, ~5 the second, ~2.5 after).
  t = performance.now();
  await dovecot.doveadm(['quota', 'get', '-A']);
  for (let pass = 0; pass < 2; pass++) {
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => { while (next < fresh.length) await readUsageQuickly(config, fresh[next++]); }));
  }
  const warmupMs = Math.round(performance.now() - t);
  console.log(`${N} mailboxes (${fresh.length} seeded in ${seedMs} ms, warm-up ${warmupMs} ms); ${ROUNDS} rounds each`);

  // Anchor: doveadm quota get -A (iterates the SQL userdb, reads each user's quota).
  const doveadmUsage = new Map<string, number>();
  const doveadmRound = () => measure(dovecot, async () => {
    const out = await dovecot.doveadm(['-f', 'tab', 'quota', 'get', '-A']);
    for (const line of out.split('\n').slice(1)) {
      const [user, , type, value] = line.split('\t');
      if (type === 'STORAGE') doveadmUsage.set(user, Number(value) * 1024);
    }
  }, 'children');

  const prisma = createPrisma(DATABASE_URL);
  const connection = createWorkerRedis(config.REDIS_URL);
  // Two sets of workers on their own queue prefixes: IMAP only, and with the doveadm HTTP API.
  const httpConfig = { ...config, QUEUE_PREFIX: `${config.QUEUE_PREFIX}-http`, DOVEADM_API_URL: `http://127.0.0.1:${PORTS.doveadmHttp}/doveadm/v1`, DOVEADM_API_KEY };
  const imapWorkers = startWorkers({ config, prisma, connection, logger: pino({ level: 'warn' }) });
  const httpWorkers = startWorkers({ config: httpConfig, prisma, connection, logger: pino({ level: 'warn' }) });
  let scanned = 0;
  let failed = '';
  for (const running of [imapWorkers, httpWorkers]) {
    const scanWorker = running.workers.find((w) => w.name === 'usage-scan')!;
    scanWorker.on('completed', (_job, result: { scanned?: number; usedBytes?: number }) => { scanned += result.scanned ?? (result.usedBytes !== undefined ? 1 : 0); });
    scanWorker.on('failed', (job, err) => { failed ||= `${job?.id}: ${err.message}`; });
  }
  let mismatches = 0;
  const scanRound = async (kind: 'full' | 'totals' | 'totals-http') => {
    const running = kind === 'totals-http' ? httpWorkers : imapWorkers;
    // The fan-out's jobIds are per minute: clear the last round's finished jobs so this round is not a no-op.
    await running.queues['usage-scan'].clean(0, 100_000, 'completed');
    // Folders never measured: the fan-out lists them. Measured (by the round before): it reads totals only.
    if (kind === 'full') await db.query('UPDATE mailboxes SET folders_scanned_at = NULL');
    scanned = 0;
    const start = new Date();
    const round = await measure(dovecot, async () => {
      await running.queues.maintenance.add('scan-all', { task: 'scan-all' });
      while (scanned < N && !failed) await new Promise((resolve) => setTimeout(resolve, 5));
    }, 'self');
    if (failed) throw new Error(`a scan job failed: ${failed}`);
    const rows = (await db.query<{ address: string; used_bytes: string; scanned_at: Date }>('SELECT address, used_bytes, scanned_at FROM mailboxes')).rows;
    mismatches = Math.max(mismatches, rows.filter((row) => Number(row.used_bytes) !== doveadmUsage.get(row.address) || row.scanned_at < start).length);
    return round;
  };
  const doveadmRounds = [await doveadmRound()];
  // The first scan of these mailboxes, on a worker that has just started (Prisma compiles its queries, BullMQ
  // loads its scripts, every notice state is new): reported apart, as a worker runs for weeks.
  const firstScan = await scanRound('full');
  // Then the sides take turns, so all meet much the same load from the machine's other tenants.
  const fullRounds: Round[] = [];
  const totalsRounds: Round[] = [];
  const httpRounds: Round[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    if (r) doveadmRounds.push(await doveadmRound());
    fullRounds.push(await scanRound('full'));
    totalsRounds.push(await scanRound('totals'));
    httpRounds.push(await scanRound('totals-http'));
  }
  await imapWorkers.close();
  await httpWorkers.close();
  connection.disconnect();
  await prisma.$disconnect();

  const pick = (rounds: Round[]) => {
    const m = median(rounds.map((x) => x.ms));
    const mid = rounds.find((x) => x.ms === m)!;
    return { ...mid, rounds };
  };
  const mw = pick(fullRounds);
  const fq = pick(totalsRounds);
  const fh = pick(httpRounds);
  const da = pick(doveadmRounds);
  const ratio = (a: number, b: number) => (b ? +(a / b).toFixed(2) : null);
  const row = (a: number, b: number) => ({ Mailwarden: a, doveadm: b, ratio: ratio(a, b) });
  console.table({
    'frequent scan (totals), mailboxes/s': { ...row(fq.perSecond, da.perSecond), target: `≥ ${TARGET_RATIO}×` },
    'frequent scan via doveadm HTTP, mailboxes/s': { ...row(fh.perSecond, da.perSecond), target: `≥ ${TARGET_RATIO}×` },
    'full scan (folders), mailboxes/s': row(mw.perSecond, da.perSecond),
    'frequent scan, wall time ms': row(fq.ms, da.ms),
    'full scan, wall time ms': row(mw.ms, da.ms),
    'frequent scan, Dovecot CPU ms/mailbox': row(fq.cpuMsPerMailbox.dovecot, da.cpuMsPerMailbox.dovecot),
    'frequent scan, client CPU ms/mailbox': row(fq.cpuMsPerMailbox.client, da.cpuMsPerMailbox.client),
    'via doveadm HTTP, Dovecot CPU ms/mailbox': row(fh.cpuMsPerMailbox.dovecot, da.cpuMsPerMailbox.dovecot),
    'via doveadm HTTP, client CPU ms/mailbox': row(fh.cpuMsPerMailbox.client, da.cpuMsPerMailbox.client),
    'first scan (fresh worker), mailboxes/s': row(firstScan.perSecond, doveadmRounds[0].perSecond),
    'full scan, client CPU ms/mailbox': row(mw.cpuMsPerMailbox.client, da.cpuMsPerMailbox.client),
    'full scan, Dovecot CPU ms/mailbox': row(mw.cpuMsPerMailbox.dovecot, da.cpuMsPerMailbox.dovecot),
    'full scan, PostgreSQL CPU ms/mailbox': row(mw.cpuMsPerMailbox.postgres, da.cpuMsPerMailbox.postgres),
  });
  const loadAfter = os.loadavg();
  const frequentRatio = ratio(fq.perSecond, da.perSecond) ?? 0;
  const httpRatio = ratio(fh.perSecond, da.perSecond) ?? 0;
  const targets: TargetRow[] = [
    { benchmark: 'scan', figure: `frequent scan (totals) over IMAP, ${N} mailboxes`, mailwarden: fq.perSecond, anchor: da.perSecond, anchorName: 'doveadm quota get -A', unit: 'mailboxes/s', target: { ratioAtLeast: TARGET_RATIO } },
    { benchmark: 'scan', figure: `frequent scan via doveadm HTTP, ${N} mailboxes`, mailwarden: fh.perSecond, anchor: da.perSecond, anchorName: 'doveadm quota get -A', unit: 'mailboxes/s', target: { ratioAtLeast: TARGET_RATIO } },
  ];
  printTargets(targets);
  console.log(`usage mismatches between Mailwarden and doveadm: ${mismatches} of ${N}; load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')}`);
  const result = {
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB`,
    loadAverage: { before: loadBefore, after: loadAfter },
    mailboxes: N, concurrency: Number(args.concurrency), rounds: ROUNDS, mismatches,
    seeding: { seededMailboxes: fresh.length, seedMs, warmupMs },
    mailwarden: { ...mw, firstScan, frequent: fq, frequentHttp: fh }, doveadm: da,
    ratio: { perSecond: ratio(mw.perSecond, da.perSecond), frequentPerSecond: frequentRatio, frequentHttpPerSecond: httpRatio }, targetRatio: TARGET_RATIO, targets,
    benchMs: Math.round(performance.now() - benchStart),
  };
  await writeResult('scan', result);
  if (mismatches) process.exitCode = 1;
} finally {
  await db.end();
  await dovecot.stop();
}
