// Sessions of mail users signed in to /me (#20), apart from staff sessions: their own table (self_service_sessions),
// their own cookie (mw_me, Path=/me, so a browser never even sends it to /api), their own CSRF label. A token of one
// kind resolves nothing as the other: the staff auth plugin looks only in `sessions`, this store only here.
// As for staff: the cookie holds a random token, the table only its SHA-256; the CSRF token is an HMAC of the token.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../core/lib/prisma.ts';
import { resolveMailUserSession, sessionIdOf, type MailUserIdentity } from '../core/repositories/mail-user-sessions.ts';

export { MAIL_USER_COOKIE, type MailUserIdentity } from '../core/repositories/mail-user-sessions.ts';

export function createMailUserSessions(prisma: Db, secret: string, lifetimeMinutes: number, idleMinutes: number) {
  return {
    async create(mailboxId: number, meta: { ip?: string; userAgent?: string }): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      await prisma.selfServiceSession.create({
        data: { id: sessionIdOf(token), mailboxId, expiresAt: new Date(Date.now() + lifetimeMinutes * 60_000), ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) },
      });
      return token;
    },

    /** The signed-in mailbox, or null (no such session, expired, idle too long, or the mailbox is no longer active). */
    resolve: (token: string): Promise<MailUserIdentity | null> => resolveMailUserSession(prisma, token, idleMinutes),

    async destroy(token: string): Promise<void> {
      await prisma.selfServiceSession.deleteMany({ where: { id: sessionIdOf(token) } });
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
