// CSV text for the console's list exports. Pure (no DOM, no react-admin) so a test can check it directly.
// A cell a spreadsheet would run as a formula (CSV injection: it starts with =, +, -, @, a tab or a CR) gets a leading
// apostrophe, as OWASP advises: Excel, LibreOffice and Sheets then show it as text instead of evaluating it.

const FORMULA_START = /^[=+\-@\t\r]/;

/** A string cell made safe to open in a spreadsheet; other values are left alone (numbers cannot be formulas). */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Nested objects become dotted columns (`before.name`), arrays one cell joined with ", ". */
function flatten(record: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, value] of Object.entries(record)) {
    const column = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value)) flatten(value as Record<string, unknown>, column, out);
    else out[column] = Array.isArray(value) ? value.map((v) => (v && typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ') : value;
  }
  return out;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? neutraliseFormula(value) : String(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV (CRLF line ends), one column per field seen in any record, in order of first appearance. */
export function toCsv(records: Record<string, unknown>[]): string {
  const rows = records.map((r) => flatten(r));
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [columns.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n');
}
