// Decorates the app with the audit writer (server/core/repositories/audit-log.ts) over the app's Prisma client.
import fp from 'fastify-plugin';
import { createAuditLog, type AuditLog } from '../../core/repositories/audit-log.ts';

export type { AuditContext, AuditEntry, AuditLog } from '../../core/repositories/audit-log.ts';

declare module 'fastify' {
  interface FastifyInstance {
    audit: AuditLog;
  }
}

export default fp(
  async (app) => {
    app.decorate('audit', createAuditLog(app.prisma));
  },
  { name: 'audit', dependencies: ['prisma'] },
);
