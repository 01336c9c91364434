// Server-side staff sessions. The cookie holds a random token; PostgreSQL keeps only its SHA-256,
// so logout (row deleted) really ends the session and a leaked table cannot be replayed.
// The CSRF token is an HMAC of the session token: nothing extra to store, rotates with the session.
// A session ends at its lifetime (SESSION_TTL_HOURS) or after SESSION_IDLE_MINUTES without a request. Last use is
// written at most once a minute (TOUCH_EVERY_MS): one UPDATE per active session a minute, not one per request.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../core/lib/prisma.ts';
import type { Role } from '../../core/domain/roles.ts';

export const SESSION_COOKIE = 'mw_session';

export interface StaffIdentity {
  id: number;
  email: string;
  name: string;
  role: Role;
  sessionId: string;
  mfaEnabled: boolean;
  /** May read message subjects, senders and Message-IDs: admins always, others when granted. */
  canViewMessageMetadata: boolean;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
/** Idle time is measured to within this much; 1 minute is nothing against a 30-minute idle limit. */
const TOUCH_EVERY_MS = 60_000;
/** A login waiting for its MFA code: the code step must follow within this time, or the password step is redone. */
const MFA_PENDING_MS = 5 * 60_000;

export function createSessionStore(prisma: Db, secret: string, ttlHours: number, idleMinutes: number) {
  return {
    /** A session; with mfaPending, one that grants nothing but the MFA code step, for MFA_PENDING_MS. */
    async create(staffId: number, meta: { ip?: string; userAgent?: string }, opts: { mfaPending?: boolean } = {}): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      await prisma.session.create({
        data: {
          id: sha256(token),
          staffId,
          mfaPending: opts.mfaPending ?? false,
          expiresAt: new Date(Date.now() + (opts.mfaPending ? MFA_PENDING_MS : ttlHours * 3600_000)),
          ip: meta.ip,
          userAgent: meta.userAgent?.slice(0, 300),
        },
      });
      return token;
    },

    async resolve(token: string): Promise<StaffIdentity | null> {
      const session = await prisma.session.findUnique({ where: { id: sha256(token) }, include: { staff: true } });
      const now = Date.now();
      if (!session || session.mfaPending || session.expiresAt.getTime() <= now || !session.staff.active) return null;
      if (session.lastSeenAt.getTime() <= now - idleMinutes * 60_000) {
        await prisma.session.deleteMany({ where: { id: session.id } }); // idle too long: gone for good, not just refused
        return null;
      }
      if (session.lastSeenAt.getTime() <= now - TOUCH_EVERY_MS) {
        // Conditional: parallel requests of one page write once between them.
        await prisma.session.updateMany({ where: { id: session.id, lastSeenAt: session.lastSeenAt }, data: { lastSeenAt: new Date(now) } });
      }
      const { staff } = session;
      return {
        id: staff.id, email: staff.email, name: staff.name, role: staff.role, sessionId: session.id,
        mfaEnabled: staff.mfaSecret !== null, canViewMessageMetadata: staff.role === 'admin' || staff.canViewMessageMetadata,
      };
    },

    /** The staff id of a login waiting for its MFA code (null when the token is no such session or it has expired). */
    async resolvePending(token: string): Promise<number | null> {
      const session = await prisma.session.findUnique({ where: { id: sha256(token) }, include: { staff: { select: { active: true } } } });
      if (!session?.mfaPending || session.expiresAt.getTime() <= Date.now() || !session.staff.active) return null;
      return session.staffId;
    },

    async destroy(token: string): Promise<void> {
      await prisma.session.deleteMany({ where: { id: sha256(token) } });
    },

    /** Every other session of this staff member ends (those opened before a second factor was proved); `keepId` stays. */
    async destroyOthersOf(staffId: number, keepId: string): Promise<void> {
      await prisma.session.deleteMany({ where: { staffId, id: { not: keepId } } });
    },

    /** Sign out everywhere: every session of this staff member ends. Returns how many there were. */
    async destroyAllFor(staffId: number): Promise<number> {
      return (await prisma.session.deleteMany({ where: { staffId } })).count;
    },

    csrfToken(token: string): string {
      return createHmac('sha256', secret).update(`csrf:${token}`).digest('base64url');
    },

    csrfMatches(token: string, presented: string | undefined): boolean {
      if (!presented) return false;
      const expected = Buffer.from(this.csrfToken(token));
      const given = Buffer.from(presented);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
