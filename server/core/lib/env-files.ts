// Imported first by every entrypoint (in place of `dotenv/config`). Fills in variables the environment does not
// set, from `.env`, then from `.run/demo.env`: the settings `npm start` wrote for its demo (generated secrets,
// demo IMAP/SMTP ports), so `npm run worker`, `npm run policyd` or `npm run create-admin` in a clone where the
// demo ran reach that demo with no extra settings. The environment wins over `.env`, which wins over the demo file.
import { config } from 'dotenv';
import { DEMO_ENV_FILE } from './demo-env-file.ts';

export { DEMO_ENV_FILE };

config({ path: ['.env', DEMO_ENV_FILE], quiet: true });
