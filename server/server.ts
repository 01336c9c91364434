// The only file that listens. Loads config once, builds the app, closes cleanly on SIGINT/SIGTERM.
import './core/lib/env-files.ts';
import { closeOnSignals, loadConfigOrExit } from './core/lib/process.ts';
import { buildApp } from './app.ts';

// The session secret only: the API holds no IMAP credential (workers read mailboxes for it).
const config = loadConfigOrExit(['SESSION_SECRET']);
const app = await buildApp(config);
closeOnSignals(app.log, () => app.close());
await app.listen({ host: config.HOST, port: config.PORT });
