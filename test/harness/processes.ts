// Runs Mailwarden's real entrypoints (server/server.ts, jobs/index.ts, server/policy/index.ts) as child processes
// with a test environment, for tests that need process boundaries: SIGKILL, per-process memory, load that must not
// share the test's event loop. Each child's stdout (pino JSON) is kept for assertions.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../server/core/config.ts';

export interface Entrypoint {
  child: ChildProcess;
  output: string[];
  /** Resident set size now, in bytes (from /proc). */
  rss(): number;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Environment variables for a child from a validated config (secrets included: it is our own child). */
export function envOf(config: Config, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(config)) env[key] = String(value);
  return { ...env, ...extra };
}

/** Starts `script`; ready when its output matches `readyWhen`, or when the `readyWhen` probe resolves true. */
export function startEntrypoint(script: string, env: NodeJS.ProcessEnv, readyWhen: RegExp | (() => Promise<boolean>), timeoutMs = 30_000): Promise<Entrypoint> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const handle: Entrypoint = {
    child,
    output,
    rss() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
    },
    kill(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill(signal);
      return exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${script} not ready within ${timeoutMs} ms:\n${output.join('')}`)); }, timeoutMs);
    const ready = () => { clearTimeout(timer); resolve(handle); };
    const onData = (b: Buffer) => {
      output.push(b.toString());
      if (output.length > 500) output.shift(); // the tail is what a failure needs
      if (readyWhen instanceof RegExp && readyWhen.test(b.toString())) ready();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    if (typeof readyWhen === 'function') {
      void (async () => {
        while (child.exitCode === null && child.signalCode === null) {
          if (await readyWhen().catch(() => false)) return ready();
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
    }
    child.once('exit', (code, signal) => { clearTimeout(timer); reject(new Error(`${script} exited (${code ?? signal}) before it was ready:\n${output.join('')}`)); });
  });
}
