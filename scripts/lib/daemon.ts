// Runs a mail server's master process in the foreground, for tests and scripts (Dovecot, Cyrus): keeps the tail of
// its output for the start-up error, kills it if this process exits without stop(), waits until it serves, and
// stops it with SIGTERM (SIGKILL when it does not go in time).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, readlink } from 'node:fs/promises';
import net from 'node:net';

const OUTPUT_TAIL = 4000;

export interface DaemonSpec {
  /** For the start-up error: "<name> did not start: …". */
  name: string;
  command: string;
  args: string[];
  /** Resolves once the daemon serves; throws to give up (waitForPort does both). */
  ready(child: ChildProcess): Promise<void>;
  /** More for the start-up error, e.g. the end of the daemon's own log file. */
  failureDetail?(): Promise<string>;
}

export interface Daemon {
  child: ChildProcess;
  /**
   * SIGTERM, then SIGKILL after hardKillMs. whileStopping starts once SIGTERM is sent (a nudge for children that
   * ignore it) and returns what cancels it.
   */
  stop(opts?: { hardKillMs?: number; whileStopping?: () => () => void }): Promise<void>;
}

export async function startDaemon(spec: DaemonSpec): Promise<Daemon> {
  const child = spawn(spec.command, spec.args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = ''; // errors before a daemon opens its log (a bad config) only reach stderr
  const keep = (b: Buffer) => { output = (output + b.toString()).slice(-OUTPUT_TAIL); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once('exit', (code, signal) => {
    // A daemon that goes by itself leaves its clients with ECONNREFUSED and nothing else: say when, and why.
    if (!stopping) console.error(`[${spec.name}] exited unexpectedly (code ${code}, signal ${signal}, pid ${child.pid}); its last output:\n${output}`);
    resolve();
  }));
  // If the runner dies without stop(), do not leave a daemon holding the ports.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  try {
    await spec.ready(child);
  } catch (err) {
    stopping = true;
    child.kill('SIGKILL');
    await exited;
    process.removeListener('exit', killOnExit);
    const detail = spec.failureDetail ? `\n${await spec.failureDetail()}` : '';
    throw new Error(`${spec.name} did not start: ${(err as Error).message}\n${output}${detail}`);
  }
  return {
    child,
    async stop({ hardKillMs = 5_000, whileStopping } = {}) {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM'); // a master stops its children itself
        const cancel = whileStopping?.();
        const hard = setTimeout(() => child.kill('SIGKILL'), hardKillMs);
        await exited;
        clearTimeout(hard);
        cancel?.();
      }
      process.removeListener('exit', killOnExit);
    },
  };
}

/** Polls until the port accepts connections (with greeting, until it sends an IMAP "* OK" greeting); gives up when the child exits. */
export async function waitForPort(port: number, child: ChildProcess, opts: { greeting: boolean; timeoutMs: number }): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  while (!(await probe(port, opts.greeting))) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${child.spawnfile} exited (${child.exitCode ?? child.signalCode})`);
    if (Date.now() > deadline) throw new Error(`nothing on 127.0.0.1:${port} after ${opts.timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function probe(port: number, greeting: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => greeting || (socket.destroy(), resolve(true)));
    let data = '';
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('data', (b) => {
      data += b.toString();
      if (data.includes('\r\n')) { socket.end('a LOGOUT\r\n'); resolve(data.startsWith('* OK')); }
    });
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(false));
  });
}

/**
 * The pid in a master's pid file, if that process is still the master this pid file was written for. A pid file left
 * by a run that died names a pid the kernel hands out again (pid_max is 32,768 here, and a test run forks thousands
 * of processes), so "its command line mentions dovecot/cyrus/master" could be another run's daemon: `ownedBy` must
 * say this instance's own config path (or, for Postfix, its queue directory, the master's working directory).
 */
export async function leftoverMaster(pidFile: string, ownedBy: { argument: string } | { cwd: string }): Promise<number | null> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  if (!pid) return null;
  if ('argument' in ownedBy) {
    const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
    return args.includes(ownedBy.argument) ? pid : null;
  }
  return (await readlink(`/proc/${pid}/cwd`).catch(() => null)) === ownedBy.cwd ? pid : null;
}
