// npm run api-types            writes admin-ui/src/api/schema.d.ts from the API's OpenAPI document
// npm run check:api-types      fails (exit 1) when the committed file differs from what the API says today (CI)
// Options: --check compares instead of writing; --out FILE names another file (the drift test uses a copy).
// The app is built in-process and asked for GET /docs/json, the document it serves; the document comes from the
// route schemas alone, so nothing here needs PostgreSQL, Redis or Dovecot (no request ever reaches a client).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/core/config.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const DEFAULT_OUT = 'admin-ui/src/api/schema.d.ts';
const HEADER = `// Generated from the API's OpenAPI document (GET /docs/json) by \`npm run api-types\` (scripts/api-types.ts).
// Do not edit: change the route schemas in server/ and run it again. \`npm run check:api-types\` fails in CI when
// this file and the API differ.
`;

async function openApiDocument(): Promise<OpenAPI3> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    // Placeholders for what the API's config requires; nothing is ever sent with them. Nothing listens on port 1:
    // the clients the app creates connect nowhere, and no route that would use them runs.
    SESSION_SECRET: 'api-types-placeholder-not-a-secret-0123456789',
    IMAP_ADMIN_PASSWORD: 'api-types-placeholder',
    DATABASE_URL: 'postgresql://api-types@127.0.0.1:1/none',
    REDIS_URL: 'redis://127.0.0.1:1',
  });
  const app = await buildApp(config);
  // No app.close(): with nothing listening on the placeholder ports it would wait for a Redis connection that never
  // comes (the queue-events client retries forever). The script ends with process.exit instead.
  const res = await app.inject({ method: 'GET', url: '/docs/json' });
  if (res.statusCode !== 200) throw new Error(`GET /docs/json answered ${res.statusCode}`);
  return res.json() as OpenAPI3;
}

async function generate(): Promise<string> {
  const ast = await openapiTS(await openApiDocument());
  return HEADER + '\n' + astToString(ast);
}

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false }, out: { type: 'string', default: DEFAULT_OUT } } });
const out = path.resolve(ROOT, values.out);
const shown = path.relative(ROOT, out);
const fresh = await generate();
if (!values.check) {
  await writeFile(out, fresh);
  console.log(`api-types: wrote ${shown}`);
  process.exit(0);
}
const committed = await readFile(out, 'utf8').catch(() => null);
if (committed === fresh) {
  console.log(`api-types: ${shown} matches the API`);
  process.exit(0);
}
console.error(
  `api-types: ${shown} ${committed === null ? 'is missing' : "differs from the API's OpenAPI document"}.\n` +
    'Run `npm run api-types`, check the console still type-checks (`npm run typecheck`) and commit the file.',
);
process.exit(1);
