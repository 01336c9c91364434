/** Staff roles, as the server's StaffRole enum defines them. */
export const ROLES = ['admin', 'ops', 'helpdesk'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_CHOICES: { id: Role; name: string }[] = [
  { id: 'admin', name: 'Admin' },
  { id: 'ops', name: 'Ops' },
  { id: 'helpdesk', name: 'Helpdesk' },
];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Resources only some roles may open. A resource not listed here is open to every signed-in role.
 * This only shapes the console (menu, routes, buttons); the server enforces every rule itself.
 */
const RESOURCE_ROLES: Record<string, readonly Role[]> = {
  staff: ['admin'],
};

export function roleCanAccess(role: Role, resource: string): boolean {
  const allowed = RESOURCE_ROLES[resource];
  return allowed === undefined || allowed.includes(role);
}
