// Real: the production entrypoints as their own processes — API (server/server.ts), workers (jobs/index.ts), policy service (server/policy/index.ts) — over Dovecot, PostgreSQL and Redis; HTTP load from autocannon child processes, policy load from raw clients. Injected: latency on a proxy before Dovecot so each sweep takes a while. Bounded: SOAK_SECONDS (default 90).
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from '../harness/fault-proxy.ts';
import { envOf, startEntrypoint, type Entrypoint } from '../harness/processes.ts';
import { createStaff, STAFF_PASSWORD } from '../harness/app.ts';
import { truncateAll } from '../harness/db.ts';
import { TEST_PORTS, testConfig, testMailUser, testPort } from '../harness/env.ts';
import { STANDARD_RULES, STANDARD_SEED, createMailboxRow, createPolicy, seed } from '../harness/retention.ts';
import { PolicyClient, rcptRequest } from '../../bench/lib/policy-client.ts';
import { createPrisma } from '../../server/core/lib/prisma.ts';
import { createWorkerRedis } from '../../server/core/lib/redis.ts';
import { closeQueues, createQueues } from '../../server/core/queues/registry.ts';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 90);
const SYNTHETIC = 500;
const REAL_USERS = [1, 2, 3];
const BULK = 300;
const API_PORT = testPort(10390);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const AUTOCANNON = path.resolve(import.meta.dirname, '../../node_modules/.bin/autocannon');

const config = testConfig({
  PORT: String(API_PORT), PUBLIC_BASE_URL: `http://127.0.0.1:${API_PORT}`, LOG_LEVEL: 'warn', EXPIRY_CONCURRENCY: '1',
  POLICY_PORT: String(TEST_PORTS.policy), POLICY_METRICS_PORT: '0', SMTP_PORT: String(testPort(10392)),
  // The schedulers jobs/index.ts registers must not fire during the soak.
  SCAN_CRON: '0 0 1 1 *', EXPIRY_CRON: '0 0 1 1 *',
});
const prisma = createPrisma(config.DATABASE_URL);
const connection = createWorkerRedis(config.REDIS_URL);
const queues = createQueues(connection, config.QUEUE_PREFIX);
let proxy: FaultProxy;
const procs: Record<'api' | 'workers' | 'policy', Entrypoint> = {} as never;
let cookie: string;
let policyId: number;
const realIds: number[] = [];

interface CannonResult { requests: { average: number; total: number }; latency: { p50: number; p99: number; max: number }; errors: number; timeouts: number; non2xx: number; '2xx': number }

/** autocannon in its own process, JSON result. */
function cannon(url: string, opts: { connections: number; rate: number }): Promise<CannonResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(AUTOCANNON, ['-j', '-c', String(opts.connections), '-R', String(opts.rate), '-d', String(SECONDS), '-H', `cookie=${cookie}`, url], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (b) => { out += b; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`autocannon exited with ${code}`))));
  });
}

/** Postfix-like clients: one connection each, one RCPT question after another with a 10 ms pause (~90/s per client). */
async function policyLoad(clients: number, until: number) {
  const latencies: number[] = [];
  let errors = 0;
  let wrong = 0;
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    const client = await PolicyClient.connect(TEST_PORTS.policy);
    for (let i = c; Date.now() < until; i++) {
      try {
        const { action, micros } = await client.timed(rcptRequest(`soak${i % SYNTHETIC}@example.test`, 1000));
        latencies.push(micros / 1000);
        if (!/^(DUNNO|[45]\d\d [45]\.\d\.\d .+)$/.test(action)) wrong++;
      } catch {
        errors++;
      }
      await sleep(10);
    }
    client.close();
  }));
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
  return { count: latencies.length, errors, wrong, p50: pct(0.5), p99: pct(0.99), max: latencies.at(-1) ?? 0 };
}

const listening = (port: number) => () => new Promise<boolean>((resolve) => {
  const s = net.connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
  s.on('error', () => resolve(false));
});

