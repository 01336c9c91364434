// Dovecot's doveadm HTTP API (https://doc.dovecot.org/2.3/admin_manual/doveadm_http_api/): a JSON array of
// [command, parameters, tag] per request, answered by one [type, payload, tag] per command, where type is
// "doveadmResponse" or "error". A command's error comes back inside an HTTP 200 (exitCode 67: no such user).
// Server-side commands with no IMAP login per user: what the usage scan's Dovecot fast path uses
// (server/core/doveadm/quota.ts). The key comes from DOVEADM_API_KEY and is sent only in the Authorization header.
import type { Config } from '../config.ts';

export type DoveadmApiConfig = Pick<Config, 'DOVEADM_API_URL' | 'DOVEADM_API_KEY' | 'IMAP_READ_TIMEOUT_MS'>;

export type DoveadmCommand = [command: string, parameters: Record<string, unknown>, tag: string];
export type DoveadmResult = { tag: string } & ({ ok: true; payload: unknown } | { ok: false; exitCode: number | null; detail: string });

export class DoveadmApiError extends Error {
  constructor(detail: string) {
    super(`doveadm HTTP API: ${detail}`);
    this.name = 'DoveadmApiError';
  }
}

export const doveadmApiEnabled = (config: DoveadmApiConfig): boolean => !!config.DOVEADM_API_URL && !!config.DOVEADM_API_KEY;

/** Runs the commands in one request; each result names its tag. Throws DoveadmApiError for the request as a whole. */
export async function runDoveadm(config: DoveadmApiConfig, commands: DoveadmCommand[]): Promise<DoveadmResult[]> {
  if (!commands.length) return [];
  let res: Response;
  try {
    res = await fetch(config.DOVEADM_API_URL, {
      method: 'POST',
      headers: { authorization: `X-Dovecot-API ${Buffer.from(config.DOVEADM_API_KEY ?? '').toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify(commands),
      signal: AbortSignal.timeout(config.IMAP_READ_TIMEOUT_MS),
    });
  } catch (err) {
    throw new DoveadmApiError(`no answer from ${config.DOVEADM_API_URL}: ${(err as Error).message}`);
  }
  if (res.status === 401) throw new DoveadmApiError('the API key was refused (DOVEADM_API_KEY)');
  if (!res.ok) throw new DoveadmApiError(`HTTP ${res.status} from ${config.DOVEADM_API_URL}`);
  const body = (await res.json()) as unknown;
  if (!Array.isArray(body)) throw new DoveadmApiError('the answer is not a list of results');
  return body.map((entry): DoveadmResult => {
    if (!Array.isArray(entry) || typeof entry[2] !== 'string') throw new DoveadmApiError('a result without its tag');
    const [type, payload, tag] = entry as [string, unknown, string];
    if (type === 'doveadmResponse') return { tag, ok: true, payload };
    const detail = payload as { type?: string; exitCode?: number } | null;
    return { tag, ok: false, exitCode: typeof detail?.exitCode === 'number' ? detail.exitCode : null, detail: JSON.stringify(payload) };
  });
}
