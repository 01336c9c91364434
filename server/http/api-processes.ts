// API_PROCESSES > 1: server.ts forks that many API processes with node:cluster; they share the one listening port
// (the primary accepts connections and hands them round-robin to the processes) and each has its own Prisma pool,
// Redis connections and session cache (the caches stay in step over Redis pub/sub, see plugins/app/session-cache.ts).
// The primary runs no app. When one process dies the primary stops the others and exits 1, so the service manager
// (systemd's Restart=) starts the whole set again, with no restart loop hidden inside.
import cluster from 'node:cluster';

interface PrimaryLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export function runApiPrimary(processes: number, log: PrimaryLog): void {
  let stopping = false;
  let alive = processes;
  for (let i = 0; i < processes; i++) cluster.fork();
  const stopAll = (signal: NodeJS.Signals) => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  cluster.on('exit', (worker, code, signal) => {
    alive--;
    if (!stopping) {
      stopping = true;
      log.error({ pid: worker.process.pid, code, signal }, 'an API process exited; stopping the others');
      stopAll('SIGTERM');
      process.exitCode = 1;
    }
    if (alive === 0) process.exit();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info({ signal, processes }, 'shutting down the API processes');
      stopping = true;
      stopAll('SIGTERM');
    });
  }
}
