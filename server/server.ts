// The only file that listens. Loads config once, builds the app, closes cleanly on SIGINT/SIGTERM.
import './core/lib/env-files.ts';
import { closeOnSignals, loadConfigOrExit } from './core/lib/process.ts';
import { SECRET_KEYS } from './core/config.ts';
import { buildApp } from './app.ts';

const config = loadConfigOrExit(SECRET_KEYS);
const app = await buildApp(config);
closeOnSignals(app.log, () => app.close());
await app.listen({ host: config.HOST, port: config.PORT });
