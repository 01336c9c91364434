// /me sign-in (#20): is this the mail password of an active mailbox? The IMAP server decides, by a LOGIN as the user
// that a worker makes (a verify-login mailbox read: the API never opens IMAP); the password travels only sealed.
// Enumeration-safe: an unknown or disabled address is checked like a known one, with a login no mailbox can have
// (DECOY_LOGIN: not the typed address, which the server may answer differently, e.g. [UNAVAILABLE] for a mailbox a
// directory sync disabled), so both take one database lookup and one IMAP LOGIN, and both end in the same refusal.
import type { Db } from '../core/lib/prisma.ts';
import type { MailboxReads } from './mailbox-reads.ts';
import { createLoginSeal } from '../core/lib/login-seal.ts';

/** Under the reserved .invalid domain (RFC 2606): no mailbox is ever called this. */
export const DECOY_LOGIN = 'no-such-mailbox@mailwarden.invalid';

export interface MailUserLogin {
  /** The mailbox id when the server accepted the password and the address is an active mailbox; otherwise null. */
  check(address: string, password: string): Promise<number | null>;
}

export function createMailUserLogin(db: Db, reads: MailboxReads, key: string, timeoutMs: number): MailUserLogin {
  const seal = createLoginSeal(key);
  return {
    async check(address, password) {
      const mailbox = await db.mailbox.findFirst({ where: { address, status: 'active' }, select: { id: true, imapLogin: true } });
      const login = mailbox?.imapLogin ?? DECOY_LOGIN;
      // The seal is worthless once the API has stopped waiting for the answer.
      const notAfter = new Date(Date.now() + timeoutMs);
      const { ok } = await reads.read({ kind: 'verify-login', login, sealed: seal.seal(password, login, notAfter), notAfter: notAfter.toISOString() }, login);
      return ok && mailbox ? mailbox.id : null;
    },
  };
}
