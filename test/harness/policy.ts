// Starts Mailwarden's real policy service (server/policy/service.ts) in-process on the test policy port:
// real PostgreSQL (the shared test database) and a real Redis subscriber on the file's own QUEUE_PREFIX.
import pg from 'pg';
import { pino } from 'pino';
import type { Config } from '../../server/core/config.ts';
import { createWorkerRedis } from '../../server/core/lib/redis.ts';
import { startPolicyService, type PolicyService } from '../../server/policy/service.ts';
import { TEST_PORTS, testConfig } from './env.ts';

export interface TestPolicy {
  service: PolicyService;
  config: Config;
  port: number;
  stop(): Promise<void>;
}

/** Pass the paired API's or workers' QUEUE_PREFIX in `overrides` so the service hears their change messages. */
export async function startTestPolicy(overrides: Record<string, string> = {}): Promise<TestPolicy> {
  const config = testConfig({ POLICY_PORT: String(TEST_PORTS.policy), POLICY_METRICS_PORT: String(TEST_PORTS.policyMetrics), ...overrides });
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 2 });
  const subscriber = createWorkerRedis(config.REDIS_URL);
  const service = await startPolicyService({ config, pool, subscriber, logger: pino({ level: 'silent' }) });
  return {
    service,
    config,
    port: service.server.port ?? 0, // 0: started without a TCP listener (POLICY_PORT=0, socket only)
    async stop() {
      await service.close();
      subscriber.disconnect();
      await pool.end();
    },
  };
}
