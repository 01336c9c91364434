// Pure: the CSV validator, nothing external.
import { describe, expect, it } from 'vitest';
import { parseBytes, validateMailboxCsv, validateMailboxCsvInSlices, type KnownValues } from '../../server/core/domain/mailbox-csv.ts';

const known = { planNames: new Set(['Student', 'Staff']), existingAddresses: new Set(['taken@example.org']) };

describe('validateMailboxCsv', () => {
  it('accepts good rows, lower-cases addresses and reads sizes with units', () => {
    const { rows, errors } = validateMailboxCsv('address,displayName,plan,limitOverrideBytes\nAnn@Example.org,Ann,Student,\nbo@example.org,"Bo, Jr.",Staff,5GiB\n', known);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 2, address: 'ann@example.org', displayName: 'Ann', planName: 'Student', limitOverrideBytes: null },
      { line: 3, address: 'bo@example.org', displayName: 'Bo, Jr.', planName: 'Staff', limitOverrideBytes: 5 * 1024 ** 3 },
    ]);
  });

  it('reports every bad row with its line, field and reason', () => {
    const csv = [
      'address,displayName,plan,limitOverrideBytes',
      'ok@example.org,Ok,Student,',
      'not-an-address,X,Student,',
      'dup@example.org,A,,',
      'dup@example.org,B,,',
      'taken@example.org,T,,',
      'p@example.org,P,Platinum,',
      'l@example.org,L,,-5',
      'z@example.org,Z,,12 parsecs',
    ].join('\n');
    const { rows, errors } = validateMailboxCsv(csv, known);
    expect(rows.map((r) => r.line)).toEqual([2, 4]);
    expect(errors.map((e) => [e.line, e.field])).toEqual([[3, 'address'], [5, 'address'], [6, 'address'], [7, 'plan'], [8, 'limitOverrideBytes'], [9, 'limitOverrideBytes']]);
    expect(errors[1].message).toMatch(/appears twice \(also on line 4\)/);
    expect(errors[3].message).toMatch(/unknown plan "Platinum"/);
  });

  it('refuses a file without an address column or with broken quoting', () => {
    expect(validateMailboxCsv('email,name\nx@y.org,X\n', known).errors[0]).toMatchObject({ line: 1, field: 'address' });
    expect(validateMailboxCsv('address,displayName\n"x@y.org,X\n', known).errors[0].message).toMatch(/not valid CSV/);
    expect(validateMailboxCsv('', known).errors[0].message).toMatch(/empty/);
  });
});

describe('parseBytes', () => {
  it.each([['1024', 1024], ['2 GiB', 2 * 1024 ** 3], ['500M', 500 * 1024 ** 2], ['1.5k', 1536], ['', null]])('%s → %s', (raw, bytes) => {
    expect(parseBytes(raw)).toBe(bytes);
  });
  it('gives NaN for unreadable sizes', () => {
    expect(parseBytes('lots')).toBeNaN();
    expect(parseBytes('5 furlongs')).toBeNaN();
  });
});

/** The streamed validation gathered into the one-call shape (the rows yielded before a file error are void). */
async function streamed(csv: string, known: KnownValues) {
  const slices = validateMailboxCsvInSlices(csv, known);
  const rows = [];
  let next = await slices.next();
  for (; !next.done; next = await slices.next()) rows.push(...next.value);
  return { rows: next.value.fileError ? [] : rows, errors: next.value.errors, warnings: next.value.warnings };
}

describe('validateMailboxCsvInSlices', () => {
  it('gives exactly the one-call result on a large file whose CRLFs and quoted line breaks straddle the 8 KiB slices', async () => {
    const rows = ['address,displayName,plan,limitOverrideBytes'];
    for (let i = 0; i < 3_000; i++) {
      const name = i % 7 === 0 ? `"Line one\r\nline two ${i}"` : i % 11 === 0 ? '=cmd|calc' : `User ${'x'.repeat(i % 23)}`;
      rows.push(i % 97 === 0 ? `bad-${i}` : `u${i}@example.org,${name},${i % 5 ? '' : 'Staff'},${i % 13 ? '' : '2GiB'}`);
      if (i % 50 === 0) rows.push('');
    }
    for (const eol of ['\r\n', '\n', '\r']) {
      const csv = rows.join(eol);
      const known2 = { ...known, servedDomains: new Set(['example.org']) };
      const batched = await streamed(csv, known2);
      expect(batched).toEqual(validateMailboxCsv(csv, known2));
      expect(batched.rows.length).toBeGreaterThan(2_400); // 1 in 7 names spans two lines: refused (control characters)
      expect(batched.warnings.length).toBeGreaterThan(200);
    }
  });

  it('reports broken quoting and an empty file like the one-call validator', async () => {
    expect(await streamed('address,displayName\n"x@y.org,X\n', known)).toEqual(validateMailboxCsv('address,displayName\n"x@y.org,X\n', known));
    expect((await streamed('', known)).errors[0].message).toMatch(/empty/);
  });

  it('voids the rows it already yielded when the file breaks after them', async () => {
    const good = Array.from({ length: 2_000 }, (_, i) => `g${i}@example.org,Good`);
    const csv = ['address,displayName', ...good, '"broken@example.org,X'].join('\n');
    const slices = validateMailboxCsvInSlices(csv, known);
    let yielded = 0;
    let next = await slices.next();
    for (; !next.done; next = await slices.next()) yielded += next.value.length;
    expect(yielded).toBeGreaterThan(1_000);
    expect(next.value).toMatchObject({ fileError: true, warnings: [], errors: [{ message: expect.stringMatching(/^not valid CSV: /) }] });
    expect(await streamed(csv, known)).toEqual(validateMailboxCsv(csv, known));
  });
});
