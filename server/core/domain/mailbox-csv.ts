// Validates a CSV of mailboxes to import (address, displayName, plan, limitOverrideBytes). Pure:
// the caller passes the known plan names and existing addresses. Every bad row is reported with its
// line number and reason, so an admin can fix the file in one go.
import { parse as parseStream } from 'csv-parse';
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

const PARSE_OPTIONS = { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true, max_record_size: 10_000, info: true } as const;

/**
 * Cells a spreadsheet would run as a formula (CSV injection, OWASP): they start with =, +, -, @, a tab or a CR.
 * Mailwarden stores them as plain text; the import flags them so the person importing can check where they came from.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

export interface KnownValues {
  planNames: Set<string>;
  existingAddresses: Set<string>;
  /** The domains the organisation serves (mail settings), lower-case; null = not set: addresses are flagged, not refused. */
  servedDomains?: Set<string> | null;
}
type ColumnIndex = Record<(typeof COLUMNS)[number], number>;
export interface CsvValidation { rows: ValidMailboxRow[]; errors: CsvRowError[]; warnings: CsvRowError[] }

/** Validates one record after another (the header first): shared by the one-call and the batched validators. */
function createRecordValidator(known: KnownValues) {
  let rows: ValidMailboxRow[] = [];
  const errors: CsvRowError[] = [];
  const warnings: CsvRowError[] = [];
  const seen = new Map<string, number>();
  let index: ColumnIndex | null = null;
  let count = 0;
  const served = known.servedDomains && known.servedDomains.size ? known.servedDomains : null;
  // Without a served-domain list nothing is refused for its domain; each domain is flagged once, on its first row.
  const uncheckedDomains = new Map<string, { line: number; rows: number }>();

  function row(record: string[], line: number): void {
    const cell = (c: (typeof COLUMNS)[number]) => (index![c] >= 0 ? (record[index![c]] ?? '') : '');
    const address = cell('address').toLowerCase();
    const fail = (field: string, message: string) => { errors.push({ line, field, message }); };
    if (!EMAIL.test(address) || address.length > 254) return fail('address', `"${cell('address').slice(0, 80)}" is not an email address`);
    if (seen.has(address)) return fail('address', `${address} appears twice (also on line ${seen.get(address)})`);
    seen.set(address, line);
    if (known.existingAddresses.has(address)) return fail('address', `${address} is already registered`);
    const domain = address.slice(address.lastIndexOf('@') + 1);
    if (served && !served.has(domain)) return fail('address', `${domain} is not a domain this organisation serves (${[...served].join(', ')}; Settings → domains)`);
    const displayName = cell('displayName');
    if (displayName.length > 200 || CONTROL.test(displayName)) return fail('displayName', 'must be one line of at most 200 characters, without control characters');
    const planName = cell('plan') || null;
    if (planName && !known.planNames.has(planName)) return fail('plan', `unknown plan "${planName.slice(0, 80)}"`);
    const limit = parseBytes(cell('limitOverrideBytes'));
    if (limit !== null && (!Number.isFinite(limit) || limit < 1024 || limit > 2 ** 50)) {
      return fail('limitOverrideBytes', `"${cell('limitOverrideBytes').slice(0, 40)}" must be a size between 1 KiB and 1 PiB (e.g. 5368709120 or 5GiB)`);
    }
    rows.push({ line, address, displayName, planName, limitOverrideBytes: limit });
    // Warnings only for rows that are imported: a refused row's problem is already listed.
    if (!served) {
      const unchecked = uncheckedDomains.get(domain);
      if (unchecked) unchecked.rows++;
      else uncheckedDomains.set(domain, { line, rows: 1 });
    }
    for (const column of ['address', 'displayName'] as const) {
      if (FORMULA_START.test(cell(column))) {
        warnings.push({ line, field: column, message: `starts with "${cell(column)[0]}", which spreadsheets may run as a formula; stored as text` });
      }
    }
  }

  return {
    /** Returns an error that ends the whole file (bad header, too many rows), or null. */
    push(p: ParsedRecord): CsvRowError | null {
      if (!index) {
        const header = p.record.map((h) => h.trim());
        index = Object.fromEntries(COLUMNS.map((c) => [c, header.findIndex((h) => h.toLowerCase() === c.toLowerCase())])) as ColumnIndex;
        if (index.address < 0) return { line: 1, field: 'address', message: `header must name the columns ${COLUMNS.join(',')} (address is required)` };
        return null;
      }
      if (++count > MAX_IMPORT_ROWS) return { line: 1, message: `at most ${MAX_IMPORT_ROWS} rows per import` };
      row(p.record, firstLine(p));
      return null;
    },
    /** The rows validated since the last call (the streamed validator hands them over as it goes). */
    takeRows(): ValidMailboxRow[] {
      const taken = rows;
      rows = [];
      return taken;
    },
    /** Rows not taken yet, every error, and the warnings in line order. */
    result(): CsvValidation {
      if (!index) return { rows: [], errors: [{ line: 1, message: 'the file is empty' }], warnings: [] };
      const unchecked = [...uncheckedDomains].map(([domain, { line, rows: n }]) => ({
        line, field: 'address', message: `served domains are not set (Settings → domains): ${domain} (${n} row${n === 1 ? '' : 's'}) was not checked`,
      }));
      return { rows, errors, warnings: [...warnings, ...unchecked].sort((a, b) => a.line - b.line) };
    },
  };
}

