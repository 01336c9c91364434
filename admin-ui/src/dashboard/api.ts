import type { ApiResponse, ApiRow } from '../api/types';
import { httpClient } from '../providers/httpClient';

/** `GET /api/dashboard/summary` (every staff role). */
export type DashboardSummary = ApiResponse<'/api/dashboard/summary', 'get'>;
export type TopMailbox = DashboardSummary['quota']['top'][number];
export type ScanSummary = DashboardSummary['scan'];
export type ExpiryRunSummary = NonNullable<DashboardSummary['expiry']['lastRun']>;

/** One UTC day of `GET /api/dashboard/series`. */
export type DayFigures = ApiRow<'/api/dashboard/series'>;

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
