// Staff MFA: enrolment (a TOTP secret shown once, confirmed with a code), the code step of a login (a TOTP code or a
// single-use recovery code), and an admin's reset. The TOTP secret is stored encrypted (lib/mfa-crypto.ts) and never
// leaves this module after enrolment; recovery codes are stored as argon2id hashes, like passwords.
// Failed codes are limited per staff member in Redis (MAX_FAILURES in WINDOW_MS, counted atomically before the check,
// so parallel guesses cannot slip past). Redis down: codes are refused with 503 (fail closed), unlike the password
// step, because this limit is what keeps a million codes from being tried.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import QRCode from 'qrcode';
import type { Db } from '../core/lib/prisma.ts';
import { hashPassword, verifyPassword } from '../core/lib/passwords.ts';
import type { SecretBox } from '../core/lib/mfa-crypto.ts';
import { isTotpCode, newTotpSecret, totpStep, totpUri } from '../core/domain/totp.ts';
import { AppError, ConflictError, DependencyDownError, InvalidInputError } from '../core/domain/errors.ts';

/** 10 failed codes per 15 minutes: ~3 of 10^6 codes are valid at a time, so a guesser needs years on average. */
export const MFA_LIMIT = { maxFailures: 10, windowMs: 15 * 60_000 };
const RECOVERY_CODE_COUNT = 10;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

export class TooManyCodesError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, `Too many wrong codes, try again in ${retryAfterSeconds} seconds`);
  }
}

