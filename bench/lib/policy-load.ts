// Load generator for policy services: N persistent connections, each sending one request at a time and
// timing each round trip (how Postfix uses a policy service: one in flight per smtpd process). The same
// generator and the same recipient sequence drive every server compared.
// Two modes. Saturating (closed loop): every connection sends its next request as soon as the reply arrives,
// which measures the most the pair client+server can do; latency there is mostly queueing (Little's law:
// in-flight ÷ throughput). Paced (open loop, `ratePerSecond`): requests are due on a fixed schedule spread
// over the connections, as mail arrives; a request that had to wait for a late reply is timed from when it
// was due, so a slow server cannot hide its stalls by slowing the generator down (coordinated omission).
import { performance } from 'node:perf_hooks';
import { PolicyClient, encodeRequest } from './policy-client.ts';

export interface LoadOptions {
  port: number;
  connections: number;
  recipients: string[];
  /** Declared SIZE of every request. */
  size: number;
  warmupMs: number;
  durationMs: number;
  /** Paced mode: total requests per second over all connections. Absent = saturating. */
  ratePerSecond?: number;
}

export interface LoadResult {
  connections: number;
  /** Paced runs: the offered rate; saturating runs: absent. */
  offeredRps?: number;
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Replies by action, to check both servers really answered what was expected. */
  actions: Record<string, number>;
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  // All attributes but `instance` are fixed per recipient: building them once keeps the generator cheap.
  const prefixes = opts.recipients.map((recipient) => encodeRequest({
    request: 'smtpd_access_policy', protocol_state: 'RCPT', protocol_name: 'ESMTP', client_address: '192.0.2.10',
    client_name: 'mx.example.net', helo_name: 'mx.example.net', sender: 'someone@example.net', recipient,
    recipient_count: 0, queue_id: '', size: opts.size,
  }).slice(0, -1));
  const clients = await Promise.all(Array.from({ length: opts.connections }, () => PolicyClient.connect(opts.port)));
  const samples: number[] = [];
  const actions: Record<string, number> = {};
  let recording = false;
  let stop = false;
  let next = 0;

  // Paced: each connection sends every `intervalMs`, the connections staggered evenly across one interval.
  const intervalMs = opts.ratePerSecond ? (opts.connections * 1000) / opts.ratePerSecond : 0;
  const origin = performance.now();

  async function drive(client: PolicyClient, index: number) {
    for (let seq = 0; !stop; seq++) {
      let lateMicros = 0;
      if (intervalMs) {
        const due = origin + (index / opts.connections + seq) * intervalMs;
        const wait = due - performance.now();
        // Behind schedule because the last reply was late: that wait is part of this request's latency.
        if (wait > 0) await sleep(wait);
        else lateMicros = -wait * 1000;
      }
      const n = next++ % prefixes.length;
      // A new instance per request: every RCPT is its own message, as for real traffic.
      const { action, micros } = await client.timed(`${prefixes[n]}instance=${index}.${seq}\n\n`);
      if (recording) {
        samples.push(micros + lateMicros);
        actions[action] = (actions[action] ?? 0) + 1;
      }
    }
  }

  const running = clients.map((c, i) => drive(c, i));
  await sleep(opts.warmupMs);
  recording = true;
  const started = process.hrtime.bigint();
  await sleep(opts.durationMs);
  recording = false;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  stop = true;
  await Promise.all(running);
  for (const c of clients) c.close();

  samples.sort((a, b) => a - b);
  const pick = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] / 1000;
  return {
    connections: opts.connections, ...(opts.ratePerSecond ? { offeredRps: opts.ratePerSecond } : {}), requests: samples.length, seconds, rps: samples.length / seconds,
    p50Ms: pick(0.5), p99Ms: pick(0.99), maxMs: samples[samples.length - 1] / 1000, actions,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
