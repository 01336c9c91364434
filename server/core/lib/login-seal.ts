// Seals a mail user's password for the one trip API -> Redis -> worker that checks it with an IMAP LOGIN (#20):
// BullMQ keeps job data in Redis in clear text (and in its RDB/AOF files), so the job carries only this ciphertext.
// AES-256-GCM with a key derived (HKDF-SHA256) from MAIL_LOGIN_KEY, which the API and the workers share and Redis never
// sees. The login and a deadline are bound in as associated data: the ciphertext opens for that login only, and the
// worker refuses it after the deadline (a job replayed later from a Redis dump is worthless). Each seal has a fresh
// random IV, which the worker also uses as a one-time id (it refuses a second job carrying the same seal).
// Format: `v1.<iv>.<tag>.<ciphertext>` (base64url).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export interface LoginSeal {
  seal(password: string, login: string, notAfter: Date): string;
  /** The password, or null when the seal does not open (another key, another login or deadline, tampered). */
  open(sealed: string, login: string, notAfter: Date): string | null;
}

/** The seal's IV, the worker's one-time id for it (null when malformed). */
export function sealId(sealed: string): string | null {
  const [version, iv] = sealed.split('.');
  return version === 'v1' && iv ? iv : null;
}

export function createLoginSeal(keyMaterial: string): LoginSeal {
  const key = Buffer.from(hkdfSync('sha256', keyMaterial, 'mailwarden', 'mail-login-check v1', 32));
  const aad = (login: string, notAfter: Date) => Buffer.from(`verify-login\0${login}\0${notAfter.toISOString()}`);
  return {
    seal(password, login, notAfter) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad(login, notAfter));
      const body = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },
    open(sealed, login, notAfter) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url')).setAAD(aad(login, notAfter));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
