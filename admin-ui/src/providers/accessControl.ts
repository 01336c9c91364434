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
  // Not a resource: the Jobs page (queues, failed jobs, schedules) and its menu entry.
  jobs: ['admin', 'ops'],
  // Not a resource: the Directory page (source, runs and their diffs, preview, apply).
  directory: ['admin', 'ops'],
};

const MANAGERS: readonly Role[] = ['admin', 'ops'];
const NOBODY: readonly Role[] = [];

/**
 * Actions (react-admin's list/show/create/edit/delete, or our own names) only some roles may take on a resource
 * they can open. An action not listed is allowed to every role that can open the resource.
 */
const ACTION_ROLES: Record<string, Partial<Record<string, readonly Role[]>>> = {
  plans: { create: MANAGERS, edit: MANAGERS, delete: MANAGERS, 'retention-policy': MANAGERS },
  // Help desk registers one mailbox at a time and edits mailboxes (plan, override, alternate address, status) but does
  // not import them. Retention is ops' business: help desk sees the policy in force, holds and previews, but does not change them.
  mailboxes: {
    import: MANAGERS,
    'scan-all': MANAGERS,
    delete: NOBODY,
    'retention-policy': MANAGERS,
    'legal-hold': MANAGERS,
    expire: MANAGERS,
  },
  'retention-policies': { create: MANAGERS, edit: MANAGERS, delete: MANAGERS, preview: MANAGERS },
  'legal-holds': { create: MANAGERS, edit: NOBODY, delete: MANAGERS },
  // Expiry history is a record: nobody edits it from the console.
  'expiry-runs': { create: NOBODY, edit: NOBODY, delete: NOBODY },
  'expiry-mailbox-runs': { create: NOBODY, edit: NOBODY, delete: NOBODY },
  'expired-messages': { create: NOBODY, edit: NOBODY, delete: NOBODY },
  // Every role may resend a notice (help desk answers "I never got the warning"); the history itself is a record.
  notifications: { create: NOBODY, edit: NOBODY, delete: NOBODY, resend: ROLES },
  'guidance-articles': { create: MANAGERS, edit: MANAGERS, delete: MANAGERS },
  // Every role reads templates and previews a draft; admin and ops save or reset them (#19).
  'notice-templates': { create: NOBODY, edit: MANAGERS, delete: NOBODY },
  // Not a resource: the settings page (a custom route) asks for this to decide whether its form is editable.
  'mail-settings': { edit: MANAGERS },
};

export function roleCanAccess(role: Role, resource: string, action?: string): boolean {
  const allowed = RESOURCE_ROLES[resource];
  if (allowed !== undefined && !allowed.includes(role)) return false;
  const allowedForAction = action === undefined ? undefined : ACTION_ROLES[resource]?.[action];
  return allowedForAction === undefined || allowedForAction.includes(role);
}
