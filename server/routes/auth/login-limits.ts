// Login throttling by (account, address), in Redis (shared by every API instance). The model:
//   - A *known* address for an account is one it logged in from successfully in the last 90 days (KNOWN_FOR_MS; a
//     sorted set per account, the newest KNOWN_MAX_ADDRESSES kept). Each (account, address) pair has its own budget,
//     known or not: 10 failures a minute and 30 in 15 minutes. A known pair is limited by nothing else, so failures
//     from other addresses never lock the owner out of the addresses they usually use.
//   - An *unknown* pair is also held to two shared budgets, which is where the attacker lives:
//       one address trying many accounts  (password spraying: 30 failures in 15 minutes, whichever accounts);
//       one account tried from unknown addresses (a botnet: 30 in 15 minutes, whichever addresses).
//     Behind one NAT, 30 failures close that address to the accounts that never logged in from it, not to colleagues
//     who have. An account under attack stays open to its known addresses and closed to every new one for the window.
// Only refused credentials count: each attempt reserves one unit in each of its scopes up front, atomically (so
// parallel guesses cannot all slip past the check), and a login that succeeds or fails for another reason
// (database down) gives its units back. What is left to an attacker: from an address the owner also uses (the same
// NAT), they can still spend that pair's budget. A first login from a new address (travel, a new ISP) waits while its
// account is under attack; `DEL <QUEUE_PREFIX>:rl:login:account:<email>` lifts that. Redis down: logins are not
// limited (and not refused) rather than locking every staff member out; Redis emptied: every address is unknown again.
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import { AppError } from '../../core/domain/errors.ts';

const MINUTE = 60_000;
/** Every attempt counts here: the (address, account) pair. */
const PAIR_LIMITS = [
  { scope: 'ip-account', max: 10, windowMs: MINUTE },
  { scope: 'ip-account-15m', max: 30, windowMs: 15 * MINUTE },
] as const;
/** Only attempts from an address the account has not logged in from count (and are refused) here. */
const UNKNOWN_LIMITS = [
  { scope: 'ip', max: 30, windowMs: 15 * MINUTE },
  { scope: 'account', max: 30, windowMs: 15 * MINUTE },
] as const;
export const LOGIN_LIMITS = { pair: PAIR_LIMITS, unknownAddress: UNKNOWN_LIMITS };
const KNOWN_FOR_MS = 90 * 24 * 60 * MINUTE;
const KNOWN_MAX_ADDRESSES = 50;

// KEYS: one counter per scope; ARGV: the maxima, then the windows. Refuses (returning the scope's index, 1-based,
// and its remaining TTL) if any counter is full; otherwise counts the attempt everywhere.
const RESERVE = `
for i, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[i]) then return {i, redis.call('PTTL', key)} end
end
for i, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, ARGV[#KEYS + i]) end
end
return {0, 0}`;
// Give an attempt back; never below zero (the window may have ended since).
const REFUND = `
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
end
return 0`;

export class TooManyLoginsError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, `Too many failed logins, try again in ${retryAfterSeconds} seconds`);
  }
}

export interface LoginAttempt {
  /** The attempt did not end in refused credentials: it does not count. */
  refund(): Promise<void>;
}

export function createLoginLimits(redis: Redis, prefix: string, log: FastifyBaseLogger) {
  // An IPv6 client usually holds a whole /64: count it as one address.
  const addressOf = (ip: string) => normalizeIP(ip, 64);
  const accountOf = (email: string) => email.trim().toLowerCase();
  const knownKey = (account: string) => `${prefix}:rl:login:known:${account}`;

  async function isKnown(address: string, account: string): Promise<boolean> {
    const lastSuccess = await redis.zscore(knownKey(account), address);
    return lastSuccess !== null && Number(lastSuccess) > Date.now() - KNOWN_FOR_MS;
  }

  return {
    /** Counts an attempt, or throws TooManyLoginsError when any of its scopes is full. */
    async reserve(ip: string, email: string): Promise<LoginAttempt> {
      const address = addressOf(ip);
      const account = accountOf(email);
      const parts = { 'ip-account': `${address}|${account}`, 'ip-account-15m': `${address}|${account}`, ip: address, account };
      let answer: [number, number];
      let keys: string[];
      try {
        const limits = (await isKnown(address, account)) ? PAIR_LIMITS : [...PAIR_LIMITS, ...UNKNOWN_LIMITS];
        keys = limits.map((l) => `${prefix}:rl:login:${l.scope}:${parts[l.scope]}`);
        answer = (await redis.eval(RESERVE, keys.length, ...keys, ...limits.map((l) => l.max), ...limits.map((l) => l.windowMs))) as [number, number];
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'login rate limit unavailable (Redis); this attempt is not counted');
        return { refund: async () => undefined };
      }
      const [full, ttlMs] = answer;
      if (full) throw new TooManyLoginsError(Math.max(1, Math.ceil(ttlMs / 1000)));
      return {
        async refund() {
          await redis.eval(REFUND, keys.length, ...keys).catch((err: Error) => log.warn({ err: err.message }, 'login rate limit refund failed'));
        },
      };
    },

    /** A successful login: this address becomes (or stays) known for the account. */
    async remember(ip: string, email: string): Promise<void> {
      const key = knownKey(accountOf(email));
      await redis.multi()
        .zadd(key, Date.now(), addressOf(ip))
        .zremrangebyrank(key, 0, -(KNOWN_MAX_ADDRESSES + 1)) // keep the newest addresses only
        .pexpire(key, KNOWN_FOR_MS)
        .exec()
        .catch((err: Error) => log.warn({ err: err.message }, 'could not remember the login address'));
    },
  };
}
