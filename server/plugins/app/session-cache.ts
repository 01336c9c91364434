// A short-lived in-process cache of resolved staff sessions (SESSION_CACHE_SECONDS), so a console page's requests
// do not each read the session and its staff member from PostgreSQL. Every change that may end or alter a session is
// announced over Redis pub/sub (core/pubsub/staff-sessions.ts) and each API process drops the entries it names at once.
// The cache is used only while this process's subscription is confirmed: with the subscriber connection down (Redis
// restarting) every request reads PostgreSQL, so a missed message can never keep a logged-out session alive here.
import type { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import { parseSessionChange, publishSessionChange, staffSessionsChannel, type SessionChange } from '../../core/pubsub/staff-sessions.ts';
import { createWorkerRedis } from '../../core/lib/redis.ts';

/** What a cached session must still satisfy is checked by the session store (expiry, idle time); this is only the store. */
export interface CachedEntry<T> { value: T; staffId: number; cachedUntil: number }

/** Enough for every open console of a large installation; beyond it the oldest entry goes (a miss costs one query). */
const MAX_ENTRIES = 10_000;

export class SessionCache<T> {
  private readonly entries = new Map<string, CachedEntry<T>>();
  /** Bumped by every forget: a read that began before one must not store what it read (it may be the stale row). */
  private generation = 0;
  private live = false;

  constructor(private readonly ttlMs: number) {}

  /** In use: a TTL is configured and the invalidation subscription is confirmed. */
  get active(): boolean {
    return this.ttlMs > 0 && this.live;
  }

  /** Take before reading PostgreSQL; hand to set() with what was read. */
  mark(): number {
    return this.generation;
  }

  get(sessionId: string, now: number): T | undefined {
    if (!this.active) return undefined;
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    if (entry.cachedUntil > now) return entry.value;
    this.entries.delete(sessionId);
    return undefined;
  }

  set(sessionId: string, staffId: number, value: T, mark: number, now: number): void {
    if (!this.active || mark !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(sessionId, { value, staffId, cachedUntil: now + this.ttlMs });
  }

  forget(change: SessionChange): void {
    this.generation++;
    if (change === 'all') this.entries.clear();
    else if ('sessionId' in change) this.entries.delete(change.sessionId);
    else for (const [id, entry] of this.entries) if (entry.staffId === change.staffId) this.entries.delete(id);
  }

  /** Subscription confirmed (true) or lost (false); either way what was cached before may have missed messages. */
  setLive(live: boolean): void {
    this.live = live;
    this.forget('all');
  }

  get size(): number {
    return this.entries.size;
  }
}

export interface SessionCacheLink<T> {
  cache: SessionCache<T>;
  /** After a committed change: forget it here at once, then tell every other API process. Never throws. */
  announce(change: SessionChange): Promise<void>;
  close(): void;
}

export function createSessionCacheLink<T>(opts: { ttlMs: number; redisUrl: string; publisher: Redis; queuePrefix: string; log: FastifyBaseLogger }): SessionCacheLink<T> {
  const cache = new SessionCache<T>(opts.ttlMs);
  const channel = staffSessionsChannel(opts.queuePrefix);
  // A connection in subscriber mode can do nothing else, so it is its own; it retries for ever like a worker's.
  const subscriber = opts.ttlMs > 0 ? createWorkerRedis(opts.redisUrl) : null;
  if (subscriber) {
    subscriber.on('error', (err) => opts.log.warn({ err: err.message }, 'session cache subscriber: redis connection error'));
    subscriber.on('message', (ch: string, message: string) => {
      if (ch === channel) cache.forget(parseSessionChange(message));
    });
    // ioredis re-subscribes by itself after a reconnect; subscribing again on 'ready' is how this process learns
    // the subscription is back (SUBSCRIBE is answered once it holds), and messages sent meanwhile are gone.
    const subscribe = () => {
      subscriber.subscribe(channel).then(() => cache.setLive(true), (err: Error) => opts.log.warn({ err: err.message }, 'session cache subscription failed'));
    };
    subscriber.on('ready', subscribe);
    subscriber.on('close', () => cache.setLive(false));
    if (subscriber.status === 'ready') subscribe();
  }
  return {
    cache,
    async announce(change) {
      cache.forget(change);
      // Published even with this process's cache off: other processes may run with theirs on.
      await publishSessionChange(opts.publisher, opts.queuePrefix, change).catch((err: Error) => {
        // Committed already; other processes with a live subscription will drop the entry within its TTL.
        opts.log.warn({ err: err.message }, 'could not announce a session change to the other API processes');
      });
    },
    close() {
      cache.setLive(false);
      subscriber?.disconnect();
    },
  };
}
