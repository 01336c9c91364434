// The policy service assembled: cache (loaded in full first), TCP/UNIX listeners and the metrics endpoint.
// index.ts runs it as its own process; tests start it in-process on a test port with the same wiring.
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { BaseConfig } from '../core/config.ts';
import type pg from 'pg';
import { LimitCache } from './cache.ts';
import { policySettings } from './handler.ts';
import { createPolicyMetrics, type PolicyMetrics } from './metrics.ts';
import { startMetricsServer } from '../core/metrics/server.ts';
import { startPolicyServer, type PolicyServer } from './server.ts';

export interface PolicyService {
  cache: LimitCache;
  server: PolicyServer;
  metrics: PolicyMetrics;
  close(): Promise<void>;
}

export async function startPolicyService(deps: { config: BaseConfig; pool: pg.Pool; subscriber: Redis; logger: Logger; fullReloadMs?: number }): Promise<PolicyService> {
  const { config, logger } = deps;
  const cache = new LimitCache({ pool: deps.pool, logger, subscriber: deps.subscriber, queuePrefix: config.QUEUE_PREFIX, fullReloadMs: deps.fullReloadMs });
  // Listen only once the cache is full: answering from an empty cache would wave every over-quota mailbox through.
  await cache.start();
  const metrics = createPolicyMetrics({ cacheEntries: () => cache.size, lastFullLoad: () => cache.lastFullLoad });
  const fail = async (err: unknown, opened?: PolicyServer): Promise<never> => {
    await opened?.close();
    await cache.close();
    throw err;
  };
  const server = await startPolicyServer({
    cache, settings: policySettings(config), logger, metrics,
    host: config.POLICY_HOST, port: config.POLICY_PORT || null, socketPath: config.POLICY_SOCKET || undefined,
    maxConnectionsPerClient: config.POLICY_MAX_CONNECTIONS_PER_CLIENT, idleTimeoutMs: config.POLICY_IDLE_TIMEOUT_SECONDS * 1000,
  }).catch((err) => fail(err));
  const metricsServer = config.POLICY_METRICS_PORT
    ? await startMetricsServer(metrics.registry, config.POLICY_HOST, config.POLICY_METRICS_PORT, config.METRICS_TOKEN).catch((err) => fail(err, server))
    : undefined;
  logger.info({ host: config.POLICY_HOST, port: server.port, socket: config.POLICY_SOCKET || null, metricsPort: config.POLICY_METRICS_PORT || null }, 'policy service listening');
  return {
    cache,
    server,
    metrics,
    async close() {
      await server.close();
      await new Promise<void>((resolve) => (metricsServer ? metricsServer.close(() => resolve()) : resolve()));
      await cache.close();
    },
  };
}
