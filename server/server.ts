// The only file that listens. Loads config once, builds the app, closes cleanly on SIGINT/SIGTERM.
import './core/lib/env-files.ts';
import { loadConfig, ConfigError } from './core/config.ts';
import { buildApp } from './app.ts';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(78); // EX_CONFIG
  }
  throw err;
}

const app = await buildApp(config);

const shutdown = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  await app.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.on('unhandledRejection', (err) => {
  app.log.error({ err }, 'unhandled rejection');
  void app.close().finally(() => process.exit(1));
});

await app.listen({ host: config.HOST, port: config.PORT });
