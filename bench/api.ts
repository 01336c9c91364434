// `npm run bench -- api [--mailboxes 100000 --connections 50 --seconds 5 --samples 20 --processes 1 --profile --reseed]`
// The console's mailbox list at 100,000 mailboxes (#7: first page in under 300 ms of API time; #17: at 50 connections
// at least 500 req/s with p99 under 100 ms). Seeds its own database (kept between runs while unchanged), runs the real
// API entrypoint as a child process (--processes: API_PROCESSES), logs in as staff like the console, and measures the
// requests the console sends: each alone on an idle server (median of --samples, client-side and Fastify's own
// responseTime), each under autocannon at --connections, and all of them mixed in turn ("overall"); then the first
// page again with 20 % of the rows rewritten as a usage scan leaves them before autovacuum (the count's worst case).
// --profile runs the API with node --cpu-prof and prints where its CPU went (figures of such a run are slower).
// No external anchor exists for this one: the anchors are the targets. Writes bench/results/api.json.
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ensureDatabase, migrate } from '../scripts/lib/database.ts';
import { createPrisma } from '../server/core/lib/prisma.ts';
import { createStaffRepository } from '../server/core/repositories/staff.ts';
import { isSeeded, rewriteAsScanned, seedMailboxes, vacuum } from './lib/api-seed.ts';
import { login, startApi, type ApiProcess } from './lib/api-server.ts';
import { measureLoad, measureSingle, median, type Endpoint, type LoadResult } from './lib/api-load.ts';
import { consoleEndpoints } from './lib/api-endpoints.ts';
import { printTargets, writeResult, type TargetRow } from './lib/report.ts';
import { printProfileSummary } from './lib/cpu-profile.ts';

const { values: args } = parseArgs({
  options: {
    mailboxes: { type: 'string', default: '100000' }, connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '5' }, samples: { type: 'string', default: '20' }, reseed: { type: 'boolean', default: false },
    processes: { type: 'string', default: '1' }, profile: { type: 'boolean', default: false },
  },
});
const PROCESSES = Number(args.processes);
const PROFILE_DIR = 'bench/results/api-profile';
/** #17: the console's requests at 50 connections on 2 cores. */
const LOAD_TARGET = { rps: 500, p99Ms: 100 };
const N = Number(args.mailboxes);
const CONNECTIONS = Number(args.connections);
const SECONDS = Number(args.seconds);
const SAMPLES = Number(args.samples);
const TARGET_MS = 300;
const PORT = 10560; // off the test ports and the other benchmarks' (105xx policy, 106xx scan)
const DATABASE_URL = 'postgresql://root@127.0.0.1:5432/mailwarden_bench_api';
const STAFF = { email: 'bench-admin@example.test', password: 'bench-api-staff-password' };
const started = performance.now();

