// Looking up a /me session (#20) from its cookie token: the one rule both processes that serve /me apply, the API
// (services/mail-user-sessions.ts, which also creates and ends sessions) and the export service (which serves the
// downloads itself, so the API carries no export bytes). The cookie holds a random token, the table only its SHA-256.
import { createHash } from 'node:crypto';
import type { Db } from '../lib/prisma.ts';

/** The /me session cookie (Path=/me): staff sessions use another cookie and another table. */
export const MAIL_USER_COOKIE = 'mw_me';

export interface MailUserIdentity {
  sessionId: string;
  mailboxId: number;
  address: string;
}

export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');
/** Idle time is measured to within this much (one UPDATE a minute per active session, not one per request). */
const TOUCH_EVERY_MS = 60_000;

/** The signed-in mailbox, or null (no such session, expired, idle too long, or the mailbox is no longer active). */
export async function resolveMailUserSession(prisma: Db, token: string, idleMinutes: number): Promise<MailUserIdentity | null> {
  const session = await prisma.selfServiceSession.findUnique({ where: { id: sessionIdOf(token) }, include: { mailbox: { select: { address: true, status: true } } } });
  const now = Date.now();
  if (!session || session.expiresAt.getTime() <= now || session.mailbox.status !== 'active') return null;
  if (session.lastSeenAt.getTime() <= now - idleMinutes * 60_000) {
    await prisma.selfServiceSession.deleteMany({ where: { id: session.id } });
    return null;
  }
  if (session.lastSeenAt.getTime() <= now - TOUCH_EVERY_MS) {
    await prisma.selfServiceSession.updateMany({ where: { id: session.id, lastSeenAt: session.lastSeenAt }, data: { lastSeenAt: new Date(now) } });
  }
  return { sessionId: session.id, mailboxId: session.mailboxId, address: session.mailbox.address };
}
