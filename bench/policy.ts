// `npm run bench:policy [-- --seconds 5 --rounds 3]` (root: it starts Dovecot). Mailwarden's policy service
// vs Dovecot's own quota-status service, on one machine, over loopback, driven by the same load generator
// (bench/lib/policy-load.ts) with the same 1,000 recipients, at 1, 8 and 64 persistent connections.
// Both read the same PostgreSQL database: Dovecot through its SQL userdb over the dovecot_users view.
// Prints figure / Mailwarden / quota-status / ratio and writes bench/results/policy.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ensureDatabase, migrate } from '../scripts/lib/database.ts';
import { startDovecot, type DovecotHandle } from '../scripts/lib/dovecot.ts';
import { PolicyClient, rcptRequest } from './lib/policy-client.ts';
import { runLoad, type LoadResult } from './lib/policy-load.ts';
import { printTargets, type TargetRow } from './lib/report.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Off the test ports (10143/10110/10041/10340), so a benchmark can run beside `npm test`.
const PORTS = { imap: 10543, pop3: 10510, quotaStatus: 10541, mailwarden: 10540, mailwardenMetrics: 10542 };
const DATABASE_URL = 'postgresql://root@127.0.0.1:5432/mailwarden_bench_policy';
const DOVECOT_DIR = '/tmp/mw-bench-policy';
const MAILBOXES = 1000;
const CONNECTIONS = [1, 8, 64];
// Paced runs over 64 connections (one per smtpd process): 250 req/s is a busy MX's peak RCPT rate and within
// what quota-status sustains here; 4,000 req/s is ten times that, beyond quota-status's ceiling.
const PACED_RATES = [250, 4000];
const PACED_CONNECTIONS = 64;
const SETTLE_MS = 3000;
const SIZE = 10 * 1024;
const GiB = 1024 ** 3;
const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '5' }, rounds: { type: 'string', default: '3' } } });
const SECONDS = Number(args.seconds);
const ROUNDS = Number(args.rounds);
const recipients = Array.from({ length: MAILBOXES }, (_, i) => `bench${i + 1}@example.test`);

async function seed(): Promise<void> {
  if (await ensureDatabase(DATABASE_URL)) console.log('created database mailwarden_bench_policy');
  await migrate(DATABASE_URL);
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    await db.query('TRUNCATE quota_plans, mailboxes RESTART IDENTITY CASCADE');
    await db.query(`INSERT INTO quota_plans (name, storage_limit_bytes, is_default, updated_at) VALUES ('Bench', $1, true, now())`, [GiB]);
    // Under quota everywhere (Dovecot measures its own empty Maildirs): every request is a full lookup, answered DUNNO.
    await db.query(`INSERT INTO mailboxes (address, imap_login, plan_id, effective_limit_bytes, used_bytes, scanned_at, updated_at)
      SELECT a, a, 1, $2, $3, now(), now() FROM unnest($1::text[]) a`, [recipients, GiB, 100 * 1024 ** 2]);
    // One 1 KiB mailbox proves both services really look users up (a 10 KiB message must be refused by both).
    // (An override: Dovecot's dovecot_users view computes the limit from override, plan and increases.)
    await db.query(`INSERT INTO mailboxes (address, imap_login, plan_id, limit_override_bytes, effective_limit_bytes, used_bytes, scanned_at, updated_at)
      VALUES ('tiny@example.test', 'tiny@example.test', 1, 1024, 1024, 0, now(), now())`);
  } finally {
    await db.end();
  }
}

function startMailwarden(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'server/policy/index.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env, DATABASE_URL, POLICY_HOST: '127.0.0.1', POLICY_PORT: String(PORTS.mailwarden), POLICY_SOCKET: '',
      POLICY_METRICS_PORT: String(PORTS.mailwardenMetrics), QUEUE_PREFIX: 'mw-bench-policy', LOG_LEVEL: 'warn',
      // Validated by the shared config, unused by the policy service.
      IMAP_ADMIN_PASSWORD: 'unused', SESSION_SECRET: 'bench-session-secret-not-used-0123456789',
    },
  });
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (const until = Date.now() + 60_000; Date.now() < until;) {
    if (child.exitCode !== null) throw new Error(`policy service exited (${child.exitCode})`);
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect({ port, host: '127.0.0.1' }, () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing on port ${port}`);
}

async function sanityCheck(name: string, port: number): Promise<void> {
  const client = await PolicyClient.connect(port);
  const tiny = await client.request(rcptRequest('tiny@example.test', SIZE));
  const roomy = await client.request(rcptRequest(recipients[0], SIZE));
  client.close();
  if (tiny === 'DUNNO' || roomy !== 'DUNNO') throw new Error(`${name} answers unexpectedly: tiny=${tiny} roomy=${roomy}`);
  console.log(`${name}: tiny@ → ${tiny}; ${recipients[0]} → ${roomy}`);
}

/** Cumulative decision-latency histogram buckets (le → count) from the policy service's own /metrics. */
async function decisionBuckets(): Promise<Map<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${PORTS.mailwardenMetrics}/metrics`)).text();
  const buckets = new Map<string, number>();
  for (const m of text.matchAll(/^mailwarden_policy_decision_seconds_bucket\{le="([^"]+)"\} (\d+)$/gm)) buckets.set(m[1], Number(m[2]));
  return buckets;
}