/** `prisma migrate deploy` costs ~12 s even with nothing to do: run it only when a migration is not applied yet. */
async function migrateIfNeeded(db: pg.Client): Promise<void> {
  const dirs = (await readdir('prisma/migrations', { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  const applied = await db.query<{ migration_name: string }>(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL`).catch(() => ({ rows: [] }));
  const done = new Set(applied.rows.map((r) => r.migration_name));
  if (dirs.every((d) => done.has(d))) return;
  console.log('applying migrations…');
  await migrate(DATABASE_URL);
}

async function prepareDatabase(): Promise<{ reused: boolean; seconds: number }> {
  if (await ensureDatabase(DATABASE_URL)) console.log('created database mailwarden_bench_api');
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  let seed = { reused: true, seconds: 0 };
  try {
    await migrateIfNeeded(db);
    if (!args.reseed && (await isSeeded(db, N))) {
      console.log(`reusing the seeded ${N.toLocaleString('en')} mailboxes`);
      await vacuum(db);
    } else {
      const t0 = performance.now();
      await seedMailboxes(db, N);
      seed = { reused: false, seconds: +((performance.now() - t0) / 1000).toFixed(1) };
      console.log(`seeded ${N.toLocaleString('en')} mailboxes in ${seed.seconds} s`);
    }
  } finally {
    await db.end();
  }
  // The staff account the way scripts/create-admin.ts makes one (argon2 hash through the repository).
  const prisma = createPrisma(DATABASE_URL, { poolSize: 1 });
  try {
    const staff = createStaffRepository(prisma);
    const existing = await staff.findForLogin(STAFF.email);
    if (existing) await staff.update(existing.id, { password: STAFF.password, role: 'admin', active: true });
    else await staff.create({ email: STAFF.email, name: 'Bench admin', role: 'admin', password: STAFF.password });
  } finally {
    await prisma.$disconnect();
  }
  return seed;
}

interface Row { endpoint: string; single: { clientMedianMs: number; clientMaxMs: number; serverMedianMs: number; serverMaxMs: number }; load: LoadResult; apiCpuMsPerRequest: number; withinTarget: boolean }

/** Single requests on the idle server for every endpoint first, then the load runs (which leave the server busy for a while). */
async function measureAll(api: ApiProcess, cookie: string, endpoints: Endpoint[]): Promise<Row[]> {
  const singles = new Map<string, Row['single']>();
  for (const endpoint of endpoints) {
    await measureSingle(api.baseUrl, cookie, endpoint, 5, () => api.takeResponseTimes()); // warm-up: JIT, plan cache, pool
    const s = await measureSingle(api.baseUrl, cookie, endpoint, SAMPLES, () => api.takeResponseTimes());
    singles.set(endpoint.name, { clientMedianMs: median(s.clientMs), clientMaxMs: Math.max(...s.clientMs), serverMedianMs: median(s.serverMs), serverMaxMs: Math.max(...s.serverMs) });
    console.log(`  ${endpoint.name}: single request median ${median(s.clientMs).toFixed(1)} ms (server ${median(s.serverMs).toFixed(1)} ms)`);
  }
  const rows: Row[] = [];
  for (const endpoint of endpoints) {
    const cpuBefore = api.cpuMs();
    const load = await measureLoad(api.baseUrl, cookie, endpoint, CONNECTIONS, SECONDS);
    const apiCpuMsPerRequest = (api.cpuMs() - cpuBefore) / load.requests;
    if (load.non2xx || load.errors) throw new Error(`${endpoint.name}: ${load.non2xx} non-2xx replies and ${load.errors} errors under load`);
    console.log(`  ${endpoint.name}: ${load.rps.toFixed(0)} req/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms at ${CONNECTIONS} connections; API process CPU ${apiCpuMsPerRequest.toFixed(1)} ms/request`);
    const single = singles.get(endpoint.name)!;
    rows.push({ endpoint: endpoint.name, single, load, apiCpuMsPerRequest, withinTarget: single.clientMedianMs < TARGET_MS });
  }
  return rows;
}

/** All endpoints in turn, request by request, as a console in use mixes them: the "overall" figure. */
function mixed(endpoints: Endpoint[]): Endpoint {
  let next = 0;
  return { name: 'overall: all five mixed', path: () => endpoints[next++ % endpoints.length].path(), check: () => null };
}

function targetRows(rows: Row[], overall: { load: LoadResult; apiCpuMsPerRequest: number }): TargetRow[] {
  const base = { benchmark: 'api', anchor: null, anchorName: '(no anchor: the target)' };
  const load = [...rows.map((r) => ({ name: r.endpoint, load: r.load })), { name: 'overall (mixed)', load: overall.load }];
  return [
    ...load.flatMap(({ name, load: l }): TargetRow[] => [
      { ...base, figure: `${name}: req/s at ${CONNECTIONS} connections`, mailwarden: Math.round(l.rps), unit: 'req/s', target: { atLeast: LOAD_TARGET.rps } },
      { ...base, figure: `${name}: p99 at ${CONNECTIONS} connections`, mailwarden: l.p99Ms, unit: 'ms', target: { below: LOAD_TARGET.p99Ms } },
    ]),
    ...rows.map((r): TargetRow => ({ ...base, figure: `${r.endpoint}: one request alone`, mailwarden: +r.single.clientMedianMs.toFixed(1), unit: 'ms', target: { below: TARGET_MS } })),
  ];
}

/** The API processes wrote one profile each on exit (node --cpu-prof): where their CPU went. */
async function summariseProfiles(): Promise<void> {
  for (const name of (await readdir(PROFILE_DIR)).filter((n) => n.endsWith('.cpuprofile'))) {
    const path = `${PROFILE_DIR}/${name}`;
    const profile = JSON.parse(await readFile(path, 'utf8')) as Parameters<typeof printProfileSummary>[0];
    if (profile.samples.length > 1000) printProfileSummary(profile, path); // the cluster primary has next to none
  }
}

async function main() {
  const loadBefore = os.loadavg();
  const seed = await prepareDatabase();
  if (args.profile) {
    await rm(PROFILE_DIR, { recursive: true, force: true });
    await mkdir(PROFILE_DIR, { recursive: true });
  }
  const api = await startApi({ port: PORT, databaseUrl: DATABASE_URL, logFile: '/tmp/mw-bench-api-server.log', processes: PROCESSES, cpuProfileDir: args.profile ? PROFILE_DIR : undefined });
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const rows: Row[] = [];
  let overall!: { load: LoadResult; apiCpuMsPerRequest: number };
  try {
    const cookie = await login(api.baseUrl, STAFF.email, STAFF.password);
    const endpoints = consoleEndpoints(N);
    rows.push(...(await measureAll(api, cookie, endpoints)));
    const cpuBefore = api.cpuMs();
    const load = await measureLoad(api.baseUrl, cookie, mixed(endpoints), CONNECTIONS, SECONDS);
    if (load.non2xx || load.errors) throw new Error(`mixed: ${load.non2xx} non-2xx replies and ${load.errors} errors under load`);
    overall = { load, apiCpuMsPerRequest: (api.cpuMs() - cpuBefore) / load.requests };
    console.log(`  all five mixed: ${load.rps.toFixed(0)} req/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms at ${CONNECTIONS} connections; API CPU ${overall.apiCpuMsPerRequest.toFixed(1)} ms/request`);
    // The same first page while a usage scan is under way: 20 % of the rows rewritten, not yet vacuumed.
    console.log('rewriting 20 % of the mailboxes as a usage scan would…');
    await rewriteAsScanned(db, 0.2);
    rows.push(...(await measureAll(api, cookie, [{ ...endpoints[0], name: 'list: first page, mid-scan' }])));
  } finally {
    await api.stop();
    await vacuum(db).finally(() => db.end());
  }

  const table: Record<string, Record<string, number | string>> = {};
  for (const r of [...rows, { endpoint: 'overall (mixed)', load: overall.load, apiCpuMsPerRequest: overall.apiCpuMsPerRequest }]) {
    table[r.endpoint] = { 'req/s': Math.round(r.load.rps), 'p50 ms': r.load.p50Ms, 'p99 ms': r.load.p99Ms, 'API cpu ms/req': +r.apiCpuMsPerRequest.toFixed(1) };
    if ('single' in r) {
      Object.assign(table[r.endpoint], { 'single ms': +r.single.clientMedianMs.toFixed(1), 'single max': +r.single.clientMaxMs.toFixed(1), 'server ms': +r.single.serverMedianMs.toFixed(1) });
    }
  }
  console.log(`\n${N.toLocaleString('en')} mailboxes, ${PROCESSES} API process(es); load: ${CONNECTIONS} connections × ${SECONDS} s each; single: median of ${SAMPLES} requests on an idle server`);
  console.log('(single ms = client-side response time, median; single max = the slowest of them; server ms = Fastify responseTime from the API log; API cpu = the API processes\' CPU time per request under load)');
  console.table(table);
  const targets = targetRows(rows, overall);
  printTargets(targets);
  const loadAfter = os.loadavg();
  console.log(`load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')} (other work on the machine makes these figures noisy)`);
  if (args.profile) await summariseProfiles();
  const missed = rows.filter((r) => !r.withinTarget);
  const result = {
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB`,
    loadAverage: { before: loadBefore, after: loadAfter },
    mailboxes: N, seed, connections: CONNECTIONS, seconds: SECONDS, samples: SAMPLES, processes: PROCESSES, profiled: args.profile, targetMs: TARGET_MS,
    endpoints: rows, overall, targets, wallSeconds: +((performance.now() - started) / 1000).toFixed(1),
  };
  await writeResult('api', result);
  console.log(`whole benchmark ${result.wallSeconds} s; ${missed.length ? `MISSED the ${TARGET_MS} ms target: ${missed.map((r) => r.endpoint).join(', ')}` : `every single request within ${TARGET_MS} ms`}`);
  if (missed.length) process.exitCode = 1;
}

await main();
