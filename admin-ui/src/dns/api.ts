import type { ApiResponse } from '../api/types';
import { httpClient } from '../providers/httpClient';

/** `GET /api/settings/dns`: records derived from the mail settings and PUBLIC_BASE_URL. */
export type DnsPlan = ApiResponse<'/api/settings/dns', 'get'>;
export type DnsRecord = DnsPlan['records'][number];

export async function fetchDnsPlan(): Promise<DnsPlan> {
  const { json } = await httpClient('/api/settings/dns');
  return json as DnsPlan;
}
