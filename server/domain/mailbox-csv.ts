// Validates a CSV of mailboxes to import (address, displayName, plan, limitOverrideBytes). Pure:
// the caller passes the known plan names and existing addresses. Every bad row is reported with its
// line number and reason, so an admin can fix the file in one go.
import { parse } from 'csv-parse/sync';

export interface CsvRowError { line: number; field?: string; message: string }
export interface ValidMailboxRow { line: number; address: string; displayName: string; planName: string | null; limitOverrideBytes: number | null }

const COLUMNS = ['address', 'displayName', 'plan', 'limitOverrideBytes'] as const;
// No control characters anywhere: PostgreSQL cannot store NUL, and the others have no business in an address or a name.
const EMAIL = /^[^\s@<>(),;:"\\\x00-\x1f\x7f]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const CONTROL = /[\x00-\x1f\x7f]/;
const UNITS: Record<string, number> = { '': 1, B: 1, K: 1024, KB: 1024, KIB: 1024, M: 1024 ** 2, MB: 1024 ** 2, MIB: 1024 ** 2, G: 1024 ** 3, GB: 1024 ** 3, GIB: 1024 ** 3, T: 1024 ** 4, TB: 1024 ** 4, TIB: 1024 ** 4 };
export const MAX_IMPORT_ROWS = 100_000;

/** "5368709120", "5 GiB", "500M" → bytes (binary units); null when empty; NaN when unreadable. */
export function parseBytes(raw: string): number | null {
  const text = raw.trim();
  if (!text) return null;
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text);
  if (!m || !(m[2].toUpperCase() in UNITS)) return NaN;
  return Math.round(Number(m[1]) * UNITS[m[2].toUpperCase()]);
}

interface ParsedRecord { record: string[]; info: { lines: number } }

/**
 * The line a record starts on, as an editor numbers it. Not "index + 2": empty lines are skipped and a quoted
 * field may span lines. csv-parse reports the line a record ends on (exactly, once line ends are plain LF: it
 * counts a CRLF inside a quoted field of a CRLF file twice); the line breaks inside its fields say how many it spans.
 */
function firstLine(p: ParsedRecord): number {
  return p.info.lines - p.record.reduce((n, field) => n + field.split('\n').length - 1, 0);
}

export function validateMailboxCsv(
  csv: string,
  known: { planNames: Set<string>; existingAddresses: Set<string> },
): { rows: ValidMailboxRow[]; errors: CsvRowError[] } {
  let parsed: ParsedRecord[];
  try {
    parsed = parse(csv.replace(/\r\n?/g, '\n'), { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true, max_record_size: 10_000, info: true }) as unknown as ParsedRecord[];
  } catch (err) {
    const e = err as { lines?: number; message: string };
    return { rows: [], errors: [{ line: e.lines ?? 1, message: `not valid CSV: ${e.message.split('\n')[0]}` }] };
  }
  if (!parsed.length) return { rows: [], errors: [{ line: 1, message: 'the file is empty' }] };
  const records = parsed.map((p) => p.record);
  const header = records[0].map((h) => h.trim());
  const index = Object.fromEntries(COLUMNS.map((c) => [c, header.findIndex((h) => h.toLowerCase() === c.toLowerCase())]));
  if (index.address < 0) return { rows: [], errors: [{ line: 1, field: 'address', message: `header must name the columns ${COLUMNS.join(',')} (address is required)` }] };
  if (records.length - 1 > MAX_IMPORT_ROWS) return { rows: [], errors: [{ line: 1, message: `at most ${MAX_IMPORT_ROWS} rows per import` }] };

  const rows: ValidMailboxRow[] = [];
  const errors: CsvRowError[] = [];
  const seen = new Map<string, number>();
  records.slice(1).forEach((record, i) => {
    const line = firstLine(parsed[i + 1]);
    const cell = (c: (typeof COLUMNS)[number]) => (index[c] >= 0 ? (record[index[c]] ?? '') : '');
    const address = cell('address').toLowerCase();
    const fail = (field: string, message: string) => errors.push({ line, field, message });
    if (!EMAIL.test(address) || address.length > 254) return fail('address', `"${cell('address').slice(0, 80)}" is not an email address`);
    if (seen.has(address)) return fail('address', `${address} appears twice (also on line ${seen.get(address)})`);
    seen.set(address, line);
    if (known.existingAddresses.has(address)) return fail('address', `${address} is already registered`);
    const displayName = cell('displayName');
    if (displayName.length > 200 || CONTROL.test(displayName)) return fail('displayName', 'must be one line of at most 200 characters, without control characters');
    const planName = cell('plan') || null;
    if (planName && !known.planNames.has(planName)) return fail('plan', `unknown plan "${planName.slice(0, 80)}"`);
    const limit = parseBytes(cell('limitOverrideBytes'));
    if (limit !== null && (!Number.isFinite(limit) || limit < 1024 || limit > 2 ** 50)) {
      return fail('limitOverrideBytes', `"${cell('limitOverrideBytes').slice(0, 40)}" must be a size between 1 KiB and 1 PiB (e.g. 5368709120 or 5GiB)`);
    }
    rows.push({ line, address, displayName, planName, limitOverrideBytes: limit });
  });
  return { rows, errors };
}
