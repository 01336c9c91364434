import type { ApiResponse } from '../api/types';
import { httpClient } from '../providers/httpClient';

/** `POST /api/guidance/preview`: the HTML sanitized exactly as the public help page renders it, and each placeholder's value. */
export type Preview = ApiResponse<'/api/guidance/preview', 'post'>;

export async function previewMarkdown(markdown: string): Promise<Preview> {
  const { json } = await httpClient('/api/guidance/preview', { method: 'POST', body: JSON.stringify({ markdown }) });
  return json as Preview;
}
