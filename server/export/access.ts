// Who is asking the export service, and for which mailbox (#20). Two ways in, one per route, and no parameter names a
// mailbox:
//  - a signed-in /me user (GET /me/export/download): the `mw_me` session cookie, looked up in self_service_sessions
//    by the same rule as the API's (core/repositories/mail-user-sessions.ts: expiry, idle limit, active mailbox);
//    such a user chooses what to take (7 / 30 days, or one folder).
//  - a notice LINK `t` (GET /me/export/link/download): the mailbox and the date come from the HMAC-signed link
//    (server/core/lib/export-tokens.ts), and it takes only the mail expiring by that date (single purpose).
// The mailbox must still exist, be active and, for a link, still have the address the link was made for.
import type { Db } from '../core/lib/prisma.ts';
import type { ExportTokens } from '../core/lib/export-tokens.ts';
import { resolveMailUserSession } from '../core/repositories/mail-user-sessions.ts';

export interface Access {
  mailboxId: number;
  address: string;
  imapLogin: string;
  retentionPolicyId: number | null;
  planId: number | null;
  via: 'session' | 'link';
  /** A link's date: what expires by then is all it exports. */
  linkUntil: Date | null;
}

export class AccessError extends Error {
  constructor(readonly statusCode: 401 | 403 | 410, message: string) {
    super(message);
    this.name = 'AccessError';
  }
}

export type Way = { session: string | undefined; idleMinutes: number } | { link: unknown };

export async function resolveAccess(db: Db, tokens: ExportTokens, way: Way): Promise<Access> {
  let mailboxId: number;
  let linkClaims: { a: string; u: number } | null = null;
  if ('session' in way) {
    const user = way.session ? await resolveMailUserSession(db, way.session, way.idleMinutes) : null;
    if (!user) throw new AccessError(401, 'Your session has ended. Please sign in again.');
    mailboxId = user.mailboxId;
  } else {
    const verified = tokens.verifyLink(way.link);
    if (!verified.ok) {
      throw verified.reason === 'expired'
        ? new AccessError(410, 'This download link has expired: the mail it was for is past its date. Sign in to see what your mailbox holds now.')
        : new AccessError(403, 'This download link is not valid: it may have been cut or changed. Use the link from the email as it is, or sign in.');
    }
    mailboxId = verified.claims.m;
    linkClaims = verified.claims;
  }
  const mailbox = await db.mailbox.findUnique({
    where: { id: mailboxId }, select: { id: true, address: true, imapLogin: true, status: true, retentionPolicyId: true, planId: true },
  });
  // Gone, disabled, or (for a link) no longer the address it was made for: nothing to hand out.
  if (!mailbox || mailbox.status !== 'active' || (linkClaims && mailbox.address.toLowerCase() !== linkClaims.a)) {
    throw linkClaims ? new AccessError(403, 'This download link is not valid for any mailbox here. Sign in to see your own.') : new AccessError(401, 'Your session has ended. Please sign in again.');
  }
  return {
    mailboxId: mailbox.id, address: mailbox.address, imapLogin: mailbox.imapLogin, retentionPolicyId: mailbox.retentionPolicyId, planId: mailbox.planId,
    via: linkClaims ? 'link' : 'session', linkUntil: linkClaims ? new Date(linkClaims.u) : null,
  };
}
