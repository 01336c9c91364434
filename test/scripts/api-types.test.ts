// `npm run check:api-types` (scripts/api-types.ts --check): the real app built in-process and the real openapi-typescript;
// an edited copy of admin-ui/src/api/schema.d.ts stands in for a drifted file. Nothing is stubbed. The passing side is
// `npm run check:api-types` on the committed file itself, so one run here is enough (each builds the whole app).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'mw-api-types-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run check:api-types', () => {
  it('fails, saying what to run, when the file no longer matches the API', () => {
    const copy = path.join(dir, 'schema.d.ts');
    const committed = readFileSync(path.join(ROOT, 'admin-ui/src/api/schema.d.ts'), 'utf8');
    // A field the API does not have: what a hand edit, or a route schema changed without regenerating, looks like.
    const edited = committed.replace('usedBytes: number | null;', 'usedBytes: number | null;\n    extra: string;');
    expect(edited).not.toBe(committed);
    writeFileSync(copy, edited);

    const res = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/api-types.ts', '--check', '--out', copy], {
      cwd: ROOT, encoding: 'utf8', timeout: 120_000,
    });
    expect(res.status, res.stderr).toBe(1);
    expect(res.stderr).toContain("differs from the API's OpenAPI document");
    expect(res.stderr).toContain('npm run api-types');
  }, 150_000);
});
