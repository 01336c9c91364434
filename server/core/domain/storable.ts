// What PostgreSQL can store, checked before a value reaches it so bad input is a 400 naming the field instead of a
// driver error (a 500). Pure. Used by the request validator (plugins/app/validation.ts) and the list filters.

/** PostgreSQL `integer` (int4): every id and most counts. */
export const INT4 = { min: -2_147_483_648, max: 2_147_483_647 } as const;

/** Years a timestamp may have: PostgreSQL has no year 0, and JavaScript's extended years (+275760) do not round-trip. */
export const STORABLE_YEARS = { min: 1000, max: 9999 } as const;

export function isStorableDate(date: Date): boolean {
  const year = date.getUTCFullYear();
  return !Number.isNaN(date.getTime()) && year >= STORABLE_YEARS.min && year <= STORABLE_YEARS.max;
}

/** For strings that already passed a date or date-time format check. */
export function isStorableDateTime(value: string): boolean {
  return isStorableDate(new Date(value));
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one (no 'u' flag: code units).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why PostgreSQL would refuse this text, or null: NUL is not allowed in text, and UTF-8 has no unpaired surrogate. */
export function unstorableText(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode (an unpaired surrogate was found)';
  return null;
}

/** The first string (value or object key) in `data` PostgreSQL would refuse, as an ajv-style path ("/rules/0/name"). */
export function firstUnstorableString(data: unknown, path = ''): { path: string; message: string } | null {
  if (typeof data === 'string') {
    const message = unstorableText(data);
    return message ? { path, message } : null;
  }
  if (!data || typeof data !== 'object') return null;
  const entries: Array<[string, unknown]> = Array.isArray(data) ? data.map((v, i) => [String(i), v]) : Object.entries(data);
  for (const [key, value] of entries) {
    const keyProblem = unstorableText(key);
    if (keyProblem) return { path: `${path}/${key.replace(/\u0000/g, '\\0')}`, message: `(a field name) ${keyProblem}` };
    const found = firstUnstorableString(value, `${path}/${key}`);
    if (found) return found;
  }
  return null;
}
