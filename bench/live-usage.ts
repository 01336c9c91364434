// `npm run bench -- live [--mailboxes 100] [--burst 50]` (root: it starts Dovecot). #17 item 3: usage without
// scanning. Dovecot's quota_clone writes each user's usage to PostgreSQL as it changes (scripts/dovecot/), and the
// live-usage listener (jobs/live-usage.ts) records it, tells the policy service and evaluates notices. Measured from
// the moment a real IMAP session that APPENDed one message has logged out:
//   - Dovecot: when its quota_clone row changed (the table's trigger NOTIFYs; this process LISTENs too);
//   - Mailwarden: when the listener had recorded the figure and published the change the policy service acts on.
// One mailbox at a time, then a burst of sessions at once. Target: recorded within 1 s of the session's end. (Inside a
// session that stays open, Dovecot 2.3 writes on a 10 s timer: test/jobs/live-usage.test.ts shows that one.)
// Every figure is checked against `doveadm quota get`. Writes bench/results/live-usage.json.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pino } from 'pino';
import { startWorkers } from '../jobs/start.ts';
import { startLiveUsage } from '../jobs/live-usage.ts';
import { openMailboxSession } from '../server/core/imap/connect.ts';
import { createWorkerRedis } from '../server/core/lib/redis.ts';
import { mailboxChangedChannel, parseMailboxChanged } from '../server/core/pubsub/notify-change.ts';
import { buildMessage } from '../scripts/lib/seed-mail.ts';
import { benchUsers, loadAverage, machine, startBenchSystem } from './lib/bench-system.ts';
import { printTargets, progress, writeResult, type TargetRow } from './lib/report.ts';

const { values: args } = parseArgs({ strict: false, options: { mailboxes: { type: 'string', default: '100' }, burst: { type: 'string', default: '50' } } });
const MAILBOXES = Number(args.mailboxes);
const BURST = Math.min(Number(args.burst), MAILBOXES);
const TARGET_MS = 1000;
const users = benchUsers('live', MAILBOXES);
const log = progress();

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (ms: number) => Math.round(ms * 10) / 10;

