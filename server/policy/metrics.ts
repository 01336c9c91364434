// Prometheus metrics of the policy service, on its own registry and port (POLICY_METRICS_PORT): the policy
// service is a separate process from the API, and its numbers must survive an API restart. Served by
// server/core/metrics/server.ts (METRICS_TOKEN or loopback, as the API's).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { HandlerResult } from './handler.ts';

export interface PolicyMetrics {
  registry: Registry;
  /** Count one decision and how long it took (seconds, in-process). */
  decided(result: HandlerResult, seconds: number): void;
  protocolError(): void;
  /** A connection closed at once because its client already held POLICY_MAX_CONNECTIONS_PER_CLIENT. */
  clientCapped(): void;
  connections: Gauge;
}

export function createPolicyMetrics(sources: { cacheEntries: () => number; lastFullLoad: () => number }): PolicyMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const decisions = new Counter({
    name: 'mailwarden_policy_decisions_total',
    help: 'Policy decisions by result (under_quota, over_quota, too_big, stale, unknown_recipient, ...)',
    labelNames: ['result'],
    registers: [registry],
  });
  // A decision is an in-memory lookup (microseconds); buckets from 10 µs show a regression long before 2 ms.
  const latency = new Histogram({
    name: 'mailwarden_policy_decision_seconds',
    help: 'Time the service spends on one complete request: lookup, rules and reply formatting (network excluded)',
    buckets: [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.05],
    registers: [registry],
  });
  const protocolErrors = new Counter({
    name: 'mailwarden_policy_protocol_errors_total',
    help: 'Connections closed without a reply because of malformed input or an internal error',
    registers: [registry],
  });
  const capped = new Counter({
    name: 'mailwarden_policy_connections_refused_total',
    help: 'Connections closed at once because their client address already held its share (POLICY_MAX_CONNECTIONS_PER_CLIENT)',
    registers: [registry],
  });
  const connections = new Gauge({ name: 'mailwarden_policy_connections', help: 'Open policy connections', registers: [registry] });
  new Gauge({
    name: 'mailwarden_policy_cache_mailboxes',
    help: 'Mailboxes in the policy cache',
    registers: [registry],
    collect() { this.set(sources.cacheEntries()); },
  });
  new Gauge({
    name: 'mailwarden_policy_cache_full_reload_age_seconds',
    help: 'Seconds since the cache was last reloaded in full (it should stay below the reload interval)',
    registers: [registry],
    collect() { this.set(sources.lastFullLoad() ? (Date.now() - sources.lastFullLoad()) / 1000 : -1); },
  });

  // Children bound once: the label lookup would otherwise hash its labels on every request.
  const byResult = new Map<HandlerResult, Counter.Internal>();
  return {
    registry,
    connections,
    decided(result, seconds) {
      let child = byResult.get(result);
      if (!child) byResult.set(result, (child = decisions.labels(result)));
      child.inc();
      latency.observe(seconds);
    },
    protocolError() {
      protocolErrors.inc();
    },
    clientCapped() {
      capped.inc();
    },
  };
}
