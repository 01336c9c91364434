// Pure: the CSV writer behind every console list export (admin-ui/src/common/csv.ts); nothing external.
// Cells a spreadsheet would run as formulas must come out as text; everything else exactly as it was.
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, toCsv } from '../../admin-ui/src/common/csv.ts';

describe('toCsv', () => {
  it('neutralises every cell that starts like a formula (=, +, -, @, tab, CR), wherever it sits', () => {
    const csv = toCsv([
      { id: 1, name: '=HYPERLINK("http://evil.test","click")', email: 'a@example.org' },
      { id: 2, name: '+1 555 0100', email: '-x@example.org', after: { displayName: '@SUM(A1:A9)', tags: ['=1+1', 'ok'] } },
      { id: 3, name: '\tcmd', email: '\rcmd' },
    ]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('id,name,email,after.displayName,after.tags');
    expect(lines[1]).toBe('1,"\'=HYPERLINK(""http://evil.test"",""click"")",a@example.org,,');
    expect(lines[2]).toBe("2,'+1 555 0100,'-x@example.org,'@SUM(A1:A9),\"'=1+1, ok\"");
    expect(lines[3]).toBe(`3,'\tcmd,"'\rcmd",,`);
  });

  it('leaves ordinary values, numbers (negative ones too) and empty cells alone', () => {
    expect(toCsv([{ id: -5, name: 'Ann = Bob', note: null, size: 1.5, ok: true }])).toBe('id,name,note,size,ok\r\n-5,Ann = Bob,,1.5,true');
    expect(neutraliseFormula('plain')).toBe('plain');
    expect(neutraliseFormula('-')).toBe("'-");
  });

  it('quotes separators, quotes and line breaks (RFC 4180)', () => {
    expect(toCsv([{ a: 'x,y', b: 'say "hi"', c: 'two\nlines' }])).toBe('a,b,c\r\n"x,y","say ""hi""","two\nlines"');
  });
});
