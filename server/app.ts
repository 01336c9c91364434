// The whole API as one Fastify plugin. Importing this never listens: server.ts does, and tests
// build it with buildApp() and use app.inject().
import fp from 'fastify-plugin';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ApiConfig } from './core/config.ts';
import configPlugin from './plugins/app/config.ts';
import prismaPlugin from './plugins/app/prisma.ts';
import redisPlugin from './plugins/app/redis.ts';
import queuesPlugin from './plugins/app/queues.ts';
import mailboxReadsPlugin from './plugins/app/mailbox-reads.ts';
import scanWaitsPlugin from './plugins/app/scan-waits.ts';
import errorHandler from './plugins/app/error-handler.ts';
import validation from './plugins/app/validation.ts';
import auth from './plugins/app/auth.ts';
import audit from './plugins/app/audit.ts';
import metrics from './plugins/app/metrics.ts';
import bullBoard from './plugins/external/bull-board.ts';
import security from './plugins/external/security.ts';
import swagger from './plugins/external/swagger.ts';
import consoleUi from './plugins/external/console.ts';
import healthRoutes from './routes/health.ts';
import authRoutes from './routes/auth/index.ts';
import staffRoutes from './routes/staff/index.ts';
import auditRoutes from './routes/audit-events/index.ts';
import mailboxRoutes from './routes/mailboxes/index.ts';
import mailboxJobRoutes from './routes/mailboxes/jobs.ts';
import mailboxHistoryRoutes from './routes/mailboxes/history.ts';
import mailboxImportRoutes from './routes/mailboxes/import.ts';
import largestMessagesRoutes from './routes/mailboxes/largest-messages.ts';
import planRoutes from './routes/plans/index.ts';
import increaseRoutes from './routes/temporary-increases/index.ts';
import notificationRoutes from './routes/notifications/index.ts';
import noticeTemplateRoutes from './routes/notice-templates/index.ts';
import retentionPolicyRoutes from './routes/retention-policies/index.ts';
import mailboxRetentionRoutes from './routes/mailboxes/retention.ts';
import planRetentionRoutes from './routes/plans/retention.ts';
import legalHoldRoutes from './routes/legal-holds/index.ts';
import expiryRoutes from './routes/expiry/index.ts';
import expiryRunRoutes from './routes/expiry/runs.ts';
import settingsRoutes from './routes/settings/index.ts';
import guidanceArticleRoutes from './routes/guidance-articles/index.ts';
import guidancePreviewRoutes from './routes/guidance/preview.ts';
import publicGuidanceRoutes from './routes/public/index.ts';
import queueRoutes from './routes/queues/index.ts';
import failedJobRoutes from './routes/queues/failed-jobs.ts';
import scheduleRoutes from './routes/schedules/index.ts';
import dashboardRoutes from './routes/dashboard/index.ts';
import directoryRoutes from './routes/directory/index.ts';
import spaceRequestRoutes from './routes/space-requests/index.ts';
import meRoutes from './routes/me/index.ts';

export async function app(fastify: FastifyInstance, opts: { config: ApiConfig }) {
  await fastify.register(configPlugin, { config: opts.config });
  await fastify.register(errorHandler);
  await fastify.register(validation);
  await fastify.register(prismaPlugin);
  await fastify.register(redisPlugin);
  await fastify.register(queuesPlugin);
  await fastify.register(mailboxReadsPlugin);
  await fastify.register(scanWaitsPlugin);
  await fastify.register(security);
  await fastify.register(swagger);
  await fastify.register(auth);
  await fastify.register(audit);
  await fastify.register(metrics);

  await fastify.register(healthRoutes, { prefix: '/health' });
  await fastify.register(authRoutes, { prefix: '/api/auth' });
  await fastify.register(staffRoutes, { prefix: '/api/staff' });
  await fastify.register(auditRoutes, { prefix: '/api/audit-events' });
  await fastify.register(mailboxRoutes, { prefix: '/api/mailboxes' });
  await fastify.register(mailboxJobRoutes, { prefix: '/api/mailboxes' });
  await fastify.register(mailboxHistoryRoutes, { prefix: '/api/mailboxes' });
  await fastify.register(mailboxImportRoutes, { prefix: '/api/mailboxes' });
  await fastify.register(largestMessagesRoutes, { prefix: '/api/mailboxes' });
  await fastify.register(planRoutes, { prefix: '/api/plans' });
  await fastify.register(increaseRoutes, { prefix: '/api/temporary-increases' });
  await fastify.register(notificationRoutes, { prefix: '/api/notifications' });
  await fastify.register(noticeTemplateRoutes, { prefix: '/api/notice-templates' });
  await fastify.register(retentionPolicyRoutes, { prefix: '/api/retention-policies' });
  await fastify.register(mailboxRetentionRoutes, { prefix: '/api/mailboxes' });
  await fastify.register(planRetentionRoutes, { prefix: '/api/plans' });
  await fastify.register(legalHoldRoutes, { prefix: '/api/legal-holds' });
  await fastify.register(expiryRoutes, { prefix: '/api/expiry' });
  await fastify.register(expiryRunRoutes, { prefix: '/api' });
  await fastify.register(settingsRoutes, { prefix: '/api/settings' });
  await fastify.register(guidanceArticleRoutes, { prefix: '/api/guidance-articles' });
  await fastify.register(guidancePreviewRoutes, { prefix: '/api/guidance' });
  await fastify.register(publicGuidanceRoutes);
  await fastify.register(queueRoutes, { prefix: '/api/queues' });
  await fastify.register(failedJobRoutes, { prefix: '/api/queues' });
  await fastify.register(scheduleRoutes, { prefix: '/api/schedules' });
  await fastify.register(dashboardRoutes, { prefix: '/api/dashboard' });
  await fastify.register(directoryRoutes, { prefix: '/api/directory' });
  await fastify.register(spaceRequestRoutes, { prefix: '/api/space-requests' });
  await fastify.register(meRoutes);
  await fastify.register(bullBoard);

  await fastify.register(consoleUi);
}

export function loggerOptions(config: ApiConfig): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    // Pretty output only for a human at a terminal; JSON lines for everything else.
    ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', '*.password', '*.IMAP_ADMIN_PASSWORD', '*.SMTP_PASSWORD', '*.LDAP_BIND_PASSWORD', '*.SESSION_SECRET', '*.MAIL_LOGIN_KEY', '*.METRICS_TOKEN', '*.DOVEADM_API_KEY', '*.DIRECTORY_SQL_URL'], censor: '[redacted]' },
  };
}

/** Build a ready instance (used by server.ts and by tests). */
export async function buildApp(config: ApiConfig, overrides: FastifyServerOptions = {}) {
  const fastify = Fastify({
    logger: loggerOptions(config),
    bodyLimit: 1_048_576,
    trustProxy: false,
    ...overrides,
  }).withTypeProvider<TypeBoxTypeProvider>();
  // fp: the app's decorators (prisma, queues, …) stay visible on the returned instance for tests and server.ts.
  await fastify.register(fp(app), { config });
  await fastify.ready();
  return fastify;
}
