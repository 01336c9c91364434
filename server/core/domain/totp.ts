// TOTP (RFC 6238) with the otpauth library: SHA-1, 6 digits, 30-second steps, the parameters every authenticator
// app supports. A code is accepted one step early or late (clock drift); the caller stores the accepted step so the
// same code cannot be used twice (RFC 6238 section 5.2).
import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;
const DIGITS = 6;

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

function totp(secretBase32: string, account = '') {
  return new TOTP({ issuer: 'Mailwarden', label: account, algorithm: 'SHA1', digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(secretBase32) });
}

/** The otpauth:// URI an authenticator app reads (from a QR code or pasted). */
export const totpUri = (secretBase32: string, account: string): string => totp(secretBase32, account).toString();

/** Looks like a TOTP code (rather than a recovery code). */
export const isTotpCode = (code: string): boolean => /^\d{6}$/.test(code);

/** The time step the code belongs to, or null when it matches none of now-1, now, now+1. */
export function totpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  if (!isTotpCode(code)) return null;
  const delta = totp(secretBase32).validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

/** The current code (tests and the demo compute what an authenticator app shows). */
export const totpCode = (secretBase32: string, now = Date.now()): string => totp(secretBase32).generate({ timestamp: now });
