// What every worker needs, built once per worker process from the validated config.
import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import type { WorkerConfig } from '../server/core/config.ts';
import type { Db } from '../server/core/lib/prisma.ts';

export interface WorkerContext {
  config: WorkerConfig;
  prisma: Db;
  /** Blocking connection for BullMQ workers (maxRetriesPerRequest: null). */
  connection: Redis;
  logger: Logger;
}
