// Recognises "the database / Redis is down" among the many shapes of connection errors thrown by
// pg, the Prisma adapter, ioredis and BullMQ, so the API can answer 503 instead of 500.
const PG_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024', 'ECONNREFUSED', 'ETIMEDOUT', '57P01', '57P03']);

export function classifyDependencyError(err: unknown): 'PostgreSQL' | 'Redis' | null {
  if (!err || typeof err !== 'object') return null;
  const e = err as { code?: string; name?: string; message?: string; cause?: unknown };
  const message = e.message ?? '';
  if (/enableOfflineQueue|Connection is closed|Stream isn't writeable|ioredis|redis/i.test(message)) return 'Redis';
  if (e.name === 'DriverAdapterError' || /Can't reach database|connect ECONNREFUSED .*5432|Connection terminated|timeout exceeded when trying to connect|database system is (starting|shutting)/i.test(message)) {
    return 'PostgreSQL';
  }
  if (e.code && PG_CODES.has(e.code) && /Prisma|postgres|5432/i.test(`${e.name} ${message}`)) return 'PostgreSQL';
  if (e.cause && e.cause !== err) return classifyDependencyError(e.cause);
  return null;
}
