import type { ApiResponse, ApiRow } from '../api/types';
import { httpClient } from '../providers/httpClient';

/** `GET /api/queues`: one row per queue of the server's registry. */
export type QueueRow = ApiRow<'/api/queues/'>;
export type JobRow = ApiRow<'/api/queues/{name}/jobs'>;
/** A failed job of any queue, with the mailbox by address and its reason in plain words. */
export type FailedJobRow = ApiRow<'/api/queues/failed-jobs'>;
export type RetryAllResult = ApiResponse<'/api/queues/failed-jobs/retry', 'post'>;
export type ScheduleRow = ApiRow<'/api/schedules/'>;

export interface Page<T> {
  rows: T[];
  total: number;
}

const enc = encodeURIComponent;

/** Total from `Content-Range: jobs 0-24/137` (simple-rest). */
function totalOf(headers: Headers, fallback: number): number {
  const match = /\/(\d+)$/.exec(headers.get('Content-Range') ?? '');
  return match ? Number(match[1]) : fallback;
}

export async function fetchQueues(): Promise<QueueRow[]> {
  const { json } = await httpClient('/api/queues');
  return json as QueueRow[];
}

export async function setQueuePaused(name: string, paused: boolean): Promise<QueueRow> {
  const { json } = await httpClient(`/api/queues/${enc(name)}/${paused ? 'pause' : 'resume'}`, { method: 'POST' });
  return json as QueueRow;
}

/** Failed jobs of every queue (queue '' ) or of one, newest failure first. */
export async function fetchFailedJobs(queue: string, start: number, end: number): Promise<Page<FailedJobRow>> {
  const filter = queue ? `&filter=${enc(JSON.stringify({ queue }))}` : '';
  const { json, headers } = await httpClient(`/api/queues/failed-jobs?range=${enc(JSON.stringify([start, end]))}${filter}`);
  const rows = json as FailedJobRow[];
  return { rows, total: totalOf(headers, rows.length) };
}

/** Retries every failed job of `queue` ('' = of every queue). */
export async function retryAllFailed(queue: string): Promise<RetryAllResult> {
  const { json } = await httpClient('/api/queues/failed-jobs/retry', { method: 'POST', body: JSON.stringify(queue ? { queue } : {}) });
  return json as RetryAllResult;
}

export async function retryJob(queue: string, id: string): Promise<JobRow> {
  const { json } = await httpClient(`/api/queues/${enc(queue)}/jobs/${enc(id)}/retry`, { method: 'POST' });
  return json as JobRow;
}

export async function removeJob(queue: string, id: string): Promise<JobRow> {
  const { json } = await httpClient(`/api/queues/${enc(queue)}/jobs/${enc(id)}`, { method: 'DELETE' });
  return json as JobRow;
}

export async function fetchSchedules(): Promise<ScheduleRow[]> {
  const { json } = await httpClient('/api/schedules');
  return json as ScheduleRow[];
}

export async function saveSchedulePattern(id: string, pattern: string): Promise<ScheduleRow> {
  const { json } = await httpClient(`/api/schedules/${enc(id)}`, { method: 'PUT', body: JSON.stringify({ pattern }) });
  return json as ScheduleRow;
}