const fileError = (error: CsvRowError): CsvValidation => ({ rows: [], errors: [error], warnings: [] });
const parseError = (err: unknown): CsvValidation => {
  const e = err as { lines?: number; message: string };
  return fileError({ line: e.lines ?? 1, message: `not valid CSV: ${e.message.split('\n')[0]}` });
};

/** The whole file in one call (blocks while it runs: for small files and tests; the import streams it in a thread). */
export function validateMailboxCsv(csv: string, known: KnownValues): CsvValidation {
  let parsed: ParsedRecord[];
  try {
    parsed = parse(csv.replace(/\r\n?/g, '\n'), PARSE_OPTIONS) as unknown as ParsedRecord[];
  } catch (err) {
    return parseError(err);
  }
  const validator = createRecordValidator(known);
  for (const p of parsed) {
    const fatal = validator.push(p);
    if (fatal) return fileError(fatal);
  }
  return validator.result();
}

/** Characters fed to the streaming parser at a time: ~150 typical rows between two hand-overs of validated rows. */
const SLICE_CHARS = 8 * 1024;

/** How a streamed validation ends: the rows came as yielded batches; `fileError` voids every batch already yielded. */
export interface CsvStreamEnd { errors: CsvRowError[]; warnings: CsvRowError[]; fileError: boolean }

/**
 * The same validation, fed to the streaming parser a slice at a time, yielding the rows validated after each slice so
 * the caller can work on them while the rest is parsed (the import runs this in a worker thread,
 * server/services/mailbox-csv-thread.ts). An error that ends the whole file (bad header, broken quoting, too many rows)
 * may come after batches were yielded: the end then says `fileError`, and the caller drops them.
 */
export async function* validateMailboxCsvInSlices(csv: string, known: KnownValues): AsyncGenerator<ValidMailboxRow[], CsvStreamEnd> {
  const parser = parseStream(PARSE_OPTIONS);
  let failure: unknown = null;
  parser.on('error', (err) => { failure = err; });
  const validator = createRecordValidator(known);
  const ended = (v: CsvValidation, fileError: boolean): CsvStreamEnd => ({ errors: v.errors, warnings: v.warnings, fileError });
  const drain = (): CsvRowError | null => {
    for (let p = parser.read() as ParsedRecord | null; p !== null; p = parser.read() as ParsedRecord | null) {
      const fatal = validator.push(p);
      if (fatal) return fatal;
    }
    return null;
  };
  for (let at = 0; at < csv.length; at += SLICE_CHARS) {
    // Line ends normalised per slice (not the whole file in one go); a CR that ends a slice waits for the next one,
    // which may start with its LF.
    let slice = csv.slice(at, at + SLICE_CHARS);
    if (slice.endsWith('\r') && at + SLICE_CHARS < csv.length) { slice = slice.slice(0, -1); at--; }
    parser.write(slice.replace(/\r\n?/g, '\n'));
    const fatal = drain();
    if (fatal) { parser.destroy(); return ended(fileError(fatal), true); }
    // The stream reports a parse error on a later tick.
    await new Promise((resolve) => setImmediate(resolve));
    if (failure) return ended(parseError(failure), true);
    const rows = validator.takeRows();
    if (rows.length) yield rows;
  }
  parser.end();
  try {
    for await (const p of parser) {
      const fatal = validator.push(p as ParsedRecord);
      if (fatal) { parser.destroy(); return ended(fileError(fatal), true); }
    }
  } catch (err) {
    return ended(parseError(err), true);
  }
  if (failure) return ended(parseError(failure), true);
  const last = validator.result();
  if (last.rows.length) yield last.rows;
  return ended(last, false); // no header: nothing was yielded
}

/** Moves the rows whose address is already registered from `rows` to `errors` (the batched validator cannot know them yet). */
export function withExistingAddresses(validation: CsvValidation, existing: Set<string>): CsvValidation {
  if (!existing.size) return validation;
  const taken = validation.rows.filter((r) => existing.has(r.address));
  if (!taken.length) return validation;
  const takenLines = new Set(taken.map((r) => r.line));
  return {
    rows: validation.rows.filter((r) => !takenLines.has(r.line)),
    errors: [...validation.errors, ...taken.map((r) => ({ line: r.line, field: 'address', message: `${r.address} is already registered` }))].sort((a, b) => a.line - b.line),
    warnings: validation.warnings,
  };
}
