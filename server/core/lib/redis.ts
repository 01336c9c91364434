// Redis connections. Two flavours on purpose (BullMQ's guidance):
// - producers (API) fail fast so an HTTP request never hangs on a dead Redis;
// - workers retry forever (maxRetriesPerRequest: null) so a Redis restart pauses work instead of failing jobs.
import { Redis, type RedisOptions } from 'ioredis';

export function createProducerRedis(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    lazyConnect: false,
    ...extra,
  });
}

export function createWorkerRedis(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, ...extra });
}
