export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface ChangedKey {
  key: string;
  before: JsonValue | undefined;
  after: JsonValue | undefined;
}

const WHOLE_VALUE = '(value)';

function isObject(value: unknown): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
export function stableJson(value: JsonValue | undefined): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

function asKeyed(value: JsonValue | null | undefined): { [key: string]: JsonValue } {
  if (value === null || value === undefined) return {};
  return isObject(value) ? value : { [WHOLE_VALUE]: value };
}

/**
 * The top-level keys whose value differs between an audit event's `before` and `after` snapshots.
 * A key missing on one side (creation, deletion, a new field) shows `undefined` there.
 */
export function changedKeys(before: JsonValue | null | undefined, after: JsonValue | null | undefined): ChangedKey[] {
  const left = asKeyed(before);
  const right = asKeyed(after);
  const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
  return keys
    .map((key) => ({ key, before: left[key], after: right[key] }))
    .filter((change) => stableJson(change.before) !== stableJson(change.after));
}
