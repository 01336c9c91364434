// The real API listening on a loopback port (the browser needs a URL, not app.inject), with the
// built console from admin-ui/dist. Workers can be started next to it with startWorkers().
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../server/app.ts';
import { createWorkerRedis } from '../../server/core/lib/redis.ts';
import { startWorkers } from '../../jobs/start.ts';
import { testConfig } from './env.ts';
import { truncateAll } from './db.ts';
import { startExporter } from './exporter.ts';
import { startFront } from '../../scripts/lib/front.ts';
import type { Config } from '../../server/core/config.ts';

export interface RunningSystem { app: FastifyInstance; config: Config; baseUrl: string; stop(): Promise<void> }

/**
 * `exporter`: the export service too (server/export/), in-process on EXPORT_PORT (the env must set it and
 * EXPORT_LINK_KEY), and in front of both the demo's front (scripts/lib/front.ts) on `port`, as the TLS proxy is in
 * production: the downloads go to the export service, the rest to the API (then on a port of its own).
 */
export async function startSystem(port: number, opts: { workers?: boolean; exporter?: boolean; env?: Record<string, string> } = {}): Promise<RunningSystem> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = testConfig({ PUBLIC_BASE_URL: baseUrl, PORT: String(port), ...opts.env });
  const app = await buildApp(config);
  await truncateAll(app.prisma);
  await app.listen({ host: '127.0.0.1', port: opts.exporter ? 0 : port });
  const connection = createWorkerRedis(config.REDIS_URL);
  const workers = opts.workers ? startWorkers({ config, prisma: app.prisma, connection, logger: pino({ level: 'silent' }) }) : null;
  const exporter = opts.exporter ? await startExporter(config) : null;
  const apiPort = (app.server.address() as { port: number }).port;
  const front = opts.exporter
    ? await startFront({ host: '127.0.0.1', port, api: { host: '127.0.0.1', port: apiPort }, exporter: { host: config.EXPORT_HOST, port: config.EXPORT_PORT } })
    : null;
  return {
    app, config, baseUrl,
    async stop() {
      await front?.close();
      await exporter?.close();
      await workers?.close();
      connection.disconnect();
      await app.close();
    },
  };
}
