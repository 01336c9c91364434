// Tells running policy services (server/policy/cache.ts) which mailboxes to re-read after a committed
// change of limit, plan, status or usage. Redis pub/sub: fire-and-forget, so a policy service that is
// down or reconnecting misses it and relies on its reconnect/periodic full reload instead.
import type { Redis } from 'ioredis';

/** Above this many ids one "reload everything" message is cheaper than a huge id list (a plan of 100k mailboxes). */
const FULL_RELOAD_ABOVE = 10_000;
const ALL = '*';

export function mailboxChangedChannel(queuePrefix: string): string {
  return `${queuePrefix}:mailbox-changed`;
}

/**
 * Publish after the transaction commits (subscribers re-read the rows at once). The channel carries the
 * installation's QUEUE_PREFIX, so tests and several installations on one Redis do not hear each other.
 * Rejects when Redis is unreachable: callers log it (the change itself is committed; the policy service's
 * periodic reload picks it up within minutes).
 */
export async function publishMailboxChanged(redis: Redis, queuePrefix: string, ids: readonly number[] | 'all'): Promise<void> {
  if (!ids.length) return;
  // 'all': a change that touches every mailbox of a plan without listing them (its grace or reply kind).
  const message = ids === 'all' || ids.length > FULL_RELOAD_ABOVE ? ALL : JSON.stringify(ids);
  await redis.publish(mailboxChangedChannel(queuePrefix), message);
}

/** Ids from a message, or 'all'. Anything malformed also means 'all': reloading too much is safe, too little is not. */
export function parseMailboxChanged(message: string): number[] | 'all' {
  if (message === ALL) return 'all';
  try {
    const parsed: unknown = JSON.parse(message);
    if (Array.isArray(parsed) && parsed.every((id) => Number.isSafeInteger(id) && id > 0)) return parsed as number[];
  } catch {
    // fall through
  }
  return 'all';
}
