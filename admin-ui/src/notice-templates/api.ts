import type { ApiResponse, ApiRow } from '../api/types';
import { httpClient } from '../providers/httpClient';

export type NoticeTemplate = ApiRow<'/api/notice-templates/'>;
/** `POST /api/notice-templates/:kind/preview`: the draft rendered with made-up values. */
export type TemplatePreview = ApiResponse<'/api/notice-templates/{kind}/preview', 'post'>;

export interface Draft { subject: string; text: string; html?: string | null }

export async function previewTemplate(kind: string, draft: Draft): Promise<TemplatePreview> {
  const { json } = await httpClient(`/api/notice-templates/${encodeURIComponent(kind)}/preview`, {
    method: 'POST',
    body: JSON.stringify({ subject: draft.subject ?? '', text: draft.text ?? '', html: draft.html?.trim() ? draft.html : null }),
  });
  return json as TemplatePreview;
}

export async function resetTemplate(kind: string): Promise<NoticeTemplate> {
  const { json } = await httpClient(`/api/notice-templates/${encodeURIComponent(kind)}`, { method: 'DELETE' });
  return json as NoticeTemplate;
}
