// The one /metrics HTTP server of the processes that are not the API (workers, the policy service): GET /metrics in
// Prometheus text format, for METRICS_TOKEN as a bearer token, or from loopback only when no token is set (access.ts,
// the same rule as the API's /metrics); everything else 404.
import http from 'node:http';
import type { Registry } from 'prom-client';
import { isForwarded, metricsAccess } from './access.ts';

/** Resolves once listening. */
export function startMetricsServer(registry: Registry, host: string, port: number, token: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    const verdict = metricsAccess({ authorization: req.headers.authorization, remoteAddress: req.socket.remoteAddress, forwarded: isForwarded(req.headers) }, token);
    if (verdict !== 'ok') {
      res.writeHead(verdict === 'unauthorized' ? 401 : 403, verdict === 'unauthorized' ? { 'www-authenticate': 'Bearer realm="metrics"' } : {}).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
