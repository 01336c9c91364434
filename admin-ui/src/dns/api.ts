import { httpClient } from '../providers/httpClient';

export interface DnsRecord {
  name: string;
  type: 'SRV' | 'CNAME' | 'A' | 'AAAA';
  ttl: number;
  value: string;
  purpose: string;
}

/** `GET /api/settings/dns`: records derived from the mail settings and PUBLIC_BASE_URL. */
export interface DnsPlan {
  zone: string;
  records: DnsRecord[];
  notes: string[];
}

export async function fetchDnsPlan(): Promise<DnsPlan> {
  const { json } = await httpClient('/api/settings/dns');
  return json as DnsPlan;
}
