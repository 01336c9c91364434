// The export service's HTTP app: GET /download (download.ts) and GET /health. Errors answer JSON
// { statusCode, error, message } with the message meant for the user: the API, which forwards /me/export here, shows
// it on its own page. Unknown query parameters are refused (400 naming them), not dropped.
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { WorkerConfig } from '../core/config.ts';
import type { Db } from '../core/lib/prisma.ts';
import { createExportTokens } from '../core/lib/export-tokens.ts';
import { ImapAuthError } from '../core/imap/connect.ts';
import { UnknownFolderError } from '../core/imap/export/select-messages.ts';
import { AccessError } from './access.ts';
import downloadRoute from './download.ts';

export type ExportConfig = WorkerConfig & { EXPORT_LINK_KEY: string };

const ERROR_NAMES: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 410: 'Gone', 429: 'Too Many Requests', 503: 'Service Unavailable' };

export async function buildExportApp(config: ExportConfig, prisma: Db, logger: Logger): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // A HEAD must not run an export.
    exposeHeadRoutes: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true } },
  });
  app.setErrorHandler((err: FastifyError, request, reply) => {
    let status = 503;
    let message = 'The mail server could not be reached: please try again later.';
    if (err.validation) {
      status = 400;
      const first = err.validation[0] as { keyword?: string; instancePath?: string; params?: { additionalProperty?: string }; message?: string } | undefined;
      const field = first?.params?.additionalProperty ?? first?.instancePath?.replace(/^\//, '') ?? '';
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
    return reply.code(status).send({ statusCode: status, error: ERROR_NAMES[status] ?? 'Error', message });
  });
  app.get('/health', async () => ({ ok: true }));
  await app.register(downloadRoute, { config, prisma, tokens: createExportTokens(config.EXPORT_LINK_KEY), logger });
  return app;
}
