// Who may do what. Routes declare the roles they admit; this file names the groups once.
export const ROLES = ['admin', 'ops', 'helpdesk'] as const;
export type Role = (typeof ROLES)[number];

export const ANY_STAFF: readonly Role[] = ROLES;
/** Jobs, policies, settings. */
export const OPS: readonly Role[] = ['admin', 'ops'];
/** Staff management and everything else. */
export const ADMIN: readonly Role[] = ['admin'];

/** The roles the MFA_REQUIRED_ROLES setting names (validated by the config schema; `none` names none). */
export function mfaRequiredRoles(setting: string): Role[] {
  return setting.split(',').map((r) => r.trim()).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
}

/** A route's access rule: public, or the roles it admits. Every /api route must declare one. */
export type AccessRule =
  | { public: true }
  | {
      roles: readonly Role[];
      /** Open to a staff member whose role requires MFA but who has not enrolled yet (the enrolment itself, me, logout). */
      beforeMfaEnrolment?: true;
    };
