// Prometheus metrics of the API process at GET /metrics: request latency per route, method and status, and
// the depth of every queue read from Redis at scrape time (so any API instance reports the same, current
// figures; job durations and failures come from the workers' own /metrics, see jobs/metrics.ts).
// Access: METRICS_TOKEN as a bearer token, or loopback only when no token is set (server/core/metrics/access.ts).
import fp from 'fastify-plugin';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { QUEUE_NAMES } from '../../core/queues/registry.ts';
import { isForwarded, metricsAccess } from '../../core/metrics/access.ts';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Registry;
  }
}

/** Job states reported per queue; BullMQ 6 keeps prioritized jobs apart from waiting ones (a pause is mailwarden_queue_paused). */
export const QUEUE_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'] as const;

export default fp(
  async (app) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });

    // Most API calls are single indexed queries (a few ms); list pages and CSV imports take longer. Buckets from
    // 5 ms to 10 s put the 300 ms first-page target of the mailbox list in the middle of the range.
    const latency = new Histogram({
      name: 'mailwarden_http_request_duration_seconds',
      help: 'API request latency by route pattern, method and status code',
      labelNames: ['route', 'method', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.3, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    app.addHook('onResponse', async (request, reply) => {
      // The route pattern, never the raw URL: unmatched paths share one label so scanners cannot blow up cardinality.
      const route = request.routeOptions.url ?? 'unmatched';
      latency.labels(route, request.method, String(reply.statusCode)).observe(reply.elapsedTime / 1000);
    });

    new Gauge({
      name: 'mailwarden_queue_jobs',
      help: 'Jobs per queue and state, read from Redis at scrape time',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        this.reset();
        const counts = await Promise.all(QUEUE_NAMES.map((name) => app.queues[name].getJobCounts(...QUEUE_STATES)));
        QUEUE_NAMES.forEach((name, i) => {
          for (const state of QUEUE_STATES) this.labels(name, state).set(counts[i][state] ?? 0);
        });
      },
    });
    new Gauge({
      name: 'mailwarden_queue_paused',
      help: '1 while a queue is paused (no worker starts new jobs from it)',
      labelNames: ['queue'],
      registers: [registry],
      async collect() {
        const paused = await Promise.all(QUEUE_NAMES.map((name) => app.queues[name].isPaused()));
        QUEUE_NAMES.forEach((name, i) => this.labels(name).set(paused[i] ? 1 : 0));
      },
    });

    app.decorate('metrics', registry);

    app.get('/metrics', {
      // Not under /api and not a session route: the token (or loopback) check below is its access rule.
      config: { access: { public: true } },
      schema: { hide: true },
    }, async (request, reply) => {
      const verdict = metricsAccess({
        authorization: request.headers.authorization,
        remoteAddress: request.socket.remoteAddress,
        forwarded: isForwarded(request.headers),
      }, app.config.METRICS_TOKEN);
      if (verdict !== 'ok') {
        const statusCode = verdict === 'unauthorized' ? 401 : 403;
        if (statusCode === 401) reply.header('WWW-Authenticate', 'Bearer realm="metrics"');
        return reply.code(statusCode).send({
          statusCode,
          error: statusCode === 401 ? 'Unauthorized' : 'Forbidden',
          message: statusCode === 401 ? 'Send METRICS_TOKEN as a bearer token' : 'Metrics are served to loopback callers only (set METRICS_TOKEN to scrape from elsewhere)',
          reqId: request.id,
        });
      }
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  },
  { name: 'metrics', dependencies: ['prisma', 'queues', 'config'] },
);
