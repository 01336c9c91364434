// Real: the CSV validator (server/core/domain/mailbox-csv.ts) and, over app.inject, the import API with PostgreSQL. Inputs come from a seeded deterministic generator (test/harness/fuzz.ts); nothing stubbed.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateMailboxCsv } from '../../server/core/domain/mailbox-csv.ts';
import { as, type Session } from '../harness/app.ts';
import { startAppAs } from '../harness/signed-in-app.ts';
import { forAll, forAllAsync, type Gen } from '../harness/fuzz.ts';

const known = { planNames: new Set(['Staff', 'Student']), existingAddresses: new Set(['taken@example.test']) };
const CSV_ALPHABET = [...'ab@.,"xyz09 -', '\n', '\r\n', '""', ',,', 'GiB', 'Staff', '@example.test', '\t', '\0', '\ufeff', 'é'];

type Defect = null | { field: string; make: (g: Gen, n: number) => string[] };
// Each defect yields the cells of one bad row; the validator must name its field on the row's first line.
const DEFECTS: Defect[] = [
  null, null, null,
  { field: 'address', make: (g) => [g.pick(['not-an-address', 'a@b', '@example.test', 'a b@example.test', 'x@-'])] },
  { field: 'address', make: () => ['taken@example.test'] },
  { field: 'plan', make: (_g, n) => [`p${n}@example.test`, 'P', 'Nonexistent'] },
  { field: 'limitOverrideBytes', make: (g, n) => [`l${n}@example.test`, '', '', g.pick(['12 parsecs', '-5', '1e9', '10', '2000 TiB', 'NaN'])] },
  { field: 'displayName', make: (g, n) => [`d${n}@example.test`, `"line one${g.pick(['\n', '\r\n', '\n\n'])}line two"`] },
  { field: 'displayName', make: (_g, n) => [`e${n}@example.test`, 'x'.repeat(201)] },
];

/** A file whose every record's first physical line is known, with blank lines and multi-line quoted fields between. */
function generateFile(g: Gen) {
  const eol = g.pick(['\n', '\r\n']);
  let text = `address,displayName,plan,limitOverrideBytes${eol}`;
  let line = 2;
  const expected: { line: number; field: string | null }[] = [];
  const n = g.int(0, 25);
  for (let i = 0; i < n; i++) {
    for (let blank = g.int(0, 2) * (g.bool(0.3) ? 1 : 0); blank > 0; blank--) { text += eol; line++; }
    const defect = g.pick(DEFECTS);
    const cells = defect ? defect.make(g, i) : [`user${i}@example.test`, g.pick(['', 'Ann', '"Doe, Jane"', '"Multi ""quoted"""']), g.pick(['', 'Staff']), g.pick(['', '5GiB', '1048576'])];
    const record = cells.join(',');
    expected.push({ line, field: defect?.field ?? null });
    text += record + (i < n - 1 || g.bool() ? eol : '');
    line += 1 + (record.match(/\n/g)?.length ?? 0);
  }
  return { text, expected };
}

describe('validateMailboxCsv (property tests)', () => {
  it('never throws on arbitrary text and always answers with line numbers inside the file', () => {
    forAll(400, (g) => {
      const text = g.bool(0.2) ? g.text(0, 300) : `address,displayName${g.pick(['\n', '\r\n'])}${g.string(CSV_ALPHABET, 0, 200)}`;
      const result = validateMailboxCsv(text, known);
      const lines = text.split(/\r\n?|\n/).length + 1;
      for (const e of result.errors) {
        expect(Number.isInteger(e.line) && e.line >= 1 && e.line <= lines, `line ${e.line} of ${lines}`).toBe(true);
        expect(typeof e.message).toBe('string');
      }
      for (const r of result.rows) expect(r.line).toBeGreaterThanOrEqual(2);
    });
  });

  it('reports every bad row on the line it starts on, with its field, across blank lines, CRLF and multi-line fields', () => {
    forAll(300, (g) => {
      const { text, expected } = generateFile(g);
      const { rows, errors } = validateMailboxCsv(text, known);
      const got = [...rows.map((r) => ({ line: r.line, field: null })), ...errors.map((e) => ({ line: e.line, field: e.field ?? null }))]
        .sort((a, b) => a.line - b.line);
      expect(got, text).toEqual(expected);
    });
  });
});

describe('POST /api/mailboxes/import with hostile files', () => {
  let app: FastifyInstance;
  let ops: Session;
  beforeAll(async () => {
    ({ app, session: ops } = await startAppAs('ops'));
  });
  afterAll(() => app?.close());

  it('answers 200 or 400 (never 5xx) and imports exactly what it reports', async () => {
    let imported = 0;
    await forAllAsync(60, async (g) => {
      const text = g.bool(0.5) ? generateFile(g).text : `address,displayName${'\n'}${g.array(1, 5, (h) => `${h.int(0, 1e6)}@ex${h.string('ab', 1, 3)}.test,${h.text(0, 40).replace(/[\n\r",]/g, ' ')}`).join('\n')}`;
      const res = await as(app, ops, { method: 'POST', url: '/api/mailboxes/import?mode=valid-only', payload: text, headers: { 'content-type': 'text/csv' } });
      expect([200, 400], res.body).toContain(res.statusCode);
      if (res.statusCode === 200) imported += res.json().imported;
    });
    expect(await app.prisma.mailbox.count()).toBe(imported);
  });
});
