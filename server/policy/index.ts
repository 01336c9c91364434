// `npm run policyd`: the Postfix policy service as its own process (it must keep answering while the API
// restarts). Reads the validated config, connects to PostgreSQL (full reads, otherwise only changed rows)
// and Redis (a subscriber connection), and closes everything on SIGINT/SIGTERM.
import '../core/lib/env-files.ts';
import pg from 'pg';
import { closeOnSignals, createProcessLogger, loadConfigOrExit } from '../core/lib/process.ts';
import { createWorkerRedis } from '../core/lib/redis.ts';
import { startPolicyService, type PolicyService } from './service.ts';

const config = loadConfigOrExit([]); // no IMAP or session secrets: it reads PostgreSQL and Redis only
const logger = createProcessLogger(config.LOG_LEVEL);
// Plain pg rather than Prisma (cache.ts says why). Two connections are plenty: only cache reloads use them, never requests.
const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 2, connectionTimeoutMillis: 3_000 });
pool.on('error', (err) => logger.warn({ err: err.message }, 'postgresql connection error')); // an idle client lost: the pool replaces it
// Retries forever: while Redis is away the cache keeps answering from what it has, then reloads in full.
const subscriber = createWorkerRedis(config.REDIS_URL);
subscriber.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));

let service: PolicyService | undefined;
const { shutdown, isClosing } = closeOnSignals(logger, async () => {
  logger.info('policy service closing');
  await service?.close().catch((err: unknown) => logger.error({ err }, 'close failed'));
  subscriber.disconnect();
  await pool.end();
});

// PostgreSQL may come up after us (a host boot): keep trying rather than exit, and listen only once loaded.
for (let attempt = 1; !service && !isClosing(); attempt++) {
  try {
    service = await startPolicyService({ config, pool, subscriber, logger });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // A taken port or bad socket path will not fix itself.
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      logger.fatal({ err }, 'cannot listen');
      await shutdown(1);
    }
    logger.error({ err, attempt }, 'policy service could not start; retrying in 5 s');
    await new Promise((r) => setTimeout(r, 5_000));
  }
}
