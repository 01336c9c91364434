// CPU time spent by each party of a benchmark, from /proc: a figure that holds up when other work shares the
// machine (wall time on a busy 2-core box mostly measures the neighbours). Linux only.
//   - a process tree (the Dovecot master with its imap/auth children, a worker child process): its own time,
//     its reaped children's (cutime/cstime) and its live descendants';
//   - this process's reaped children (each `doveadm` run): /proc/self cutime/cstime;
//   - PostgreSQL backends of one database (pg_stat_activity), which a pool keeps open across the run.
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

const TICK_MS = 10; // USER_HZ is 100 on Linux

interface Stat { ppid: number; self: number; children: number }

function stat(pid: number | 'self'): Stat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Fields after the ")" that closes the command name: state(3) ppid(4) … utime(14) stime(15) cutime(16) cstime(17).
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ').map(Number);
  return { ppid: f[1], self: (f[11] + f[12]) * TICK_MS, children: (f[13] + f[14]) * TICK_MS };
}

/** CPU ms of `root` and everything under it, reaped or alive. */
export function treeCpuMs(root: number): number {
  const all = readdirSync('/proc').filter((e) => /^\d+$/.test(e)).map(Number);
  const byParent = new Map<number, number[]>();
  for (const pid of all) {
    const s = stat(pid);
    if (s) byParent.set(s.ppid, [...(byParent.get(s.ppid) ?? []), pid]);
  }
  let total = 0;
  const walk = (pid: number) => {
    const s = stat(pid);
    if (!s) return;
    total += s.self + s.children;
    for (const child of byParent.get(pid) ?? []) walk(child);
  };
  walk(root);
  return total;
}

/** CPU ms of this process's children that have exited and been waited for (doveadm, cp, rm…). */
export const reapedChildrenCpuMs = () => stat('self')?.children ?? 0;

/** CPU ms of this process itself. */
export const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** CPU ms per backend pid of the connections to `database` right now. */
export async function postgresBackendsCpu(databaseUrl: string): Promise<Map<number, number>> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    return new Map(rows.map((r) => [r.pid, stat(r.pid)?.self ?? 0]));
  } finally {
    await db.end();
  }
}

/** Backend CPU between two samples; a backend that appeared in between counts from zero (one that closed is lost). */
export function postgresDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** The Dovecot master's pid, from base_dir/master.pid. */
export const dovecotMasterPid = (dovecotDir: string) => Number(readFileSync(`${dovecotDir}/run/master.pid`, 'utf8').trim());

export interface CpuSample { own: number; reaped: number; dovecot: number; workers: number; postgres: Map<number, number> }
export interface CpuSpent { own: number; reaped: number; dovecot: number; workers: number; postgres: number }

/** Everything above at once; `workerPids` are worker child processes (their trees). */
export async function sampleCpu(opts: { dovecotPid: number; databaseUrl: string; workerPids?: number[] }): Promise<CpuSample> {
  return {
    own: ownCpuMs(), reaped: reapedChildrenCpuMs(), dovecot: treeCpuMs(opts.dovecotPid),
    workers: (opts.workerPids ?? []).reduce((n, pid) => n + treeCpuMs(pid), 0),
    postgres: await postgresBackendsCpu(opts.databaseUrl),
  };
}

export function cpuSpent(a: CpuSample, b: CpuSample): CpuSpent {
  return {
    own: Math.round(b.own - a.own), reaped: b.reaped - a.reaped, dovecot: b.dovecot - a.dovecot, workers: b.workers - a.workers,
    postgres: postgresDelta(a.postgres, b.postgres),
  };
}
