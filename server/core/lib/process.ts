// What the three entrypoints (API, workers, policy service) share when they start and stop: the validated config or
// exit 78 (EX_CONFIG) naming what is wrong, one logger shape, and one shutdown path for SIGINT/SIGTERM (exit 0) and
// an unhandled rejection (logged, exit 1) that runs the process's own close once, however many signals arrive.
import { pino, type Logger } from 'pino';
import { ConfigError, loadConfig, type ConfigWith, type SecretKey } from '../config.ts';

export function loadConfigOrExit<K extends SecretKey>(needs: readonly K[]): ConfigWith<K> {
  try {
    return loadConfig(process.env, needs);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
}

/** JSON lines, or pretty when a person watches the terminal. */
export function createProcessLogger(level: string): Logger {
  return pino({ level, ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty' } } : {}) });
}

interface ShutdownLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Runs `close` once on SIGINT/SIGTERM (then exits 0) or an unhandled rejection (then exits 1). */
export function closeOnSignals(log: ShutdownLog, close: () => Promise<unknown>): { shutdown(code: number): Promise<void>; isClosing(): boolean } {
  let closing = false;
  async function shutdown(code: number) {
    if (closing) return;
    closing = true;
    await close().catch((err: unknown) => log.error({ err }, 'close failed'));
    process.exit(code);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'shutting down');
      void shutdown(0);
    });
  }
  process.on('unhandledRejection', (err) => {
    log.error({ err }, 'unhandled rejection');
    void shutdown(1);
  });
  return { shutdown, isClosing: () => closing };
}
