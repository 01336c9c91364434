// npm run import-mailboxes -- mailboxes.csv [--valid-only]
// Same validation and all-or-nothing rule as POST /api/mailboxes/import.
// Exit codes: 0 imported, 1 rows rejected (nothing imported unless --valid-only), 2 bad arguments, 78 bad configuration.
import '../server/core/lib/env-files.ts';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError } from '../server/core/config.ts';
import { createPrisma } from '../server/core/lib/prisma.ts';
import { importMailboxCsv } from '../server/services/mailbox-import.ts';

function fail(code: number, message: string): never {
  console.error(`import-mailboxes: ${message}`);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { 'valid-only': { type: 'boolean', default: false } } });
} catch (err) {
  fail(2, (err as Error).message);
}
const file = parsed.positionals[0];
if (!file || parsed.positionals.length > 1) fail(2, 'usage: import-mailboxes <file.csv> [--valid-only]');

let config;
try {
  config = loadConfig(process.env, []); // the database is all it uses
} catch (err) {
  if (err instanceof ConfigError) fail(78, err.message);
  throw err;
}
const csv = await readFile(file, 'utf8').catch((err: Error) => fail(2, `cannot read ${file}: ${err.message}`));

const prisma = createPrisma(config.DATABASE_URL, { poolSize: 2 });
try {
  const result = await importMailboxCsv(prisma, csv, parsed.values['valid-only'] ? 'valid-only' : 'all', { staff: null, id: 'cli:import-mailboxes' });
  for (const w of result.warnings) console.error(`warning: line ${w.line}${w.field ? ` (${w.field})` : ''}: ${w.message}`);
  for (const e of result.errors) console.error(`line ${e.line}${e.field ? ` (${e.field})` : ''}: ${e.message}`);
  if (result.refused) fail(1, `${result.errors.length} bad row(s); nothing imported (fix them, or pass --valid-only)`);
  console.log(`imported ${result.imported} mailbox(es)${result.errors.length ? `, skipped ${result.errors.length} bad row(s)` : ''}`);
  process.exitCode = result.errors.length ? 1 : 0;
} finally {
  await prisma.$disconnect();
}
