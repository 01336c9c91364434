// The front of the demo and the tests: what the TLS reverse proxy is in production (docs/deployment.md), on one
// loopback port. It routes the two /me download paths to the export service and everything else to the API, passing
// requests and responses through as they come (Host, cookies and Origin unchanged), so the browser sees one origin and
// the API never carries an export's bytes. Not for production: it has no TLS and no timeouts of its own.
import http from 'node:http';

export interface Upstream { host: string; port: number }

/** The paths the export service serves (server/export/download.ts); the front routes only these there. */
export const EXPORT_PATHS = new Set(['/me/export/download', '/me/export/link/download']);

export async function startFront(opts: { host: string; port: number; api: Upstream; exporter: Upstream }): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const to = EXPORT_PATHS.has(path) ? opts.exporter : opts.api;
    const upstream = http.request({ host: to.host, port: to.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad gateway');
      else res.destroy();
    });
    // A client that goes away stops the upstream request (and so the export) too.
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : opts.port,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
