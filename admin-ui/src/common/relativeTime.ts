const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function span(ms: number): string {
  if (ms < HOUR) return `${Math.max(1, Math.floor(ms / MINUTE))} min`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h`;
  return `${Math.floor(ms / DAY)} d`;
}

/** "3 h ago", "in 6 d", "just now"; `never` when there is no date. */
export function formatRelative(iso: string | null | undefined, now = Date.now(), never = 'never'): string {
  if (!iso) return never;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return never;
  const diff = now - at;
  if (Math.abs(diff) < MINUTE) return 'just now';
  return diff > 0 ? `${span(diff)} ago` : `in ${span(-diff)}`;
}

/** Hours since `iso` (Infinity when never). */
export function hoursSince(iso: string | null | undefined, now = Date.now()): number {
  if (!iso) return Number.POSITIVE_INFINITY;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? Number.POSITIVE_INFINITY : (now - at) / HOUR;
}

/** Local date and time, e.g. "12/05/2025, 14:03". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? '—' : at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** For react-admin's DateField: "Nov 26, 2026, 9:28 AM". */
export const DATE_TIME_OPTIONS: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
