// The worker process (`npm run worker`): starts every worker, closes them on SIGINT/SIGTERM so
// active jobs finish or return to the queue, and exits non-zero on an unhandled rejection.
// It needs only DATABASE_URL, REDIS_URL and the IMAP/SMTP settings: run it on as many hosts as you like.
import '../server/core/lib/env-files.ts';
import { closeOnSignals, createProcessLogger, loadConfigOrExit } from '../server/core/lib/process.ts';
import { createPrisma, poolOptions } from '../server/core/lib/prisma.ts';
import { createWorkerRedis } from '../server/core/lib/redis.ts';
import { startWorkers } from './start.ts';
import { startLiveUsage } from './live-usage.ts';
import { registerSchedules } from '../server/core/queues/schedules.ts';
import { registerExpirySchedule } from '../server/core/queues/expiry-schedule.ts';
import { registerDirectorySchedule } from '../server/core/queues/directory-schedule.ts';
import { readScheduleOverrides } from '../server/core/queues/schedule-overrides.ts';
import { createWorkerMetrics } from './metrics.ts';
import { startMetricsServer } from '../server/core/metrics/server.ts';

const config = loadConfigOrExit(['IMAP_ADMIN_PASSWORD']); // no SESSION_SECRET: workers serve no sessions
const logger = createProcessLogger(config.LOG_LEVEL);
const prisma = createPrisma(config.DATABASE_URL, poolOptions(config));
const connection = createWorkerRedis(config.REDIS_URL);
connection.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));

const running = startWorkers({ config, prisma, connection, logger });
logger.info({ workers: running.workers.map((w) => w.name) }, 'workers started');
// Usage Dovecot pushes (quota_clone), recorded as it changes; one process listens, the others stand by.
const liveUsage = config.LIVE_USAGE === 'quota-clone' ? startLiveUsage({ config, prisma, connection, logger }, { notifyQueue: running.queues.notify }) : null;
// Upserts (never duplicates) the recurring jobs; every worker host may do it. Patterns set in the console win
// over SCAN_CRON/EXPIRY_CRON (schedule-overrides.ts), so a restart does not undo them.
readScheduleOverrides(connection, config.QUEUE_PREFIX).then(async (overrides) => {
  await registerSchedules(running.queues, config, overrides).then(
    () => logger.info({ scanCron: overrides['scan-all'] ?? config.SCAN_CRON }, 'job schedules registered'),
    (err: Error) => logger.error({ err: err.message }, 'registering job schedules failed'),
  );
  await registerExpirySchedule(running.queues, config, overrides).then(
    () => logger.info({ expiryCron: overrides['expiry-sweep'] ?? config.EXPIRY_CRON }, 'expiry sweep schedule registered'),
    (err: Error) => logger.error({ err: err.message }, 'registering the expiry sweep schedule failed'),
  );
  await registerDirectorySchedule(running.queues, config, overrides).then(
    (pattern) => logger.info({ directoryCron: pattern }, pattern ? 'directory sync schedule registered' : 'no directory source: directory sync not scheduled'),
    (err: Error) => logger.error({ err: err.message }, 'registering the directory sync schedule failed'),
  );
}, (err: Error) => logger.error({ err: err.message }, 'reading schedule overrides failed; schedules not registered'));

// Job outcomes and durations for Prometheus. A taken port (a second worker on this host) only costs this process its metrics.
const metricsServer = config.WORKER_METRICS_PORT
  ? startMetricsServer(createWorkerMetrics(running.workers), config.WORKER_METRICS_HOST, config.WORKER_METRICS_PORT, config.METRICS_TOKEN).then(
    (server) => {
      logger.info({ host: config.WORKER_METRICS_HOST, port: config.WORKER_METRICS_PORT }, 'worker metrics listening');
      return server;
    },
    (err: Error) => {
      logger.warn({ err: err.message, port: config.WORKER_METRICS_PORT }, 'worker metrics not served');
      return null;
    },
  )
  : Promise.resolve(null);

closeOnSignals(logger, async () => {
  logger.info('closing workers');
  await liveUsage?.close();
  await running.close();
  (await metricsServer)?.close();
  connection.disconnect();
  await prisma.$disconnect();
});
