// One expiry at a time per mailbox, across every worker host: a Redis lock (SET NX PX) holding a token,
// renewed while the work goes on and released only by its owner (compare-and-delete in Lua).
// The token names the run; a holder from the same run can only be an earlier attempt of this very job
// (jobIds are per run and mailbox) that died without releasing, or that BullMQ wrongly took for stalled
// and redelivered while it still runs: it is taken over instead of waiting out the TTL.
// Fencing: the holder re-checks its token (and extends the TTL) right before each destructive IMAP command
// (assertHeld). An attempt whose lock was taken over, or lapsed, stops there with ExpiryLockLostError
// instead of issuing a second MOVE of messages the new holder is moving too. The check and the command are
// not atomic (IMAP has no fencing token): a holder that passed its check just before a takeover still sends
// that one command, but the taker needs several round trips (LIST, SELECT, SEARCH, FETCH) before its own.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

// Long enough to outlive a slow IMAP command between renewals; short enough that a dead worker's lock
// frees itself within two minutes.
const TTL_MS = 120_000;
// Renew at a quarter of the TTL: three renewals can be missed (a stalled event loop) before it lapses.
const RENEW_MS = TTL_MS / 4;

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export type LockResult =
  | { acquired: true; assertHeld(): Promise<void>; holderRunId(): Promise<number | null>; release(): Promise<void> }
  | { acquired: false; holderRunId: number | null };

/** This attempt no longer owns the mailbox's expiry lock: it must not remove anything more. */
export class ExpiryLockLostError extends Error {
  constructor(mailboxId: number) {
    super(`the expiry lock of mailbox ${mailboxId} was taken over or expired; this attempt stopped before removing more`);
    this.name = 'ExpiryLockLostError';
  }
}

const runIdOf = (token: string | null) => (token ? Number(token.split(':')[1]) : null);

export const lockKey = (prefix: string, mailboxId: number) => `${prefix}:lock:expiry:${mailboxId}`;

export async function acquireExpiryLock(redis: Redis, prefix: string, mailboxId: number, runId: number): Promise<LockResult> {
  const key = lockKey(prefix, mailboxId);
  const token = `run:${runId}:${randomBytes(8).toString('hex')}`;
  let ok = (await redis.set(key, token, 'PX', TTL_MS, 'NX')) === 'OK';
  if (!ok) {
    const holder = await redis.get(key);
    const holderRunId = runIdOf(holder);
    if (holder && holderRunId === runId) {
      // Take over from our own dead attempt, atomically against its (impossible but harmless) release.
      ok = (await redis.eval(`if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('set', KEYS[1], ARGV[2], 'PX', ARGV[3]) else return 0 end`, 1, key, holder, token, TTL_MS)) !== 0;
    } else if (!holder) {
      ok = (await redis.set(key, token, 'PX', TTL_MS, 'NX')) === 'OK';
    }
    if (!ok) return { acquired: false, holderRunId: Number.isSafeInteger(holderRunId) ? holderRunId : null };
  }
  const timer = setInterval(() => {
    redis.eval(RENEW, 1, key, token, TTL_MS).catch(() => undefined);
  }, RENEW_MS);
  timer.unref();
  return {
    acquired: true,
    async assertHeld() {
      if ((await redis.eval(RENEW, 1, key, token, TTL_MS)) !== 1) throw new ExpiryLockLostError(mailboxId);
    },
    async holderRunId() {
      const holder = runIdOf(await redis.get(key));
      return Number.isSafeInteger(holder) ? holder : null;
    },
    async release() {
      clearInterval(timer);
      await redis.eval(RELEASE, 1, key, token);
    },
  };
}
