// `npm run exporter`: the export service as its own process (#20). It streams a /me user's mail from IMAP to the
// download, so it holds the IMAP admin access like a worker, and checks the /me session or the notice's link itself;
// the API never opens IMAP and carries no export bytes. Listens on EXPORT_HOST:EXPORT_PORT (loopback by default: the
// front, the TLS proxy in production, routes /me/export/download and /me/export/link/download here).
import '../core/lib/env-files.ts';
import { closeOnSignals, createProcessLogger, loadConfigOrExit } from '../core/lib/process.ts';
import { createPrisma, poolOptions } from '../core/lib/prisma.ts';
import { buildExportApp } from './app.ts';

const config = loadConfigOrExit(['IMAP_ADMIN_PASSWORD']); // no SESSION_SECRET: a /me session is looked up by its token's hash
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
