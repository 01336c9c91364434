// Staff password hashing: argon2id with the library's defaults (OWASP's recommended parameters).
import { hash, verify } from '@node-rs/argon2';

export const hashPassword = (password: string) => hash(password);

// Verifying against a fixed hash when the user does not exist keeps response times equal,
// so login timing does not reveal which staff emails exist.
const DUMMY = hash('mailwarden-timing-equaliser');

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash ?? (await DUMMY), password) && passwordHash !== null;
  } catch {
    return false;
  }
}
