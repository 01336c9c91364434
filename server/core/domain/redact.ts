// Audit before/after snapshots and logs must never carry secrets. Keys are matched by name,
// recursively, so a new secret-looking field is redacted without anyone remembering to add it.
const SECRET_KEY = /pass(word)?|secret|token|hash|credential|api[-_]?key/i;
export const REDACTED = '[redacted]';

export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) ? REDACTED : redactSecrets(inner);
    }
    return out;
  }
  return value;
}
