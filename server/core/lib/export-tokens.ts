// The signed LINK of "take it with you" (/me export, #20) in a pre-expiry notice: HMAC-SHA256 under a key derived from
// EXPORT_LINK_KEY with HKDF and its own purpose label (so it can stand in for no other HMAC the project makes), bound
// to one mailbox (id and address), good for one thing only (the mail that expires by its date), valid until that
// date. Signed by the notify worker, checked by the API's landing page and by the export service before it opens the
// mailbox. (A signed-in user's download is checked by the export service against the /me session itself.)
// Format: base64url(JSON claims) "." base64url(HMAC). The claims are not secret (an id, an address, a date); only
// their integrity matters.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export interface LinkClaims {
  /** The mailbox row. */
  m: number;
  /** Its address when the link was made (lower case): a mailbox whose address changed since refuses the link. */
  a: string;
  /** Epoch ms: the mail due to expire by then is what the link downloads, and the link is valid until then. */
  u: number;
}

export type Verified<T> = { ok: true; claims: T } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

function signer(keyMaterial: string, purpose: string) {
  const key = Buffer.from(hkdfSync('sha256', keyMaterial, 'mailwarden', purpose, 32));
  const mac = (body: string) => createHmac('sha256', key).update(body).digest();
  return {
    sign(claims: object): string {
      const body = b64(JSON.stringify(claims));
      return `${body}.${b64(mac(body))}`;
    },
    /** The claims when the token is intact; `valid` checks their shape. */
    open<T>(token: unknown, valid: (c: Record<string, unknown>) => boolean): { ok: true; claims: T } | { ok: false; reason: 'malformed' | 'signature' } {
      if (typeof token !== 'string' || token.length > 2_000) return { ok: false, reason: 'malformed' };
      const parts = token.split('.');
      if (parts.length !== 2 || !/^[\w-]+$/.test(parts[0]) || !/^[\w-]+$/.test(parts[1])) return { ok: false, reason: 'malformed' };
      const given = Buffer.from(parts[1], 'base64url');
      const expected = mac(parts[0]);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
      let claims: unknown;
      try {
        claims = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      if (!claims || typeof claims !== 'object' || !valid(claims as Record<string, unknown>)) return { ok: false, reason: 'malformed' };
      return { ok: true, claims: claims as T };
    },
  };
}

const isId = (v: unknown) => Number.isSafeInteger(v) && (v as number) > 0;
const isTime = (v: unknown) => Number.isSafeInteger(v) && (v as number) > 0;

export function createExportTokens(keyMaterial: string) {
  const link = signer(keyMaterial, 'expiring-mail-export-link v1');
  return {
    signLink(mailboxId: number, address: string, until: Date): string {
      return link.sign({ m: mailboxId, a: address.toLowerCase(), u: until.getTime() } satisfies LinkClaims);
    },
    verifyLink(token: unknown, now = Date.now()): Verified<LinkClaims> {
      const opened = link.open<LinkClaims>(token, (c) => isId(c.m) && typeof c.a === 'string' && isTime(c.u));
      if (!opened.ok) return opened;
      return opened.claims.u > now ? opened : { ok: false, reason: 'expired' };
    },
  };
}

export type ExportTokens = ReturnType<typeof createExportTokens>;

/**
 * The download link a pre-expiry notice carries (the notify worker puts it in the email it sends, nowhere else): the
 * /me/export/link landing page with a link for this mailbox, valid until `until`. Without EXPORT_LINK_KEY, the /me
 * page (sign in to download).
 */
export function noticeExportUrl(baseUrl: string, key: string | undefined, mailboxId: number, address: string, until: Date): string {
  const base = baseUrl.replace(/\/$/, '');
  if (!key) return `${base}/me`;
  return `${base}/me/export/link?t=${createExportTokens(key).signLink(mailboxId, address, until)}`;
}
