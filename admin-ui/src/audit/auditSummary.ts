// Imports end in .js: test/console loads this file under the server's NodeNext resolution (Vite maps .js to .ts).
import { formatBytesExact } from '../common/bytes.js';
import { changedKeys, type JsonValue } from './auditDiff.js';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** "limitOverrideBytes" → "limit override", "planId" → "plan", "expiresAt" → "expires". */
export function fieldLabel(key: string): string {
  const base = key.replace(/(Bytes|Id|At)$/, '') || key;
  return base.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
}

/** A snapshot value as people read it: byte fields with units, timestamps in local time, "none" for null. */
export function formatAuditValue(key: string, value: JsonValue | undefined): string {
  if (value === undefined) return '—';
  if (value === null) return 'none';
  if (typeof value === 'number' && /Bytes$/.test(key)) return formatBytesExact(value);
  if (typeof value === 'string' && ISO_TIME.test(value)) {
    const at = new Date(value);
    if (!Number.isNaN(at.getTime())) return at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  }
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** The reason staff gave for a change (stored in the event's `after`), or null. */
export function auditReason(after: unknown): string | null {
  const reason = after && typeof after === 'object' && 'reason' in after ? (after as { reason?: unknown }).reason : undefined;
  return typeof reason === 'string' && reason.trim() ? reason : null;
}

const MAX_PARTS = 3;

/**
 * One line of what an event changed: "limit override: 60 MiB → 70 MiB; status: active → disabled". Creations and
 * deletions have no before or after: the snapshot's changed fields read "set to" / "was". The reason is left out
 * (shown in its own column).
 */
export function auditSummary(before: JsonValue | null | undefined, after: JsonValue | null | undefined): string {
  const changes = changedKeys(before, after).filter((c) => c.key !== 'reason');
  if (changes.length === 0) return '';
  const parts = changes.slice(0, MAX_PARTS).map(({ key, before: b, after: a }) => {
    const label = fieldLabel(key);
    if (b === undefined) return `${label} ${formatAuditValue(key, a)}`;
    if (a === undefined) return `${label} was ${formatAuditValue(key, b)}`;
    return `${label}: ${formatAuditValue(key, b)} → ${formatAuditValue(key, a)}`;
  });
  const more = changes.length - MAX_PARTS;
  return parts.join('; ') + (more > 0 ? `; and ${more} more` : '');
}
