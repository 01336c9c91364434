import { httpClient } from '../providers/httpClient';

export interface Preview {
  /** Sanitized by the server exactly as the public help page renders it. */
  html: string;
  /** Placeholder name -> the value it was filled with. */
  values: Record<string, string>;
}

export async function previewMarkdown(markdown: string): Promise<Preview> {
  const { json } = await httpClient('/api/guidance/preview', { method: 'POST', body: JSON.stringify({ markdown }) });
  return json as Preview;
}