// Count the attempt; refuse (returning the key's remaining ms) when the budget is already spent.
const RESERVE = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if n > tonumber(ARGV[1]) then redis.call('DECR', KEYS[1]); return redis.call('PTTL', KEYS[1]) end
return 0`;

/** Ten codes of 50 random bits, shown as xxxxx-xxxxx. */
function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...randomBytes(10)].map((b) => BASE32[b & 31]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}
const normaliseCode = (code: string) => code.replace(/[\s-]/g, '').toLowerCase();

export function createStaffMfa(prisma: Db, redis: Redis, box: SecretBox, redisPrefix: string) {
  const limitKey = (staffId: number) => `${redisPrefix}:rl:mfa:${staffId}`;

  async function reserveAttempt(staffId: number): Promise<() => Promise<void>> {
    const key = limitKey(staffId);
    let ttl: number;
    try {
      ttl = Number(await redis.eval(RESERVE, 1, key, MFA_LIMIT.maxFailures, MFA_LIMIT.windowMs));
    } catch {
      throw new DependencyDownError('Redis');
    }
    if (ttl !== 0) throw new TooManyCodesError(Math.max(1, Math.ceil(ttl / 1000)));
    // A right code gives its unit back: only wrong codes count.
    return async () => { await redis.decr(key).catch(() => undefined); };
  }

  /** A TOTP code of this secret, not used before (the accepted step is recorded atomically). */
  async function acceptTotp(staffId: number, secret: string, code: string): Promise<boolean> {
    const step = totpStep(secret, code);
    if (step === null) return false;
    const { count } = await prisma.staffUser.updateMany({
      where: { id: staffId, OR: [{ mfaLastStep: null }, { mfaLastStep: { lt: step } }] },
      data: { mfaLastStep: step },
    });
    return count === 1;
  }

  async function acceptRecoveryCode(staffId: number, code: string): Promise<boolean> {
    const candidates = await prisma.staffRecoveryCode.findMany({ where: { staffId, usedAt: null }, select: { id: true, codeHash: true } });
    for (const candidate of candidates) {
      if (!(await verifyPassword(candidate.codeHash, code))) continue;
      // Single use, also against a parallel request with the same code.
      const { count } = await prisma.staffRecoveryCode.updateMany({ where: { id: candidate.id, usedAt: null }, data: { usedAt: new Date() } });
      return count === 1;
    }
    return false;
  }

  async function replaceRecoveryCodes(staffId: number): Promise<string[]> {
    const codes = newRecoveryCodes();
    const hashes = await Promise.all(codes.map((c) => hashPassword(normaliseCode(c))));
    await prisma.$transaction([
      prisma.staffRecoveryCode.deleteMany({ where: { staffId } }),
      prisma.staffRecoveryCode.createMany({ data: hashes.map((codeHash) => ({ staffId, codeHash })) }),
    ]);
    return codes;
  }

  return {
    /** A new secret for this staff member, kept (encrypted) as pending until confirmEnrolment. */
    async startEnrolment(staff: { id: number; email: string }) {
      const user = await prisma.staffUser.findUniqueOrThrow({ where: { id: staff.id }, select: { mfaSecret: true } });
      if (user.mfaSecret) throw new ConflictError('MFA is already set up for this account (an admin can reset it)');
      const secret = newTotpSecret();
      await prisma.staffUser.update({ where: { id: staff.id }, data: { mfaPendingSecret: box.seal(secret, staff.id) } });
      const otpauthUri = totpUri(secret, staff.email);
      const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return { secret, otpauthUri, qrCodeDataUrl: `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}` };
    },

    /** The first code proves the app holds the secret: MFA is on, and the recovery codes are returned (once). */
    async confirmEnrolment(staffId: number, code: string): Promise<string[]> {
      const user = await prisma.staffUser.findUniqueOrThrow({ where: { id: staffId }, select: { mfaSecret: true, mfaPendingSecret: true } });
      if (user.mfaSecret) throw new ConflictError('MFA is already set up for this account');
      const secret = user.mfaPendingSecret ? box.open(user.mfaPendingSecret, staffId) : null;
      if (!secret) throw new ConflictError('No enrolment in progress: start one first');
      const refund = await reserveAttempt(staffId);
      if (!(await acceptTotp(staffId, secret, normaliseCode(code)))) throw new InvalidInputError('body.code', 'is not the current code of the authenticator app');
      await refund();
      const { count } = await prisma.staffUser.updateMany({
        where: { id: staffId, mfaSecret: null },
        data: { mfaSecret: user.mfaPendingSecret, mfaPendingSecret: null, mfaEnabledAt: new Date() },
      });
      if (count !== 1) throw new ConflictError('MFA is already set up for this account');
      return replaceRecoveryCodes(staffId);
    },

    /** The code step of a login: a TOTP code or an unused recovery code. Throws TooManyCodesError past the limit. */
    async verify(staffId: number, code: string): Promise<{ ok: boolean; recoveryCodeUsed: boolean }> {
      const user = await prisma.staffUser.findUnique({ where: { id: staffId }, select: { mfaSecret: true } });
      const secret = user?.mfaSecret ? box.open(user.mfaSecret, staffId) : null;
      if (!secret) return { ok: false, recoveryCodeUsed: false };
      const refund = await reserveAttempt(staffId);
      const given = normaliseCode(code);
      const recovery = !isTotpCode(given);
      const ok = recovery ? await acceptRecoveryCode(staffId, given) : await acceptTotp(staffId, secret, given);
      if (ok) await refund();
      return { ok, recoveryCodeUsed: ok && recovery };
    },

    async recoveryCodesLeft(staffId: number): Promise<number> {
      return prisma.staffRecoveryCode.count({ where: { staffId, usedAt: null } });
    },

    /** New recovery codes (the old ones stop working), after a current TOTP code. */
    async regenerateRecoveryCodes(staffId: number, code: string): Promise<string[]> {
      const user = await prisma.staffUser.findUniqueOrThrow({ where: { id: staffId }, select: { mfaSecret: true } });
      const secret = user.mfaSecret ? box.open(user.mfaSecret, staffId) : null;
      if (!secret) throw new ConflictError('MFA is not set up for this account');
      const refund = await reserveAttempt(staffId);
      if (!(await acceptTotp(staffId, secret, normaliseCode(code)))) throw new InvalidInputError('body.code', 'is not the current code of the authenticator app');
      await refund();
      return replaceRecoveryCodes(staffId);
    },

    /** Admin reset: MFA off, recovery codes gone. Returns whether MFA was set up. */
    async reset(staffId: number): Promise<boolean> {
      const [user] = await prisma.$transaction([
        prisma.staffUser.findUniqueOrThrow({ where: { id: staffId }, select: { mfaSecret: true } }),
        prisma.staffUser.update({ where: { id: staffId }, data: { mfaSecret: null, mfaPendingSecret: null, mfaEnabledAt: null, mfaLastStep: null } }),
        prisma.staffRecoveryCode.deleteMany({ where: { staffId } }),
      ]);
      await redis.del(limitKey(staffId)).catch(() => undefined);
      return user.mfaSecret !== null;
    },
  };
}

export type StaffMfa = ReturnType<typeof createStaffMfa>;
