// Parses react-admin's simple-rest list parameters (`sort`, `range`, `filter`, each JSON) into a
// checked, bounded query. Pure: routes pass the raw strings, repositories get safe values.
import { InvalidInputError } from '../domain/errors.ts';
import { INT4, isStorableDate, STORABLE_YEARS, unstorableText } from '../domain/storable.ts';

export interface ListQuery<F> {
  sortField: string;
  sortOrder: 'asc' | 'desc';
  skip: number;
  take: number;
  filter: F;
}

export const MAX_PAGE_SIZE = 1000;

export interface ListSpec<F> {
  sortable: readonly string[];
  defaultSort: [string, 'asc' | 'desc'];
  /** Validates the parsed filter object, throwing InvalidInputError naming the bad key. */
  parseFilter: (raw: Record<string, unknown>) => F;
}

function parseJson(field: string, raw: string | undefined): unknown {
  if (raw === undefined || raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new InvalidInputError(field, 'must be JSON');
  }
}

export function parseListQuery<F>(
  raw: { sort?: string; range?: string; filter?: string },
  spec: ListSpec<F>,
): ListQuery<F> {
  let [sortField, sortOrder] = spec.defaultSort;
  const sort = parseJson('sort', raw.sort);
  if (sort !== undefined) {
    if (!Array.isArray(sort) || sort.length !== 2 || typeof sort[0] !== 'string' || typeof sort[1] !== 'string') {
      throw new InvalidInputError('sort', 'must be ["field","ASC"|"DESC"]');
    }
    if (!spec.sortable.includes(sort[0])) {
      throw new InvalidInputError('sort', `field must be one of: ${spec.sortable.join(', ')}`);
    }
    const order = sort[1].toLowerCase();
    if (order !== 'asc' && order !== 'desc') throw new InvalidInputError('sort', 'order must be ASC or DESC');
    [sortField, sortOrder] = [sort[0], order];
  }

  let skip = 0;
  let take = 25;
  const range = parseJson('range', raw.range);
  if (range !== undefined) {
    if (
      !Array.isArray(range) || range.length !== 2 ||
      !range.every((n) => Number.isSafeInteger(n) && n >= 0) || range[1] < range[0]
    ) {
      throw new InvalidInputError('range', 'must be [start, end] with 0 <= start <= end');
    }
    skip = range[0];
    take = range[1] - range[0] + 1;
    if (take > MAX_PAGE_SIZE) throw new InvalidInputError('range', `may span at most ${MAX_PAGE_SIZE} rows`);
  }

  const filterRaw = parseJson('filter', raw.filter) ?? {};
  if (typeof filterRaw !== 'object' || filterRaw === null || Array.isArray(filterRaw)) {
    throw new InvalidInputError('filter', 'must be a JSON object');
  }
  const filter = spec.parseFilter(filterRaw as Record<string, unknown>);
  return { sortField, sortOrder, skip, take, filter };
}

/** Helpers for parseFilter implementations. */
export const filterValue = {
  string(raw: Record<string, unknown>, key: string, maxLength = 200): string | undefined {
    const v = raw[key];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string' || v.length > maxLength) throw new InvalidInputError(`filter.${key}`, `must be a string of at most ${maxLength} characters`);
    const unstorable = unstorableText(v);
    if (unstorable) throw new InvalidInputError(`filter.${key}`, unstorable);
    return v;
  },
  oneOf<T extends string>(raw: Record<string, unknown>, key: string, allowed: readonly T[]): T | undefined {
    const v = raw[key];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string' || !allowed.includes(v as T)) throw new InvalidInputError(`filter.${key}`, `must be one of: ${allowed.join(', ')}`);
    return v as T;
  },
  date(raw: Record<string, unknown>, key: string): Date | undefined {
    const v = raw[key];
    if (v === undefined || v === null || v === '') return undefined;
    const d = typeof v === 'string' ? new Date(v) : undefined;
    if (!d || Number.isNaN(d.getTime())) throw new InvalidInputError(`filter.${key}`, 'must be an ISO date');
    if (!isStorableDate(d)) throw new InvalidInputError(`filter.${key}`, `must be a date between the years ${STORABLE_YEARS.min} and ${STORABLE_YEARS.max}`);
    return d;
  },
  number(raw: Record<string, unknown>, key: string, min: number, max: number): number | undefined {
    const v = raw[key];
    if (v === undefined || v === null || v === '') return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
    if (!Number.isFinite(n) || n < min || n > max) throw new InvalidInputError(`filter.${key}`, `must be a number between ${min} and ${max}`);
    return n;
  },
  /** One row id (a PostgreSQL integer), as a number or a numeric string. */
  id(raw: Record<string, unknown>, key: string): number | undefined {
    const v = raw[key];
    if (v === undefined || v === null || v === '') return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > INT4.max) throw new InvalidInputError(`filter.${key}`, `must be an id (a whole number from 1 to ${INT4.max})`);
    return n;
  },
  boolean(raw: Record<string, unknown>, key: string): boolean | undefined {
    const v = raw[key];
    if (v === undefined || v === null || v === '') return undefined;
    if (v === true || v === 'true') return true;
    if (v === false || v === 'false') return false;
    throw new InvalidInputError(`filter.${key}`, 'must be true or false');
  },
  ids(raw: Record<string, unknown>, key = 'id'): number[] | undefined {
    const v = raw[key];
    if (v === undefined || v === null) return undefined;
    const arr = Array.isArray(v) ? v : [v];
    // Ids are PostgreSQL integers: a larger number would fail the query instead of matching nothing.
    const isId = (n: unknown) => (typeof n === 'number' || (typeof n === 'string' && n.trim() !== '')) && Number.isInteger(Number(n)) && Number(n) >= 1 && Number(n) <= INT4.max;
    if (arr.length > MAX_PAGE_SIZE || !arr.every(isId)) throw new InvalidInputError(`filter.${key}`, `must be a list of ids (whole numbers from 1 to ${INT4.max})`);
    return arr.map(Number);
  },
};
