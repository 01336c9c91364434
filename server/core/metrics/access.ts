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

// Headers proxies, load balancers and CDNs add to say who the real caller is or that they relayed the request.
// Named ones first; the patterns catch the many vendor spellings (X-Forwarded-Host, Fastly-Client-IP,
// X-Cluster-Client-IP, X-Original-Forwarded-For…). Any of them makes a loopback peer untrusted: better a
// refused local scrape than metrics served to the outside through a proxy on this host.
const PROXY_HEADERS = new Set(['via', 'forwarded', 'x-real-ip', 'true-client-ip', 'cf-connecting-ip', 'client-ip', 'x-client-ip', 'x-proxyuser-ip', 'cdn-loop', 'cf-ray', 'x-envoy-external-address']);
const PROXY_HEADER_PATTERNS = [/forwarded/, /client-?ip/, /real-?ip/, /connecting-?ip/, /^x-original-/, /^x-proxy/];

/** True when any header shows the request came through a proxy: the loopback peer is then not the real caller. */
export function isForwarded(headers: Record<string, string | string[] | undefined>): boolean {
  return Object.keys(headers).some((raw) => {
    if (headers[raw] === undefined) return false;
    const name = raw.toLowerCase();
    return PROXY_HEADERS.has(name) || PROXY_HEADER_PATTERNS.some((p) => p.test(name));
  });
}
