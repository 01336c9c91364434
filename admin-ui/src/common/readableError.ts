// Imports end in .js: test/console loads this file under the server's NodeNext resolution (Vite maps .js to .ts).
import { formatBytesExact } from './bytes.js';
import { humanizePath } from './serverErrors.js';

/**
 * The API starts a 400 with the input it refuses, as a schema path ("body.limitOverrideBytes must be <= 1125899906842624"):
 * right for programs, unreadable at the help desk. This words it the way the form labels it, with units:
 * "Override limit must be at most 1 PiB". The raw message stays in the error's body for field-level form errors.
 */

// The form labels of the fields the API names; any other field is worded from its name ("displayName" → "Display name").
const LABELS: Record<string, string> = {
  limitOverrideBytes: 'Override limit',
  storageLimitBytes: 'Storage limit',
  bytes: 'Increase',
  warnThresholds: 'Warning thresholds',
  gracePercent: 'Grace',
  expiresAt: 'End date',
  endsAt: 'End date',
  pattern: 'Cron pattern',
  imapLogin: 'IMAP login',
  planId: 'Plan',
  from: 'From',
  to: 'To',
};

const PATH = /\b(?:body|querystring|params|filter)\.([A-Za-z0-9_.]+)/g;

/** "limitOverrideBytes" → "Override limit"; "warnThresholds.1" → "Warning thresholds (value 2)"; rules keep their "Rule 3 (Max age)". */
export function fieldName(path: string): string {
  if (/^rules\.\d+/.test(path)) return humanizePath(path);
  const parts = path.split('.');
  const index = /^\d+$/.test(parts[parts.length - 1]) ? Number(parts.pop()) : null;
  const key = parts[parts.length - 1] ?? path;
  const words = LABELS[key] ?? key.replace(/Bytes$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  const label = words.charAt(0).toUpperCase() + words.slice(1);
  return index === null ? label : `${label} (value ${index + 1})`;
}

const BOUNDS: [RegExp, string][] = [[/<=/, 'at most'], [/>=/, 'at least'], [/</, 'less than'], [/>/, 'more than']];

/** The rest of an ajv message in plain words, with byte bounds in units for byte fields. */
function wordRest(path: string, rest: string): string {
  const bytes = /Bytes(\.\d+)?$/.test(path);
  const bound = /^must be (<=|>=|<|>) (-?\d+(?:\.\d+)?)$/.exec(rest);
  if (bound) {
    const [, op, n] = bound;
    const words = BOUNDS.find(([re]) => re.test(op))![1];
    return `must be ${words} ${bytes ? formatBytesExact(Number(n)) : Number(n).toLocaleString('en')}`;
  }
  return rest
    .replace(/^must NOT have fewer than (\d+) characters?$/, 'must be at least $1 characters long')
    .replace(/^must NOT have more than (\d+) characters?$/, 'must be at most $1 characters long')
    .replace(/^must NOT have fewer than (\d+) items?$/, 'needs at least $1 values')
    .replace(/^must NOT have more than (\d+) items?$/, 'takes at most $1 values')
    .replace(/^must be integer$/, 'must be a whole number')
    .replace(/^must be number$/, 'must be a number')
    .replace(/^must be string$/, 'must be text')
    .replace(/^must be boolean$/, 'must be yes or no')
    .replace(/^must match format "email"$/, 'must be an email address')
    .replace(/^must match format "date-time"$/, 'must be a date and time')
    .replace(/^must match pattern .*$/, 'is not in the expected form')
    .replace(/^is not allowed$/, 'is not something this form can set');
}

export function readableError(message: string): string {
  const text = message.trim();
  const lead = /^(?:body|querystring|params|filter)\.([A-Za-z0-9_.]+)\s+(.*)$/s.exec(text);
  const sentence = lead ? `${fieldName(lead[1])} ${wordRest(lead[1], lead[2])}` : text;
  return sentence.replace(PATH, (_m, path: string) => fieldName(path).replace(/^./, (c) => c.toLowerCase()));
}
