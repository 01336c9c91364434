// Encryption of TOTP secrets at rest: AES-256-GCM with a key derived (HKDF-SHA256) from MFA_SECRET_KEY, or from
// SESSION_SECRET when that is unset. The staff id is bound in as associated data, so a secret copied onto another
// staff row does not decrypt. Stored as `v1.<iv>.<tag>.<ciphertext>` (base64url).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export interface SecretBox {
  seal(plain: string, staffId: number): string;
  /** null when the value cannot be decrypted (another key, tampered): the caller treats MFA as unusable. */
  open(sealed: string, staffId: number): string | null;
}

export function createSecretBox(keyMaterial: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', keyMaterial, 'mailwarden', 'mfa-totp-secret v1', 32));
  const aad = (staffId: number) => Buffer.from(`staff:${staffId}`);
  return {
    seal(plain, staffId) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad(staffId));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },
    open(sealed, staffId) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url')).setAAD(aad(staffId));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
