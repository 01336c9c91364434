// Serves the built react-admin console (admin-ui/dist) at `/`, with index.html for client-side routes.
// In development the console runs on Vite instead (npm run dev:ui) and this plugin finds no build.
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../../../admin-ui/dist/', import.meta.url));
const NOT_SPA = /^\/(api|docs|health|metrics|admin\/queues)(\/|$)/;

export default fp(
  async (app) => {
    if (!existsSync(`${DIST}index.html`)) {
      app.log.warn('admin-ui/dist not built: the console is not served (run npm run build:ui)');
      return;
    }
    await app.register(fastifyStatic, { root: DIST, prefix: '/', wildcard: false, index: 'index.html' });
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      if (NOT_SPA.test(request.url)) {
        return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `Route ${request.method} ${request.url.split('?')[0]} not found`, reqId: request.id });
      }
      return reply.sendFile('index.html');
    });
  },
  { name: 'console' },
);
