// The API under benchmark: the production entrypoint (server/server.ts) as its own process, so the load
// generator never shares its event loop, logging at the production default (info) into a file. Fastify's
// "request completed" lines in that file carry its own responseTime: the server-side time of each request.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** USER_HZ of /proc/<pid>/stat: 100 on every Linux build this runs on (getconf CLK_TCK). */
const CLOCK_TICKS = 100;

export interface ApiProcess {
  baseUrl: string;
  /** Fastify's responseTime (ms) of every request completed since the last call, in log order. */
  takeResponseTimes(): number[];
  /** CPU time (user + system, ms) the API processes have used so far, from /proc: per-request cost even on a busy machine. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** CPU time (user + system, ms) of one process so far, or 0 when it is gone. */
function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * (1000 / CLOCK_TICKS);
  } catch {
    return 0;
  }
}

/** The API's processes: the one started and, with API_PROCESSES > 1, the copies it forked (its children). */
function apiPids(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // gone, or a kernel without the children file: the parent alone
  }
  return [pid, ...children];
}

export interface ApiOptions {
  port: number; databaseUrl: string; logFile: string;
  /** API_PROCESSES: copies of the API sharing the port (node:cluster). */
  processes?: number;
  /** Write a V8 CPU profile of each API process into this directory when it exits (node --cpu-prof). */
  cpuProfileDir?: string;
}

export async function startApi(opts: ApiOptions): Promise<ApiProcess> {
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  const fd = openSync(opts.logFile, 'w');
  const profileArgs = opts.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfileDir}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profileArgs, '--import', 'tsx', 'server/server.ts'], {
    cwd: ROOT,
    stdio: ['ignore', fd, fd],
    env: {
      ...process.env,
      HOST: '127.0.0.1', PORT: String(opts.port), PUBLIC_BASE_URL: baseUrl, DATABASE_URL: opts.databaseUrl,
      LOG_LEVEL: 'info', QUEUE_PREFIX: 'mw-bench-api', API_PROCESSES: String(opts.processes ?? 1),
      // Required by the shared config; the routes measured here never use them.
      IMAP_ADMIN_PASSWORD: 'unused-by-this-benchmark', SESSION_SECRET: 'bench-api-session-secret-0123456789abcdef',
      // The benchmark signs in as an admin with a password only: measured requests, not the MFA step.
      MFA_REQUIRED_ROLES: 'none',
    },
  });
  closeSync(fd);
  let readOffset = 0;
  const handle: ApiProcess = {
    baseUrl,
    takeResponseTimes() {
      const text = readFileSync(opts.logFile, 'utf8');
      const fresh = text.slice(readOffset, text.lastIndexOf('\n') + 1);
      readOffset += fresh.length;
      const times: number[] = [];
      for (const line of fresh.split('\n')) {
        if (!line.includes('"request completed"')) continue;
        const t = (JSON.parse(line) as { responseTime?: number }).responseTime;
        if (typeof t === 'number') times.push(t);
      }
      return times;
    },
    cpuMs() {
      return apiPids(child.pid!).reduce((sum, pid) => sum + processCpuMs(pid), 0);
    },
    stop() {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      return exited;
    },
  };
  // Every process logs "Server listening" once it accepts requests; the first one answering is not enough.
  const listening = () => readFileSync(opts.logFile, 'utf8').split('"Server listening').length - 1;
  for (const until = Date.now() + 120_000; Date.now() < until;) {
    if (child.exitCode !== null) throw new Error(`API exited (${child.exitCode}); see ${opts.logFile}`);
    const ok = listening() >= (opts.processes ?? 1) && (await fetch(`${baseUrl}/health/ready`).then((r) => r.ok, () => false));
    if (ok) {
      handle.takeResponseTimes(); // forget the readiness probes
      return handle;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await handle.stop();
  throw new Error(`API not ready within 120 s; see ${opts.logFile}`);
}

/** Logs in through the real login route; returns the Cookie header value the console's browser would send. */
export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('mw_session='));
  if (!cookie) throw new Error('login set no mw_session cookie');
  return cookie.split(';')[0];
}
