// A private redis-server for fault tests that stop and restart Redis: the machine's shared Redis (6379) must
// never be touched. It persists like a production BullMQ Redis should (AOF, fsync on every write), so a
// restart — even after SIGKILL — brings back every queue, job and lock.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface OwnRedis {
  url: string;
  port: number;
  /** Stop it: SIGKILL (a crash, the default) or SIGTERM (a clean shutdown). */
  stop(signal?: 'SIGKILL' | 'SIGTERM'): Promise<void>;
  /** Start it again on the same port and data directory. */
  start(): Promise<void>;
  /** Stop for good and delete its data. */
  destroy(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setTimeout(500, () => { socket.destroy(); resolve(false); });
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (b) => { socket.destroy(); resolve(b.toString().startsWith('+PONG')); });
    socket.on('error', () => resolve(false));
  });
}

export async function startOwnRedis(port: number): Promise<OwnRedis> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mw-fault-redis-'));
  let child: ChildProcess | null = null;

  async function start() {
    child = spawn('redis-server', [
      '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '',
      '--appendonly', 'yes', '--appendfsync', 'always', '--daemonize', 'no', '--logfile', path.join(dir, 'redis.log'),
    ], { stdio: 'ignore' });
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      if (child.exitCode !== null) throw new Error(`redis-server on ${port} exited with ${child.exitCode} (see ${dir}/redis.log)`);
      if (await answersPing(port)) return;
      await sleep(50);
    }
    throw new Error(`redis-server on ${port} did not answer within 10 s`);
  }

  async function stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL') {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill(signal);
    await exited;
  }

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    async destroy() {
      await stop('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
