// Sessions of mail users signed in to /me (#20), apart from staff sessions: their own table (self_service_sessions),
// their own cookie (mw_me, Path=/me, so a browser never even sends it to /api), their own CSRF label. A token of one
// kind resolves nothing as the other: the staff auth plugin looks only in `sessions`, this store only here.
// As for staff: the cookie holds a random token, the table only its SHA-256; the CSRF token is an HMAC of the token.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../core/lib/prisma.ts';

export const MAIL_USER_COOKIE = 'mw_me';

export interface MailUserIdentity {
  sessionId: string;
  mailboxId: number;
  address: string;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
/** Idle time is measured to within this much (one UPDATE a minute per active session, not one per request). */
const TOUCH_EVERY_MS = 60_000;

export function createMailUserSessions(prisma: Db, secret: string, lifetimeMinutes: number, idleMinutes: number) {
  return {
    async create(mailboxId: number, meta: { ip?: string; userAgent?: string }): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      await prisma.selfServiceSession.create({
        data: { id: sha256(token), mailboxId, expiresAt: new Date(Date.now() + lifetimeMinutes * 60_000), ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) },
      });
      return token;
    },

    /** The signed-in mailbox, or null (no such session, expired, idle too long, or the mailbox is no longer active). */
    async resolve(token: string): Promise<MailUserIdentity | null> {
      const session = await prisma.selfServiceSession.findUnique({ where: { id: sha256(token) }, include: { mailbox: { select: { address: true, status: true } } } });
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
    },

    async destroy(token: string): Promise<void> {
      await prisma.selfServiceSession.deleteMany({ where: { id: sha256(token) } });
    },

    csrfToken(token: string): string {
      return createHmac('sha256', secret).update(`me-csrf:${token}`).digest('base64url');
    },

    csrfMatches(token: string, presented: unknown): boolean {
      if (typeof presented !== 'string' || !presented) return false;
      const expected = Buffer.from(this.csrfToken(token));
      const given = Buffer.from(presented);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}

export type MailUserSessions = ReturnType<typeof createMailUserSessions>;
