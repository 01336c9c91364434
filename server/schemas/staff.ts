import { Type, type Static } from 'typebox';
import { DateTime, Nullable } from './common.ts';
import { ROLES } from '../core/domain/roles.ts';

const Role = Type.Enum([...ROLES]);
const Email = Type.String({ format: 'email', maxLength: 254 });
// NIST SP 800-63B: length matters more than composition rules.
const Password = Type.String({ minLength: 12, maxLength: 200 });

export const StaffSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: Role,
  active: Type.Boolean(),
  lastLoginAt: Nullable(DateTime),
  createdAt: DateTime,
  mfaEnabledAt: Nullable(DateTime),
  canViewMessageMetadata: Type.Boolean({ description: 'Granted: may read message subjects, senders and Message-IDs (admins may regardless)' }),
});

export const StaffCreateSchema = Type.Object(
  { email: Email, name: Type.String({ minLength: 1, maxLength: 200 }), role: Role, password: Password },
  { additionalProperties: false },
);
export type StaffCreate = Static<typeof StaffCreateSchema>;

export const StaffUpdateSchema = Type.Object(
  {
    // react-admin sends the whole record back on save; read-only fields are accepted and ignored.
    id: Type.Optional(Type.Integer()),
    email: Type.Optional(Type.String()),
    lastLoginAt: Type.Optional(Nullable(Type.String())),
    createdAt: Type.Optional(Type.String()),
    mfaEnabledAt: Type.Optional(Nullable(Type.String())),
    canViewMessageMetadata: Type.Optional(Type.Boolean()),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: Type.Optional(Role),
    active: Type.Optional(Type.Boolean()),
    password: Type.Optional(Password),
  },
  { additionalProperties: false },
);
export type StaffUpdate = Static<typeof StaffUpdateSchema>;

export const LoginSchema = Type.Object(
  { email: Type.String({ minLength: 3, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const MeSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: Role,
  csrfToken: Type.String(),
  mfaEnabled: Type.Boolean(),
  mfaEnrolmentRequired: Type.Boolean({ description: 'The role requires MFA and it is not set up: nothing but enrolment is open' }),
  canViewMessageMetadata: Type.Boolean({ description: 'May read message subjects, senders and Message-IDs (expiry previews, expired messages)' }),
});

/** Password accepted for an account with MFA: the code step (POST /api/auth/mfa/verify) comes next. Nothing about the account yet. */
export const MfaChallengeSchema = Type.Object({ mfaRequired: Type.Literal(true) });

const Code = Type.String({ minLength: 6, maxLength: 32, description: 'A 6-digit TOTP code, or a recovery code (xxxxx-xxxxx)' });
export const MfaCodeSchema = Type.Object({ code: Code }, { additionalProperties: false });

export const MfaEnrolmentSchema = Type.Object({
  secret: Type.String({ description: 'Base32 TOTP secret, shown only during enrolment' }),
  otpauthUri: Type.String(),
  qrCodeDataUrl: Type.String({ description: 'The otpauth URI as a QR code (SVG data URL)' }),
});

export const RecoveryCodesSchema = Type.Object({
  recoveryCodes: Type.Array(Type.String(), { description: 'Single-use codes for when the authenticator app is lost; shown only now' }),
});

export const MfaStatusSchema = Type.Object({
  enabled: Type.Boolean(),
  enrolmentRequired: Type.Boolean(),
  recoveryCodesLeft: Type.Integer({ minimum: 0 }),
});

/** Answer of "sign out everywhere": how many sessions ended. */
export const SessionsEndedSchema = Type.Object({ ended: Type.Integer({ minimum: 0 }) });