/** Upper bound (ms) of the bucket holding the 99th percentile of decisions made between two readings. */
function serverP99Ms(before: Map<string, number>, after: Map<string, number>): number {
  const total = (after.get('+Inf') ?? 0) - (before.get('+Inf') ?? 0);
  for (const [le, count] of after) if (count - (before.get(le) ?? 0) >= 0.99 * total) return Number(le) * 1000;
  return Infinity;
}

type Server = 'mailwarden' | 'quota-status';
const SERVER_PORT: Record<Server, number> = { mailwarden: PORTS.mailwarden, 'quota-status': PORTS.quotaStatus };

interface Scenario { connections: number; ratePerSecond?: number }
const SCENARIOS: Scenario[] = [
  ...CONNECTIONS.map((connections) => ({ connections })),
  ...PACED_RATES.map((ratePerSecond) => ({ connections: PACED_CONNECTIONS, ratePerSecond })),
];
const label = (s: Scenario) => (s.ratePerSecond ? `${s.ratePerSecond}/s over ${s.connections} conn` : `${s.connections} conn`);

async function measure(): Promise<Record<Server, LoadResult[]>> {
  const best: Record<Server, LoadResult[]> = { mailwarden: [], 'quota-status': [] };
  for (const scenario of SCENARIOS) {
    const runs: Record<Server, LoadResult[]> = { mailwarden: [], 'quota-status': [] };
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which goes first, so neither always runs on a machine the other just warmed or heated.
      const order: Server[] = round % 2 ? ['quota-status', 'mailwarden'] : ['mailwarden', 'quota-status'];
      for (const server of order) {
        const before = server === 'mailwarden' ? await decisionBuckets() : null;
        const r: LoadResult & { serverDecisionP99Ms?: number } = await runLoad({ port: SERVER_PORT[server], ...scenario, recipients, size: SIZE, warmupMs: 1000, durationMs: SECONDS * 1000 });
        // Inside the server, request parsed → reply written: what the service itself adds, without the kernel and the client.
        if (before) r.serverDecisionP99Ms = serverP99Ms(before, await decisionBuckets());
        runs[server].push(r);
        // quota-status overloaded leaves its processes busy after the load stops (seen: the next Mailwarden run's
        // p99 went from 1.3 to 11–26 ms at 4,000/s): let the machine settle so each run measures only its server.
        if (server === 'quota-status') await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        const inside = r.serverDecisionP99Ms === undefined ? '' : `, in-server p99 ≤ ${r.serverDecisionP99Ms} ms`;
        console.log(`  ${server.padEnd(12)} ${label(scenario).padStart(20)} round ${round + 1}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50Ms.toFixed(3)} ms, p99 ${r.p99Ms.toFixed(3)} ms${inside}`);
      }
    }
    // The median round (by throughput, or by p99 when paced): robust to one round disturbed by other load.
    for (const server of Object.keys(runs) as Server[]) {
      const sorted = [...runs[server]].sort((a, b) => (scenario.ratePerSecond ? b.p99Ms - a.p99Ms : a.rps - b.rps));
      best[server].push(sorted[Math.floor(sorted.length / 2)]);
    }
  }
  return best;
}

