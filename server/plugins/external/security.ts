// Cookies, security headers, CORS and rate limiting. CORS admits only the API's own origin and the
// configured console origin (the Vite dev server), with credentials, exposing Content-Range for react-admin.
// HSTS goes out only over https (RFC 6797 §7.2: never over plain http): when this request came over TLS, or
// when PUBLIC_BASE_URL is https (TLS ends at a proxy in front; the same rule makes the session cookie Secure).
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';

export default fp(
  async (app) => {
    const { config } = app;
    await app.register(cookie);
    await app.register(helmet, {
      strictTransportSecurity: false,
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // react-admin/MUI (emotion) and bull-board inject <style> elements at run time, with no nonce to give them.
          // /docs sends a stricter policy of its own (plugins/external/swagger.ts).
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          scriptSrc: ["'self'"],
          // Fonts from here only: bull-board's come from the @fontsource packages (plugins/external/board-pages.ts).
          fontSrc: ["'self'", 'data:'],
        },
      },
    });
    const publicHttps = config.PUBLIC_BASE_URL.startsWith('https:');
    app.addHook('onRequest', async (request, reply) => {
      if (publicHttps || request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    });
    const allowed = new Set([new URL(config.PUBLIC_BASE_URL).origin, ...(config.CONSOLE_ORIGIN ? [config.CONSOLE_ORIGIN] : [])]);
    await app.register(cors, {
      origin: (origin, cb) => cb(null, !origin || allowed.has(origin)),
      credentials: true,
      exposedHeaders: ['Content-Range'],
    });
    // Limits are opt-in per route (login, public pages); counters live in Redis so every API instance shares them.
    await app.register(rateLimit, { global: false, redis: app.redis, nameSpace: `${config.QUEUE_PREFIX}:rl:`, skipOnError: true });
  },
  { name: 'security', dependencies: ['config', 'redis'] },
);
