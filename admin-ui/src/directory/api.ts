import type { ApiResponse, ApiRow } from '../api/types';
import { httpClient } from '../providers/httpClient';

export type DirectoryStatus = ApiResponse<'/api/directory/status', 'get'>;
export type DirectoryRun = ApiRow<'/api/directory/runs'>;
export type DirectoryChange = ApiRow<'/api/directory/runs/{id}/changes'>;
export type ChangeKind = DirectoryChange['kind'];

const enc = encodeURIComponent;

export async function fetchDirectoryStatus(): Promise<DirectoryStatus> {
  const { json } = await httpClient('/api/directory/status');
  return json as DirectoryStatus;
}

export async function fetchDirectoryRuns(count: number): Promise<DirectoryRun[]> {
  const { json } = await httpClient(`/api/directory/runs?range=${enc(JSON.stringify([0, count - 1]))}`);
  return json as DirectoryRun[];
}

/** One page of a run's diff, optionally of one kind; the total comes from Content-Range. */
export async function fetchRunChanges(runId: number, kind: ChangeKind | '', count: number): Promise<{ rows: DirectoryChange[]; total: number }> {
  const filter = kind ? `&filter=${enc(JSON.stringify({ kind }))}` : '';
  const { json, headers } = await httpClient(`/api/directory/runs/${runId}/changes?range=${enc(JSON.stringify([0, count - 1]))}${filter}`);
  const rows = json as DirectoryChange[];
  const match = /\/(\d+)$/.exec(headers.get('Content-Range') ?? '');
  return { rows, total: match ? Number(match[1]) : rows.length };
}

/** Queues a sync (or, dryRun, a preview that changes nothing); the worker runs it. */
export async function startDirectoryRun(dryRun: boolean): Promise<{ runId: number }> {
  const { json } = await httpClient('/api/directory/runs', { method: 'POST', body: JSON.stringify({ dryRun }) });
  return json as { runId: number };
}
