// The only file that listens. Loads config once, builds the app, closes cleanly on SIGINT/SIGTERM.
// With API_PROCESSES > 1 this process only starts and watches that many copies of itself (http/api-processes.ts).
import './core/lib/env-files.ts';
import cluster from 'node:cluster';
import { closeOnSignals, createProcessLogger, loadConfigOrExit } from './core/lib/process.ts';
import { runApiPrimary } from './http/api-processes.ts';
import { buildApp } from './app.ts';

// The session secret only: the API holds no IMAP credential (workers read mailboxes for it).
const config = loadConfigOrExit(['SESSION_SECRET']);
if (config.API_PROCESSES > 1 && cluster.isPrimary) {
  runApiPrimary(config.API_PROCESSES, createProcessLogger(config.LOG_LEVEL));
} else {
  const app = await buildApp(config);
  closeOnSignals(app.log, () => app.close());
  await app.listen({ host: config.HOST, port: config.PORT });
}
