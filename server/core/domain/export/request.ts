// What one export asks for (#20), as the export service and the API both read it: which mail (what expires by a
// date, or one folder), which received dates (a range, so an interrupted download is taken again from where it
// stopped), which format, and the file name the browser saves. Pure.

export type ExportFormat = 'mbox' | 'zip';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['mbox', 'zip'];

export type ExportScope =
  /** The mail the retention rules make due by `by` (the /me page's 7 / 30 days, or a notice link's date). */
  | { kind: 'expiring'; by: Date }
  | { kind: 'folder'; path: string };

/** Received dates (IMAP INTERNALDATE): `from` inclusive, `to` exclusive; null = open. */
export interface ExportRange { from: Date | null; to: Date | null }

/** Days ahead the /me page offers for "what expires" (EXPIRY_WINDOWS of the page). */
export const EXPIRING_DAYS = [7, 30] as const;

/** "2026-11-30" (start of that UTC day) or a full ISO date-time; null when it is neither. */
export function parseRangeDate(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(text)) return null;
  const d = new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function inRange(received: Date | null, range: ExportRange): boolean {
  const t = received?.getTime();
  if (t === undefined) return range.from === null; // no date: only an export open at its start takes it
  return (range.from === null || t >= range.from.getTime()) && (range.to === null || t < range.to.getTime());
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60) || 'mail';
const day = (d: Date) => d.toISOString().slice(0, 10);

/** alice_example.org-expiring-by-2026-12-13.mbox, alice_example.org-INBOX.zip, …-from-2026-11-01 when a range is given. */
export function exportFileName(address: string, scope: ExportScope, range: ExportRange, format: ExportFormat): string {
  const what = scope.kind === 'expiring' ? `expiring-by-${day(scope.by)}` : safe(scope.path);
  const from = range.from ? `-from-${range.from.toISOString().replace(/[:.]/g, '-')}` : '';
  const to = range.to ? `-to-${range.to.toISOString().replace(/[:.]/g, '-')}` : '';
  return `${safe(address.replace('@', '_'))}-${what}${from}${to}.${format}`;
}

/** The name of one message in the zip: folder/received-date-uid.eml (sorts by date in any unzip listing). */
export function emlName(folder: string, received: Date | null, uid: number): string {
  const folderPart = folder.split(/[/.]/).map(safe).join('/');
  const when = received ? received.toISOString().replace(/[:.]/g, '-') : 'undated';
  return `${folderPart}/${when}-${uid}.eml`;
}