beforeAll(async () => {
  await truncateAll(prisma);
  proxy = await FaultProxy.start({ port: testPort(10391), targetPort: TEST_PORTS.imap });
  await createStaff({ prisma } as never, 'admin');
  // Not the default policy: sweeps by policy touch only the real IMAP mailboxes, never the synthetic rows.
  policyId = (await createPolicy(prisma, 'Soak', STANDARD_RULES)).id;
  for (const n of REAL_USERS) {
    const { id } = await createMailboxRow(prisma, testMailUser(n), { retentionPolicyId: policyId });
    await seed(config, testMailUser(n), [...STANDARD_SEED, { folder: 'INBOX', count: BULK, ageDays: [40, 400], sizeBytes: 3000, flags: ['\\Seen'], subjectPrefix: 'expire bulk' }]);
    realIds.push(id);
  }
  const now = new Date();
  await prisma.mailbox.createMany({
    data: Array.from({ length: SYNTHETIC }, (_, i) => ({
      address: `soak${i}@example.test`, imapLogin: `soak${i}@example.test`, displayName: `Soak ${i}`,
      effectiveLimitBytes: 1_000_000n, usedBytes: BigInt((i * 7919) % 1_100_000), usagePercent: ((i * 7919) % 1_100_000) / 10_000, scannedAt: now,
    })),
  });
  procs.api = await startEntrypoint('server/server.ts', envOf(config), async () => (await fetch(`http://127.0.0.1:${API_PORT}/health/ready`)).ok);
  procs.workers = await startEntrypoint('jobs/index.ts', envOf(config, { LOG_LEVEL: 'info', IMAP_PORT: String(proxy.port) }), /workers started/);
  procs.policy = await startEntrypoint('server/policy/index.ts', envOf(config), listening(TEST_PORTS.policy));
  const res = await fetch(`http://127.0.0.1:${API_PORT}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@example.test', password: STAFF_PASSWORD }) });
  cookie = res.headers.get('set-cookie')!.split(';')[0];
}, 300_000);
afterAll(async () => {
  for (const p of Object.values(procs)) await p?.kill();
  await closeQueues(queues);
  connection.disconnect();
  await proxy?.close();
  await prisma.$disconnect();
});

describe(`soak: API + policy service under load for ${SECONDS} s while sweeps and scans run`, () => {
  it('answers every request, keeps memory flat in every process, and reports p99', async () => {
    proxy.setLatency(2);
    const until = Date.now() + SECONDS * 1000;
    const samples: Record<string, number[]> = { api: [], workers: [], policy: [] };
    const sampler = setInterval(() => { for (const [name, p] of Object.entries(procs)) samples[name].push(p.rss()); }, 1000);

    // Background work: expiry sweeps back to back, and usage scans of the real mailboxes every 3 s.
    let sweeps = 0;
    let scans = 0;
    let lastScan = 0;
    const background = (async () => {
      while (Date.now() < until) {
        const job = await queues['expiry-sweep'].add('expiry-sweep', { dryRun: false, trigger: 'scheduled', policyId });
        let runId: number | undefined;
        for (;;) {
          runId ??= (await queues['expiry-sweep'].getJob(job.id!))?.data.runId;
          const run = runId ? await prisma.expiryRun.findUnique({ where: { id: runId } }) : null;
          if (run && run.status !== 'running') { expect(run.status).toBe('completed'); sweeps++; break; }
          if (Date.now() - lastScan > 3000) {
            lastScan = Date.now();
            for (const id of realIds) await queues['usage-scan'].add('usage-scan', { mailboxId: id, reason: 'manual' });
            scans += realIds.length;
          }
          await sleep(250);
        }
      }
    })();

    const base = `http://127.0.0.1:${API_PORT}`;
    const range = encodeURIComponent('[0,24]');
    const [list, search, detail, pol] = await Promise.all([
      cannon(`${base}/api/mailboxes?range=${range}&sort=${encodeURIComponent('["usagePercent","DESC"]')}`, { connections: 8, rate: 100 }),
      cannon(`${base}/api/mailboxes?range=${range}&filter=${encodeURIComponent('{"q":"soak1"}')}`, { connections: 4, rate: 40 }),
      cannon(`${base}/api/mailboxes/${realIds[0]}`, { connections: 4, rate: 60 }),
      policyLoad(8, until),
    ]);
    await background;
    clearInterval(sampler);

    const mib = (b: number) => Math.round(b / 1048576);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // The first third is warm-up (JIT, heap sizing); a leak shows as growth from the middle third to the last.
    const memory = Object.fromEntries(Object.entries(samples).map(([name, xs]) => {
      const third = Math.max(3, Math.floor(xs.length / 3));
      return [name, { early: median(xs.slice(third, 2 * third)), late: median(xs.slice(-third)), max: Math.max(...xs) }];
    }));
    const http = { list, search, detail };
    console.log(`soak ${SECONDS} s (API, workers and policy service each in its own process):`);
    for (const [name, r] of Object.entries(http)) {
      console.log(`  GET ${name.padEnd(6)} ${r.requests.total} req (${Math.round(r.requests.average)}/s)  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  max ${r.latency.max} ms  errors ${r.errors} timeouts ${r.timeouts} non2xx ${r.non2xx}`);
    }
    console.log(`  policy     ${pol.count} req (${Math.round(pol.count / SECONDS)}/s)  p50 ${pol.p50.toFixed(2)} ms  p99 ${pol.p99.toFixed(2)} ms  max ${pol.max.toFixed(1)} ms  errors ${pol.errors} unexpected ${pol.wrong}`);
    console.log(`  sweeps completed ${sweeps}, scans enqueued ${scans}`);
    for (const [name, m] of Object.entries(memory)) console.log(`  RSS ${name.padEnd(8)} ${mib(m.early)} -> ${mib(m.late)} MiB, middle to last third (max ${mib(m.max)})`);

    for (const [name, r] of Object.entries(http)) {
      expect({ name, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx }).toEqual({ name, errors: 0, timeouts: 0, non2xx: 0 });
      expect(r['2xx']).toBeGreaterThan(SECONDS * 10);
    }
    expect({ errors: pol.errors, wrong: pol.wrong }).toEqual({ errors: 0, wrong: 0 });
    expect(pol.count).toBeGreaterThan(SECONDS * 200);
    expect(sweeps).toBeGreaterThanOrEqual(1);
    // Memory flat: each process's late median within 20 % (or 48 MiB) of its middle one.
    for (const [name, m] of Object.entries(memory)) expect(m.late - m.early, name).toBeLessThan(Math.max(m.early * 0.2, 48 * 1048576));
    // The first sweep did its work on every real mailbox, once.
    const done = await prisma.expiryMailboxRun.findMany({ where: { mailboxId: { in: realIds }, deleted: { gt: 0 } } });
    expect(done.map((r) => [r.status, r.deleted, r.moved])).toEqual(realIds.map(() => ['done', BULK + 6, 2]));
    expect(procs.workers.output.join('')).not.toMatch(/"level":(50|60)/); // no error logged by the workers
  });
});
