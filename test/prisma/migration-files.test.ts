// Pure: checks the migration files themselves. Prisma's JS migration engine splits a file into statements at every
// `;`, comments included, so a `;` in a comment line breaks `migrate deploy` for everyone (it happened twice).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('../../prisma/migrations/', import.meta.url);
const migrations = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe('migration files', () => {
  it('exist', () => {
    expect(migrations.length).toBeGreaterThan(5);
  });

  it.each(migrations)('%s has no semicolon inside a comment line', (name) => {
    const sql = readFileSync(new URL(`${name}/migration.sql`, dir), 'utf8');
    const bad = sql.split('\n').map((line, i) => ({ line, n: i + 1 })).filter(({ line }) => /^\s*--.*;/.test(line));
    expect(bad.map(({ n, line }) => `${name}/migration.sql:${n}: ${line.trim()}`)).toEqual([]);
  });
});
