// Who may read /metrics (the API's and the worker's). Pure, so both servers apply one rule and it is tested directly.
// With METRICS_TOKEN set: a matching `Authorization: Bearer` header, from anywhere. Without one: loopback callers
// only, and not through a proxy (a reverse proxy on this host would make every outside request look local).
import { timingSafeEqual } from 'node:crypto';

export type MetricsVerdict = 'ok' | 'unauthorized' | 'forbidden';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function metricsAccess(
  request: { authorization?: string; remoteAddress?: string; forwarded: boolean },
  token: string,
): MetricsVerdict {
  if (token) {
    const match = /^Bearer\s+(.+)$/i.exec(request.authorization ?? '');
    return match && sameSecret(match[1].trim(), token) ? 'ok' : 'unauthorized';
  }
  if (request.forwarded || !LOOPBACK.test(request.remoteAddress ?? '')) return 'forbidden';
  return 'ok';
}

/** Headers a reverse proxy adds: their presence means the loopback peer is not the real caller. */
export function isForwarded(headers: Record<string, string | string[] | undefined>): boolean {
  return ['x-forwarded-for', 'forwarded', 'x-real-ip'].some((h) => headers[h] !== undefined);
}
