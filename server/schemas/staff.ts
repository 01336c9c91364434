import { Type, type Static } from 'typebox';
import { DateTime, Nullable } from './common.ts';
import { ROLES } from '../domain/roles.ts';

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
});

/** Answer of "sign out everywhere": how many sessions ended. */
export const SessionsEndedSchema = Type.Object({ ended: Type.Integer({ minimum: 0 }) });
