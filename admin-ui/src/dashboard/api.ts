import { httpClient } from '../providers/httpClient';

export interface TopMailbox {
  id: number;
  address: string;
  displayName: string;
  usedBytes: number | null;
  limitBytes: number | null;
  usagePercent: number;
  scannedAt: string | null;
  nearThreshold: number | null;
}

export interface ScanSummary {
  status: 'running' | 'completed' | 'unknown';
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  mailboxes: number | null;
  done: number | null;
  pending: number;
  failedJobs: number;
  lastScanAt: string | null;
  activeMailboxes: number;
  neverScanned: number;
  failing: number;
  nextRun: string | null;
}

export interface ExpiryRunSummary {
  id: number;
  scope: string;
  trigger: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  mailboxesTotal: number;
  mailboxesDone: number;
  mailboxesFailed: number;
  messagesDeleted: number;
  messagesMoved: number;
  bytesFreed: number;
  error: string | null;
}

/** `GET /api/dashboard/summary` (every staff role). */
export interface DashboardSummary {
  quota: { near: number; over: number; top: TopMailbox[] };
  scan: ScanSummary;
  expiry: { lastRun: ExpiryRunSummary | null; nextRun: string | null };
}

/** One UTC day of `GET /api/dashboard/series`. */
export interface DayFigures {
  day: string;
  bytesFreed: number;
  messagesExpired: number;
  usersOverQuota: number;
}

export async function fetchSummary(): Promise<DashboardSummary> {
  const { json } = await httpClient('/api/dashboard/summary');
  return json as DashboardSummary;
}

export async function fetchSeries(days: number): Promise<DayFigures[]> {
  const { json } = await httpClient(`/api/dashboard/series?days=${encodeURIComponent(days)}`);
  return json as DayFigures[];
}

/** "1 h 5 min", "42 s"; "—" when unknown. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
