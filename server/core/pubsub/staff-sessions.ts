// Tells every API process to forget the staff sessions it has cached (server/plugins/app/session-cache.ts) after a
// committed change: a logout, sessions ended, a staff member's role, password, active flag, name or MFA changed, or the
// account deleted. Redis pub/sub, fire-and-forget: a process whose subscription is down does not use its cache at all,
// so a lost message can only matter while the subscription is up, and then only until the cache entry's short TTL.
import type { Redis } from 'ioredis';

export type SessionChange = { staffId: number } | { sessionId: string } | 'all';

export function staffSessionsChannel(queuePrefix: string): string {
  return `${queuePrefix}:staff-sessions-changed`;
}

// Session ids are the SHA-256 (hex) of the cookie token, as stored in PostgreSQL: publishing one gives nothing away.
const SESSION_ID = /^[0-9a-f]{64}$/;

export function encodeSessionChange(change: SessionChange): string {
  if (change === 'all') return '*';
  return 'staffId' in change ? `staff:${change.staffId}` : `session:${change.sessionId}`;
}

/** Publish after the change commits (subscribers drop their entries at once). Rejects when Redis is unreachable. */
export async function publishSessionChange(redis: Redis, queuePrefix: string, change: SessionChange): Promise<void> {
  await redis.publish(staffSessionsChannel(queuePrefix), encodeSessionChange(change));
}

/** The change a message names; anything malformed means 'all': forgetting too much is safe, too little is not. */
export function parseSessionChange(message: string): SessionChange {
  const [kind, value = ''] = message.split(':', 2);
  if (kind === 'staff' && /^[1-9][0-9]{0,9}$/.test(value)) return { staffId: Number(value) };
  if (kind === 'session' && SESSION_ID.test(value)) return { sessionId: value };
  return 'all';
}
