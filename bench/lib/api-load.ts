// The two ways bench/api.ts measures one endpoint: single requests on an idle server (the "API time" of
// the 300 ms target, as the console's user waits for it) and autocannon at a fixed number of connections.
import { createRequire } from 'node:module';

/** One console request, as the browser sends it; `path` may differ per call (random ids, rotating fragments). */
export interface Endpoint {
  name: string;
  path: () => string;
  /** Checks one reply (status, Content-Range, content), so a fast wrong answer cannot pass as a result. */
  check: (status: number, headers: Headers, body: unknown) => string | null;
}

export interface SingleResult { clientMs: number[]; serverMs: number[] }

export interface LoadResult { rps: number; p50Ms: number; p99Ms: number; requests: number; non2xx: number; errors: number }

// autocannon ships no types; this is the part of its documented API used here (README: "autocannon(opts[, cb])").
interface CannonRequest { method?: string; path?: string; setupRequest?: (req: { path: string }) => { path: string } }
interface CannonOptions { url: string; connections: number; duration: number; headers: Record<string, string>; requests: CannonRequest[] }
interface CannonResult { requests: { total: number }; latency: { p50: number; p99: number }; duration: number; non2xx: number; errors: number; timeouts: number }
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: CannonOptions) => Promise<CannonResult>;

/** Waits for the log line(s) of requests already answered: Fastify logs "request completed" after the reply went out. */
async function serverTimes(take: () => number[], expected: number): Promise<number[]> {
  const times: number[] = [];
  for (const until = Date.now() + 2000; Date.now() < until;) {
    times.push(...take());
    if (times.length >= expected) break;
    await new Promise((r) => setTimeout(r, 2));
  }
  return times;
}

/** `count` requests one after another over one keep-alive connection; each reply is checked and paired with its log line. */
export async function measureSingle(baseUrl: string, cookie: string, endpoint: Endpoint, count: number, takeServerTimes: () => number[]): Promise<SingleResult> {
  const clientMs: number[] = [];
  const serverMs: number[] = [];
  // Drop whatever earlier requests logged, until the log has been quiet for 100 ms.
  do await new Promise((r) => setTimeout(r, 100));
  while (takeServerTimes().length > 0);
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const res = await fetch(baseUrl + endpoint.path(), { headers: { cookie } });
    const body: unknown = await res.json();
    clientMs.push(performance.now() - t0);
    const problem = endpoint.check(res.status, res.headers, body);
    if (problem) throw new Error(`${endpoint.name}: ${problem}`);
    const times = await serverTimes(takeServerTimes, 1);
    if (times.length !== 1) throw new Error(`${endpoint.name}: ${times.length} server log lines for one request`);
    serverMs.push(times[0]);
  }
  return { clientMs, serverMs };
}

export async function measureLoad(baseUrl: string, cookie: string, endpoint: Endpoint, connections: number, seconds: number): Promise<LoadResult> {
  const r = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    headers: { cookie },
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: endpoint.path() }) }],
  });
  return { rps: r.requests.total / r.duration, p50Ms: r.latency.p50, p99Ms: r.latency.p99, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors + r.timeouts };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
