// Server-side staff sessions. The cookie holds a random token; PostgreSQL keeps only its SHA-256,
// so logout (row deleted) really ends the session and a leaked table cannot be replayed.
// The CSRF token is an HMAC of the session token: nothing extra to store, rotates with the session.
// A session ends at its lifetime (SESSION_TTL_HOURS) or after SESSION_IDLE_MINUTES without a request. Last use is
// written at most once a minute (TOUCH_EVERY_MS): one UPDATE per active session a minute, not one per request.
// A resolved session is kept briefly in the process (session-cache.ts); every method here that ends or changes
// sessions announces it, so the other API processes drop theirs at once too.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../core/lib/prisma.ts';
import type { Role } from '../../core/domain/roles.ts';
import { SessionCache, type SessionCacheLink } from './session-cache.ts';

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

/** A resolved session as cached: the identity, and what decides whether it may still be used without PostgreSQL. */
export interface ResolvedSession { identity: StaffIdentity; expiresAt: number; lastSeenAt: number }

interface SessionRow {
  id: string; mfa_pending: boolean; expires_at: Date; last_seen_at: Date;
  staff_id: number; email: string; name: string; role: Role; active: boolean; mfa_enabled: boolean; can_view_message_metadata: boolean;
}

/** Without a link (scripts, tests of the store alone): nothing cached, nothing announced. */
const noCache: SessionCacheLink<ResolvedSession> = { cache: new SessionCache<ResolvedSession>(0), announce: async () => undefined, close: () => undefined };

export function createSessionStore(prisma: Db, secret: string, ttlHours: number, idleMinutes: number, link: SessionCacheLink<ResolvedSession> = noCache) {
  const { cache } = link;
  /** Still usable as cached: not expired, and its last use recent enough that no touch (nor idle check) is due. */
  const fresh = (s: ResolvedSession, now: number) => s.expiresAt > now && s.lastSeenAt > now - TOUCH_EVERY_MS;

  return {
    /** Whether resolved sessions are being cached right now (tests wait for the subscription). */
    get caching(): boolean {
      return cache.active;
    },

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
      const id = sha256(token);
      const now = Date.now();
      const cached = cache.get(id, now);
      if (cached && fresh(cached, now)) return cached.identity;
      const mark = cache.mark();
      // One plain query (session and staff member): this runs before every authenticated request.
      const [row] = await prisma.$queryRaw<SessionRow[]>`
        SELECT s.id, s.mfa_pending, s.expires_at, s.last_seen_at, u.id AS staff_id, u.email, u.name, u.role::text AS role,
               u.active, u.mfa_secret IS NOT NULL AS mfa_enabled, u.can_view_message_metadata
          FROM sessions s JOIN staff_users u ON u.id = s.staff_id
         WHERE s.id = ${id}`;
      if (!row || row.mfa_pending || row.expires_at.getTime() <= now || !row.active) return null;
      let lastSeenAt = row.last_seen_at.getTime();
      if (lastSeenAt <= now - idleMinutes * 60_000) {
        await prisma.$executeRaw`DELETE FROM sessions WHERE id = ${id}`; // idle too long: gone for good, not just refused
        return null;
      }
      if (lastSeenAt <= now - TOUCH_EVERY_MS) {
        // Conditional: parallel requests of one page write once between them.
        await prisma.$executeRaw`UPDATE sessions SET last_seen_at = ${new Date(now)}::timestamp(3) WHERE id = ${id} AND last_seen_at = ${row.last_seen_at}::timestamp(3)`;
        lastSeenAt = now;
      }
      const identity: StaffIdentity = {
        id: row.staff_id, email: row.email, name: row.name, role: row.role, sessionId: row.id,
        mfaEnabled: row.mfa_enabled, canViewMessageMetadata: row.role === 'admin' || row.can_view_message_metadata,
      };
      cache.set(id, row.staff_id, { identity, expiresAt: row.expires_at.getTime(), lastSeenAt }, mark, now);
      return identity;
    },

    /** The staff id of a login waiting for its MFA code (null when the token is no such session or it has expired). */
    async resolvePending(token: string): Promise<number | null> {
      const session = await prisma.session.findUnique({ where: { id: sha256(token) }, include: { staff: { select: { active: true } } } });
      if (!session?.mfaPending || session.expiresAt.getTime() <= Date.now() || !session.staff.active) return null;
      return session.staffId;
    },

    async destroy(token: string): Promise<void> {
      const id = sha256(token);
      await prisma.session.deleteMany({ where: { id } });
      await link.announce({ sessionId: id });
    },

    /** Every other session of this staff member ends (those opened before a second factor was proved); `keepId` stays. */
    async destroyOthersOf(staffId: number, keepId: string): Promise<void> {
      await prisma.session.deleteMany({ where: { staffId, id: { not: keepId } } });
      await link.announce({ staffId }); // the kept one is read again too: MFA has just changed
    },

    /** Sign out everywhere: every session of this staff member ends. Returns how many there were. */
    async destroyAllFor(staffId: number): Promise<number> {
      const { count } = await prisma.session.deleteMany({ where: { staffId } });
      await link.announce({ staffId });
      return count;
    },

    /**
     * After a committed change of a staff member (role, password, active, name, permissions, MFA, deletion): their
     * sessions are read from PostgreSQL again in every API process. Call it after the transaction, not inside it.
     */
    async staffChanged(staffId: number): Promise<void> {
      await link.announce({ staffId });
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
