// Recognises "the database / Redis is down" among the many shapes of connection errors thrown by
// pg, the Prisma adapter, ioredis and BullMQ, so the API can answer 503 instead of 500.
// Only connection trouble counts: PostgreSQL refusing a value (bad input, a constraint) is not an outage.
const PG_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024', 'ECONNREFUSED', 'ETIMEDOUT', '57P01', '57P03']);
// Kinds @prisma/adapter-pg gives connection failures; every other kind is an answer from a working server.
const ADAPTER_CONNECTION_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TlsConnectionError']);
// SQLSTATE classes 08 (connection exception), 57P (operator intervention: shutdown, starting up), 53300 (too many connections),
// 57014 (statement_timeout: the database too slow or blocked to answer in time, server/core/lib/prisma.ts).
const PG_OUTAGE_STATE = /^(08|57P0|53300|57014)/;

interface AdapterCause { kind?: string; code?: string; originalCode?: string }

/** The driver adapter's own description of a failure: on a DriverAdapterError, or in a Prisma error's meta. */
export function adapterCause(e: { name?: string; cause?: unknown; meta?: { driverAdapterError?: { cause?: unknown } } }): AdapterCause | null {
  if (e.name === 'DriverAdapterError' && e.cause && typeof e.cause === 'object') return e.cause as AdapterCause;
  const nested = e.meta?.driverAdapterError?.cause;
  return nested && typeof nested === 'object' ? (nested as AdapterCause) : null;
}

/** PostgreSQL refused a text value it cannot store (NUL, an invalid byte sequence): the caller's input, not an outage. */
export function isUnstorableText(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const cause = adapterCause(err as Parameters<typeof adapterCause>[0]);
  return cause?.kind === 'postgres' && ['22021', '22P05'].includes(cause.originalCode ?? cause.code ?? '');
}

export function classifyDependencyError(err: unknown): 'PostgreSQL' | 'Redis' | null {
  if (!err || typeof err !== 'object') return null;
  const e = err as { code?: string; name?: string; message?: string; cause?: unknown; meta?: { driverAdapterError?: { cause?: unknown } } };
  const message = e.message ?? '';
  const adapter = adapterCause(e);
  if (adapter) {
    const state = adapter.originalCode ?? adapter.code ?? '';
    return ADAPTER_CONNECTION_KINDS.has(adapter.kind ?? '') || PG_OUTAGE_STATE.test(state) ? 'PostgreSQL' : null;
  }
  if (/enableOfflineQueue|Connection is closed|Stream isn't writeable|ioredis|redis/i.test(message)) return 'Redis';
  // "Query read timeout": pg's client-side query_timeout, no answer at all (a silent partition, server/core/lib/prisma.ts).
  if (/Can't reach database|connect ECONNREFUSED .*5432|Connection terminated|timeout exceeded when trying to connect|database system is (starting|shutting)|Query read timeout/i.test(message)) {
    return 'PostgreSQL';
  }
  if (e.code && PG_CODES.has(e.code) && /Prisma|postgres|5432/i.test(`${e.name} ${message}`)) return 'PostgreSQL';
  if (e.cause && e.cause !== err) return classifyDependencyError(e.cause);
  return null;
}