function report(results: Record<Server, LoadResult[]>) {
  const rows: Array<{ figure: string; mailwarden: number; quotaStatus: number; ratio: number }> = [];
  SCENARIOS.forEach((scenario, i) => {
    const mw = results.mailwarden[i];
    const qs = results['quota-status'][i];
    const what = scenario.ratePerSecond ? `paced ${label(scenario)}` : `saturated, ${label(scenario)}`;
    rows.push({ figure: `req/s ${what}`, mailwarden: mw.rps, quotaStatus: qs.rps, ratio: mw.rps / qs.rps });
    rows.push({ figure: `p50 ms ${what}`, mailwarden: mw.p50Ms, quotaStatus: qs.p50Ms, ratio: mw.p50Ms / qs.p50Ms });
    rows.push({ figure: `p99 ms ${what}`, mailwarden: mw.p99Ms, quotaStatus: qs.p99Ms, ratio: mw.p99Ms / qs.p99Ms });
  });
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(3));
  // Ratio = Mailwarden ÷ quota-status: above 1 is better for throughput, below 1 is better for latency.
  const W = 42;
  console.log(`\n${'figure'.padEnd(W)} ${'Mailwarden'.padStart(11)} ${'quota-status'.padStart(13)} ${'ratio MW/qs'.padStart(12)}`);
  const ratio = (n: number) => (n < 0.1 ? n.toPrecision(2) : n.toFixed(2)) + '×';
  for (const r of rows) console.log(`${r.figure.padEnd(W)} ${fmt(r.mailwarden).padStart(11)} ${fmt(r.quotaStatus).padStart(13)} ${ratio(r.ratio).padStart(12)}`);
  const saturated = SCENARIOS.map((s, i) => ({ s, i })).filter(({ s }) => !s.ratePerSecond);
  const paced = SCENARIOS.map((s, i) => ({ s, i })).filter(({ s }) => s.ratePerSecond);
  const minThroughputRatio = Math.min(...saturated.map(({ i }) => results.mailwarden[i].rps / results['quota-status'][i].rps));
  const p99 = (list: typeof saturated) => Math.max(...list.map(({ i }) => results.mailwarden[i].p99Ms));
  const maxPacedP99 = p99(paced);
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log(`\ntargets: throughput ≥ 1.0× quota-status: ${verdict(minThroughputRatio >= 1)} (min ${minThroughputRatio.toFixed(2)}×); ` +
    `p99 < 2 ms at paced load: ${verdict(maxPacedP99 < 2)} (max ${maxPacedP99.toFixed(3)} ms)`);
  // Saturated p99 is queueing in a closed loop on two shared cores (Little's law), reported, not a target.
  for (const { s, i } of saturated) {
    const r = results.mailwarden[i];
    console.log(`  saturated ${label(s)}: p99 ${r.p99Ms.toFixed(3)} ms; Little's law floor for the mean: ${(1000 * s.connections / r.rps).toFixed(3)} ms`);
  }
  const targets: TargetRow[] = [
    ...saturated.map(({ s, i }): TargetRow => ({ benchmark: 'policy', figure: `decisions, saturated, ${label(s)}`, mailwarden: Math.round(results.mailwarden[i].rps), anchor: Math.round(results['quota-status'][i].rps), anchorName: 'Dovecot quota-status', unit: 'req/s', target: { ratioAtLeast: 1 } })),
    ...paced.map(({ s, i }): TargetRow => ({ benchmark: 'policy', figure: `p99, paced ${label(s)}`, mailwarden: +results.mailwarden[i].p99Ms.toFixed(3), anchor: +results['quota-status'][i].p99Ms.toFixed(3), anchorName: 'Dovecot quota-status', unit: 'ms', target: { below: 2 } })),
  ];
  printTargets(targets);
  return {
    rows,
    verdict: { minThroughputRatio, maxPacedP99Ms: maxPacedP99, maxSaturatedP99Ms: p99(saturated), met: minThroughputRatio >= 1 && maxPacedP99 < 2 },
    targets,
  };
}

async function main() {
  if (process.getuid?.() !== 0) throw new Error('run as root: the benchmark starts Dovecot');
  let dovecot: DovecotHandle | undefined;
  let mailwarden: ChildProcess | undefined;
  const cleanup = async () => {
    if (mailwarden && mailwarden.exitCode === null) {
      mailwarden.kill('SIGTERM');
      await new Promise((r) => mailwarden!.once('exit', r));
    }
    await dovecot?.stop();
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  // Other work on the machine moves these figures: the load average before and after goes into the results.
  const loadBefore = os.loadavg();
  try {
    await seed();
    await fs.rm(`${DOVECOT_DIR}/mail`, { recursive: true, force: true });
    dovecot = await startDovecot({
      dir: DOVECOT_DIR, imapPort: PORTS.imap, pop3Port: PORTS.pop3, quotaStatusPort: PORTS.quotaStatus,
      databaseUrl: DATABASE_URL, masterUser: 'mailwarden', masterPassword: 'bench-master-password-not-secret',
    });
    mailwarden = startMailwarden();
    await waitForPort(PORTS.mailwarden, mailwarden);
    await sanityCheck('Mailwarden', PORTS.mailwarden);
    await sanityCheck('quota-status', PORTS.quotaStatus);
    // Every recipient once through both, so first-lookup costs (Dovecot creating homes) stay out of the figures.
    for (const port of [PORTS.mailwarden, PORTS.quotaStatus]) await runLoad({ port, connections: 8, recipients, size: SIZE, warmupMs: 0, durationMs: 2000 });

    console.log(`measuring: ${SECONDS} s per run after 1 s warm-up, ${ROUNDS} rounds, median round reported`);
    const results = await measure();
    const summary = report(results);
    const out = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, loadAverageBefore: loadBefore, loadAverageAfter: os.loadavg() },
      settings: { seconds: SECONDS, rounds: ROUNDS, mailboxes: MAILBOXES, sizeBytes: SIZE, connections: CONNECTIONS, pacedRates: PACED_RATES, pacedConnections: PACED_CONNECTIONS },
      results, ...summary,
    };
    await fs.mkdir(new URL('./results/', import.meta.url), { recursive: true });
    await fs.writeFile(new URL('./results/policy.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
    console.log('wrote bench/results/policy.json');
  } finally {
    await cleanup();
  }
}

await main();
