// The export service's HTTP app: the two /me download routes (download.ts), which the front (the TLS proxy in
// production, docs/deployment.md; scripts/lib/front.ts in the demo and tests) routes here rather than to the API, and
// GET /health. A refused download gets a /me page (the same shell and stylesheet as the API's /me pages) with the
// message meant for the user; a signed-out browser is sent to the sign-in page. Unknown query parameters are refused
// (400 naming them), not dropped.
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { Logger } from 'pino';
import type { WorkerConfig } from '../core/config.ts';
import type { Db } from '../core/lib/prisma.ts';
import { createExportTokens } from '../core/lib/export-tokens.ts';
import { ImapAuthError } from '../core/imap/connect.ts';
import { UnknownFolderError } from '../core/imap/export/select-messages.ts';
import { createMailSettingsRepository } from '../core/repositories/mail-settings.ts';
import { messagePage } from '../core/views/me-layout.ts';
import { AccessError } from './access.ts';
import downloadRoute from './download.ts';

export type ExportConfig = WorkerConfig & { EXPORT_LINK_KEY: string };

const TITLES: Record<number, string> = { 400: 'Not understood', 401: 'Signed out', 403: 'Link not valid', 404: 'Not found', 410: 'Link expired', 429: 'Busy', 503: 'Not available' };
// The API's /me pages send these (its helmet set-up and routes/me); these pages have no script and no inline style.
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
};

export async function buildExportApp(config: ExportConfig, prisma: Db, logger: Logger): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // A HEAD must not run an export.
    exposeHeadRoutes: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true } },
  });
  const settings = createMailSettingsRepository(prisma);
  const publicHttps = config.PUBLIC_BASE_URL.startsWith('https:');
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
    if (publicHttps) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
  // One export process: its counters in memory. Opt-in per route (the link's download).
  await app.register(cookie); // reads the /me session cookie, as the API does (nothing here sets cookies)
  await app.register(rateLimit, { global: false });

  app.setErrorHandler(async (err: FastifyError, request, reply) => {
    let status = 503;
    let message = 'The mail server could not be reached: please try again later.';
    if (err.validation) {
      status = 400;
      const first = err.validation[0] as { keyword?: string; instancePath?: string; params?: { additionalProperty?: string; missingProperty?: string }; message?: string } | undefined;
      const field = first?.params?.additionalProperty ?? first?.params?.missingProperty ?? first?.instancePath?.replace(/^\//, '') ?? '';
      message = first?.keyword === 'additionalProperties' ? `${field}: not a parameter of this download` : `${field || 'query'} ${first?.message ?? 'is not valid'}`;
    } else if (err instanceof AccessError || (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500)) {
      status = err.statusCode!;
      message = err.message;
    } else if (err instanceof UnknownFolderError) {
      status = 404;
      message = 'There is no such folder in your mailbox.';
    } else if (err instanceof ImapAuthError) {
      request.log.error({ err: err.message }, 'export: admin access to the mailbox refused');
    } else {
      request.log.error({ err }, 'export failed');
    }
    // A signed-out (or timed-out) user who follows the page's download form signs in again first, as on /me.
    if (status === 401 && request.routeOptions.url === '/me/export/download') return reply.redirect('/me/login', 303);
    const link = status === 401 || status === 403 || status === 410 ? { href: '/me/login', text: 'Sign in' } : { href: '/me', text: 'Your mailbox' };
    const organisation = await settings.get().then((s) => s.organisationName, () => 'Mailwarden');
    return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store')
      .send(messagePage(organisation, TITLES[status] ?? 'Not available', message, link));
  });
  app.setNotFoundHandler(async (_request, reply) => reply.code(404).type('text/plain; charset=utf-8').send('Not found'));
  app.get('/health', async () => ({ ok: true, memory: process.memoryUsage() }));
  await app.register(downloadRoute, { config, prisma, tokens: createExportTokens(config.EXPORT_LINK_KEY), logger });
  return app;
}
