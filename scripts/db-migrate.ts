// npm run db:migrate: creates the database when it does not exist yet (as `npm start` does), then applies the
// migrations (`prisma migrate deploy`). Needs only DATABASE_URL. Exit codes: 0 done, 78 bad configuration, 1 failed.
import '../server/core/lib/env-files.ts';
import { loadConfig, ConfigError } from '../server/core/config.ts';
import { ensureDatabase, migrate } from './lib/database.ts';

let config;
try {
  config = loadConfig(process.env, []);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`db:migrate: ${err.message}`);
    process.exit(78);
  }
  throw err;
}
const db = new URL(config.DATABASE_URL).pathname.slice(1);
try {
  if (await ensureDatabase(config.DATABASE_URL)) console.log(`db:migrate: created database ${db}`);
  await migrate(config.DATABASE_URL);
  console.log(`db:migrate: database ${db} is up to date`);
} catch (err) {
  console.error(`db:migrate: ${(err as Error & { stderr?: string }).stderr?.trim() || (err as Error).message}`);
  process.exit(1);
}
