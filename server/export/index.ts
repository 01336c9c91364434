// `npm run exporter`: the export service as its own process (#20). It streams a /me user's mail from IMAP to the
// download, so it holds the IMAP admin access like a worker; the API forwards /me/export here and never opens IMAP
// itself. Listens on EXPORT_HOST:EXPORT_PORT (loopback by default: only the API talks to it).
import '../core/lib/env-files.ts';
import { closeOnSignals, createProcessLogger, loadConfigOrExit } from '../core/lib/process.ts';
import { createPrisma, poolOptions } from '../core/lib/prisma.ts';
import { buildExportApp } from './app.ts';

const config = loadConfigOrExit(['IMAP_ADMIN_PASSWORD']); // no SESSION_SECRET: the API resolves sessions and signs grants
const logger = createProcessLogger(config.LOG_LEVEL);
if (!config.EXPORT_LINK_KEY) {
  console.error('EXPORT_LINK_KEY is required by the export service (the same value as the API\'s and the workers\')');
  process.exit(78);
}
const prisma = createPrisma(config.DATABASE_URL, poolOptions(config));
const app = await buildExportApp({ ...config, EXPORT_LINK_KEY: config.EXPORT_LINK_KEY }, prisma, logger);
closeOnSignals(logger, async () => {
  await app.close();
  await prisma.$disconnect();
});
await app.listen({ host: config.EXPORT_HOST, port: config.EXPORT_PORT });
