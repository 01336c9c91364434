// OpenAPI document for every route at /docs/json, browsable at /docs.
// The Swagger UI page gets its own CSP, stating exactly what it needs: its scripts and stylesheets from here, and the
// one inline <style> its standalone preset renders (the logo's colours), allowed by hash rather than 'unsafe-inline'.
// No external origin: the validator badge is off (validatorUrl: false), so validator.swagger.io is not needed.
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { createHash } from 'node:crypto';

/** The text of the <style> element swagger-ui-standalone-preset.js renders inside its logo SVG. */
const LOGO_STYLE = '.logo_small_svg__cls-2{fill:#fff}.logo_small_svg__cls-3{fill:#85ea2d}';
const cspHash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export const DOCS_CSP = [
  "default-src 'self'", "base-uri 'self'", "font-src 'self' data:", "frame-ancestors 'self'", "img-src 'self' data:",
  "object-src 'none'", "script-src 'self'", "script-src-attr 'none'", `style-src 'self' ${cspHash(LOGO_STYLE)}`, 'upgrade-insecure-requests',
].join('; ');

export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        info: {
          title: 'Mailwarden API',
          description: 'Quotas, retention and delivery policy for IMAP/POP mailboxes. Lists follow the react-admin simple-rest contract (sort, range, filter; Content-Range header).',
          version: '0.1.0',
        },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: 'mw_session' },
            csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
          },
        },
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: DOCS_CSP, validatorUrl: false });
  },
  { name: 'swagger' },
);
