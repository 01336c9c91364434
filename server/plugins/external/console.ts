// Serves the built react-admin console (admin-ui/dist) at `/`, with index.html for client-side routes.
// In development the console runs on Vite instead (npm run dev:ui) and this plugin finds no build.
// The build writes .br/.gz copies (admin-ui/vite.config.ts): sent to browsers that accept them. Files under
// assets/ have a content hash in their name, so they are cached for a year; index.html is revalidated each time,
// so a new deployment is picked up on the next load.
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// From the sources (server/plugins/external/) or from the compiled copy under dist/ (npm run build), one level deeper.
const DIST = ['../../../admin-ui/dist/', '../../../../admin-ui/dist/']
  .map((rel) => fileURLToPath(new URL(rel, import.meta.url)))
  .find((dir) => existsSync(`${dir}index.html`)) ?? fileURLToPath(new URL('../../../admin-ui/dist/', import.meta.url));
const HASHED = /[\\/]assets[\\/]/;
const NOT_SPA = /^\/(api|docs|health|metrics|admin\/queues)(\/|$)/;

export default fp(
  async (app) => {
    if (!existsSync(`${DIST}index.html`)) {
      app.log.warn('admin-ui/dist not built: the console is not served (run npm run build:ui)');
      return;
    }
    await app.register(fastifyStatic, {
      // index as an array: with preCompressed, @fastify/static looks up a string index as "no index" and answers 404 for /.
      root: DIST, prefix: '/', wildcard: false, index: ['index.html'], preCompressed: true,
      setHeaders: (reply, file) => {
        reply.header('cache-control', HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      if (NOT_SPA.test(request.url)) {
        return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `Route ${request.method} ${request.url.split('?')[0]} not found`, reqId: request.id });
      }
      return reply.sendFile('index.html');
    });
  },
  { name: 'console' },
);
