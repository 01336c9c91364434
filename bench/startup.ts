// Start-up time and idle memory of the API and a worker, run from the TypeScript sources through tsx (`npm run api`)
// and from the compiled build (`npm run build`, then `node dist/...`): the figures in docs/deployment.md.
// Needs PostgreSQL and Redis; run `npm run build` first. Usage: npx tsx bench/startup.ts [rounds=3] [idleSeconds=20]
// Each process gets its own queue prefix (no jobs reach it) and a migrated scratch database.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureDatabase, migrate } from '../scripts/lib/database.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const rounds = Number(process.argv[2] ?? 3);
const idleSeconds = Number(process.argv[3] ?? 20);
const DATABASE_URL = 'postgresql://root@127.0.0.1:5432/mailwarden_startup_bench';
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const PORT = 13980;

const env = {
  ...process.env, DATABASE_URL, REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: `mw-startup-bench-${process.pid}`,
  IMAP_ADMIN_PASSWORD: 'not-used-while-idle', SESSION_SECRET: 'startup-bench-session-secret-0123456789abcdef',
  PORT: String(PORT), WORKER_METRICS_PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'production',
};

const variants = {
  'api (tsx)': { args: ['--import', TSX, 'server/server.ts'], ready: 'http' },
  'api (node dist)': { args: ['dist/server/server.js'], ready: 'http' },
  'worker (tsx)': { args: ['--import', TSX, 'jobs/index.ts'], ready: /workers started/ },
  'worker (node dist)': { args: ['dist/jobs/index.js'], ready: /workers started/ },
} as const;

async function once(args: readonly string[], ready: 'http' | RegExp): Promise<{ startMs: number; rssMiB: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b) => { out += b; });
  child.stderr.on('data', (b) => { out += b; });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${out}`);
      if (ready === 'http' ? await fetch(`http://127.0.0.1:${PORT}/health/live`).then((r) => r.ok, () => false) : ready.test(out)) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const startMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]);
    return { startMs, rssMiB: rss / 1024 };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
await ensureDatabase(DATABASE_URL);
await migrate(DATABASE_URL);
console.log(`Node ${process.version}, ${rounds} rounds, RSS after ${idleSeconds} s idle (median)`);
console.log('| process | start-up to ready | idle RSS |\n|---|---|---|');
for (const [name, v] of Object.entries(variants)) {
  const results = [];
  for (let i = 0; i < rounds; i++) results.push(await once(v.args, v.ready));
  console.log(`| ${name} | ${(median(results.map((r) => r.startMs)) / 1000).toFixed(2)} s | ${median(results.map((r) => r.rssMiB)).toFixed(0)} MiB |`);
}
