// npm run api-types writes admin-ui/src/api/schema.d.ts (git-ignored) from the API's OpenAPI document; `npm run
// typecheck` runs it before `tsc -p admin-ui`, so a console that no longer matches the API fails to type-check.
// The app is built in-process and asked for GET /docs/json, the document it serves; the document comes from the
// route schemas alone, so nothing here needs PostgreSQL, Redis or Dovecot (no request ever reaches a client).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/core/config.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const DEFAULT_OUT = 'admin-ui/src/api/schema.d.ts';
const HEADER = `// Generated from the API's OpenAPI document (GET /docs/json) by \`npm run api-types\` (scripts/api-types.ts).
// Do not edit: change the route schemas in server/ and run it again (\`npm run typecheck\` does).
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

const out = path.resolve(ROOT, DEFAULT_OUT);
await writeFile(out, await generate());
console.log(`api-types: wrote ${path.relative(ROOT, out)}`);
process.exit(0);