log('starting the database and Dovecot…');
const sys = await startBenchSystem({ name: 'live', imapPort: 10943, pop3Port: 10910, users });
const connection = createWorkerRedis(sys.config.REDIS_URL);
const subscriber = createWorkerRedis(sys.config.REDIS_URL);
const listenDb = new pg.Client({ connectionString: sys.databaseUrl });
const logger = pino({ level: 'warn' });
const running = startWorkers({ config: sys.config, prisma: sys.prisma, connection, logger });
const live = startLiveUsage({ config: sys.config, prisma: sys.prisma, connection, logger }, { notifyQueue: running.queues.notify });
try {
  const ids = new Map((await sys.prisma.mailbox.findMany({ select: { id: true, imapLogin: true } })).map((m) => [m.imapLogin, m.id]));
  const byId = new Map([...ids].map(([login, id]) => [id, login]));
  // When each user's clone row last changed (Dovecot) and when Mailwarden last published it (recorded).
  const cloned = new Map<string, number>();
  const recorded = new Map<string, number>();
  await listenDb.connect();
  listenDb.on('notification', (n) => { if (n.payload) cloned.set(n.payload, performance.now()); });
  await listenDb.query('LISTEN mailwarden_quota_clone');
  await subscriber.subscribe(mailboxChangedChannel(sys.config.QUEUE_PREFIX));
  subscriber.on('message', (_c, message) => {
    const changed = parseMailboxChanged(message);
    if (changed !== 'all') for (const id of changed) recorded.set(byId.get(id)!, performance.now());
  });
  while (!live.listening) await new Promise((r) => setTimeout(r, 20));

  /** One session: APPEND one message and LOGOUT; returns when the logout was answered. */
  const deliver = async (login: string) => {
    const client = await openMailboxSession(sys.config, login);
    await client.append('INBOX', buildMessage({ from: 'bench@example.test', to: login, subject: 'live usage', date: new Date() }));
    await client.logout();
    return performance.now();
  };
  const waitRecorded = async (logins: string[], since: number) => {
    const until = Date.now() + 15_000;
    while (logins.some((l) => !((recorded.get(l) ?? 0) > since))) {
      if (Date.now() > until) throw new Error(`not recorded within 15 s: ${logins.filter((l) => !((recorded.get(l) ?? 0) > since)).length} mailboxes`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  log(`one mailbox at a time: ${MAILBOXES} sessions, each APPEND + LOGOUT…`);
  const loadBefore = loadAverage();
  const single = { dovecot: [] as number[], mailwarden: [] as number[] };
  for (const login of users) {
    const start = performance.now();
    const loggedOut = await deliver(login);
    await waitRecorded([login], start);
    single.dovecot.push(cloned.get(login)! - loggedOut);
    single.mailwarden.push(recorded.get(login)! - loggedOut);
  }

  log(`a burst: ${BURST} sessions at once…`);
  const burstUsers = users.slice(0, BURST);
  const burstStart = performance.now();
  const loggedOut = await Promise.all(burstUsers.map(deliver));
  const lastLogout = Math.max(...loggedOut);
  await waitRecorded(burstUsers, burstStart);
  const burstMailwarden = Math.max(...burstUsers.map((l) => recorded.get(l)!)) - lastLogout;
  const burstDovecot = Math.max(...burstUsers.map((l) => cloned.get(l)!)) - lastLogout;
  await live.idle();

  // The figures recorded equal Dovecot's own count.
  const rows = await sys.prisma.mailbox.findMany({ select: { imapLogin: true, usedBytes: true, usedMessages: true, usageSource: true } });
  let mismatches = 0;
  for (const row of rows) {
    const out = await sys.dovecot.doveadm(['-f', 'tab', 'quota', 'get', '-u', row.imapLogin]);
    const kib = Number(out.split('\n').map((l) => l.split('\t')).find((f) => f[1] === 'STORAGE')?.[2]);
    if (row.usageSource !== 'quota-clone' || Math.ceil(Number(row.usedBytes) / 1024) !== kib) mismatches++;
  }

  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const dv = sorted(single.dovecot);
  const mw = sorted(single.mailwarden);
  console.table({
    'session end → recorded, p50 (ms)': { Mailwarden: round(percentile(mw, 50)), 'Dovecot quota_clone write': round(percentile(dv, 50)) },
    'session end → recorded, p99 (ms)': { Mailwarden: round(percentile(mw, 99)), 'Dovecot quota_clone write': round(percentile(dv, 99)) },
    'session end → recorded, max (ms)': { Mailwarden: round(mw[mw.length - 1]), 'Dovecot quota_clone write': round(dv[dv.length - 1]) },
    [`burst of ${BURST}: last logout → last recorded (ms)`]: { Mailwarden: round(burstMailwarden), 'Dovecot quota_clone write': round(burstDovecot) },
  });
  const targets: TargetRow[] = [
    { benchmark: 'live', figure: `session end → figure recorded, p99 of ${MAILBOXES}`, mailwarden: round(percentile(mw, 99)), anchor: round(percentile(dv, 99)), anchorName: 'Dovecot\'s quota_clone write', unit: 'ms', target: { below: TARGET_MS } },
    { benchmark: 'live', figure: `burst of ${BURST} sessions: last logout → all recorded`, mailwarden: round(burstMailwarden), anchor: null,
      // Dovecot writes at each session's end, often before the last LOGOUT is answered: a ratio would mean nothing.
      anchorName: burstDovecot <= 0 ? 'Dovecot: every write done by the last logout' : `Dovecot: last write ${round(burstDovecot)} ms after the last logout`, unit: 'ms', target: { below: TARGET_MS } },
  ];
  printTargets(targets);
  console.log(`figures equal to doveadm quota get: ${rows.length - mismatches} of ${rows.length}; load average ${loadBefore.join(' ')}`);
  await writeResult('live-usage', {
    machine: machine(), loadAverage: loadBefore, mailboxes: MAILBOXES, burst: BURST,
    single: { mailwardenMs: single.mailwarden.map(round), dovecotMs: single.dovecot.map(round) },
    burstMs: { mailwarden: round(burstMailwarden), dovecot: round(burstDovecot) }, mismatches, targets,
  });
  if (mismatches) process.exitCode = 1;
} finally {
  await live.close();
  await running.close();
  await listenDb.end().catch(() => {});
  subscriber.disconnect();
  connection.disconnect();
  await sys.close();
}
