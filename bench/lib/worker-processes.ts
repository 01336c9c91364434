// Worker child processes for benchmarks: each is `node --import tsx jobs/index.ts` (what `npm run worker`
// runs) with the node options of the deployed worker (`npm run start:worker`), spawned directly so its pid is the
// worker's own and /proc/<pid>/status gives its memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Queue } from 'bullmq';

export interface WorkerProcess { pid: number; child: ChildProcess; exited: Promise<number | null> }

/** The node options of the deployed worker (`npm run start:worker`, the same as its systemd unit), so benchmarks run it as deployed. */
export function deployedWorkerNodeArgs(): string[] {
  const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
  return /^node ((?:--\S+ )*)dist\/jobs\/index\.js$/.exec(scripts['start:worker'])?.[1].split(' ').filter(Boolean) ?? [];
}

/** `nodeArgs`: options before the script (default: the deployed worker's, deployedWorkerNodeArgs). */
export function spawnWorkers(count: number, env: Record<string, string>, nodeArgs: string[] = deployedWorkerNodeArgs()): WorkerProcess[] {
  return Array.from({ length: count }, () => {
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'jobs/index.ts'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { pid: child.pid!, child, exited };
  });
}

/** Resolves once `count` workers listen on `queue` (BullMQ names each worker's Redis connection). */
export async function waitForWorkers(queue: Queue, count: number, procs: WorkerProcess[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await queue.getWorkersCount()) < count) {
    if (procs.some((p) => p.child.exitCode !== null)) throw new Error('a worker process exited while starting');
    if (Date.now() > deadline) throw new Error(`${count} worker(s) not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** SIGTERM (the worker closes its jobs and connections), SIGKILL after 15 s. */
export async function stopWorkers(procs: WorkerProcess[]): Promise<void> {
  await Promise.all(procs.map(async (p) => {
    if (p.child.exitCode !== null || p.child.signalCode !== null) return;
    p.child.kill('SIGTERM');
    const timer = setTimeout(() => p.child.kill('SIGKILL'), 15_000);
    await p.exited;
    clearTimeout(timer);
  }));
}

/** VmRSS / VmHWM of a live process, in KiB (0 when gone). */
export function memoryOf(pid: number): { rssKb: number; hwmKb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
  } catch {
    return { rssKb: 0, hwmKb: 0 };
  }
}

/** Samples a process's RSS every `everyMs` until stopped; returns the highest sample. */
export function sampleRss(pid: number, everyMs = 100): { stop(): { peakRssKb: number; samples: number } } {
  let peak = 0;
  let samples = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, memoryOf(pid).rssKb);
    samples++;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, memoryOf(pid).rssKb);
      return { peakRssKb: peak, samples };
    },
  };
}
