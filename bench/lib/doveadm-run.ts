// Runs one doveadm command the way the anchor side of a benchmark needs it: timed, with its peak memory
// (VmHWM, read from /proc every 20 ms while it runs; the high-water mark only grows, so the last reading
// misses at most the final 20 ms).
import { spawn } from 'node:child_process';
import { memoryOf } from './worker-processes.ts';

export interface DoveadmRun { ms: number; hwmKb: number; stdout: string }

export function doveadmMeasured(confPath: string, args: string[]): Promise<DoveadmRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/doveadm', ['-c', confPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let hwmKb = 0;
    child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { stderr = (stderr + b.toString()).slice(-4000); });
    const timer = setInterval(() => { hwmKb = Math.max(hwmKb, memoryOf(child.pid!).hwmKb); }, 20);
    child.once('error', (err) => { clearInterval(timer); reject(err); });
    child.once('exit', (code) => {
      clearInterval(timer);
      const ms = performance.now() - started;
      if (code === 0) resolve({ ms, hwmKb, stdout });
      else reject(new Error(`doveadm ${args.join(' ')} exited ${code}: ${stderr.trim()}`));
    });
  });
}
