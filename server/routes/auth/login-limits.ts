// Login throttling: counters of failed logins in Redis (shared by every API instance), three scopes at once:
//   - one address guessing one account  (10 a minute: a typo-prone human never gets there);
//   - one address trying many accounts  (password spraying: 30 in 15 minutes, whichever accounts);
//   - one account tried from many addresses (a botnet: 30 in 15 minutes, whichever addresses).
// Only refused credentials count: each attempt reserves one unit in every scope up front, atomically (so
// parallel guesses cannot all slip past the check), and a login that succeeds or fails for another reason
// (database down) gives its units back. The price of the account scope: whoever knows a staff address can keep
// that account locked, from anywhere, 15 minutes at a time; `DEL <QUEUE_PREFIX>:rl:login:account:<email>` lifts it.
// Redis down: logins are not limited (and not refused) rather than locking every staff member out.
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import { AppError } from '../../domain/errors.ts';

const MINUTE = 60_000;
export const LOGIN_LIMITS = [
  { scope: 'ip-account', max: 10, windowMs: MINUTE },
  { scope: 'ip', max: 30, windowMs: 15 * MINUTE },
  { scope: 'account', max: 30, windowMs: 15 * MINUTE },
] as const;

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
  const keysFor = (ip: string, email: string) => {
    // An IPv6 client usually holds a whole /64: count it as one address.
    const address = normalizeIP(ip, 64);
    const account = email.trim().toLowerCase();
    const parts = { 'ip-account': `${address}|${account}`, ip: address, account };
    return LOGIN_LIMITS.map((l) => `${prefix}:rl:login:${l.scope}:${parts[l.scope]}`);
  };

  return {
    /** Counts an attempt, or throws TooManyLoginsError when any scope is full. */
    async reserve(ip: string, email: string): Promise<LoginAttempt> {
      const keys = keysFor(ip, email);
      let answer: [number, number];
      try {
        answer = (await redis.eval(RESERVE, keys.length, ...keys, ...LOGIN_LIMITS.map((l) => l.max), ...LOGIN_LIMITS.map((l) => l.windowMs))) as [number, number];
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
  };
}
