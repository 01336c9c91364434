import { httpClient } from '../providers/httpClient';
import type { MailSettings } from './types';

const URL = '/api/settings/mail';

export async function fetchMailSettings(): Promise<MailSettings> {
  const { json } = await httpClient(URL);
  return json as MailSettings;
}

export async function saveMailSettings(body: Omit<MailSettings, 'id' | 'updatedAt'>): Promise<MailSettings> {
  const { json } = await httpClient(URL, { method: 'PUT', body: JSON.stringify(body) });
  return json as MailSettings;
}
