// Who may do what. Pure and client-safe: route handlers enforce it, the UI asks
// the same table to decide which buttons to show.

export const ROLES = ['admin', 'helpdesk', 'auditor', 'none'] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  'users:list',
  'users:read',
  'users:deactivate',
  'users:delete',
  'users:reactivate',
  'audit:read',
  'audit:export',
  'history:read',
  // Bulk jobs (docs/decisions/0070-durable-jobs.md): start, cancel and retry a job of that action; revert any job.
  'jobs:read',
  'jobs:deactivate',
  'jobs:reactivate',
  'jobs:revert',
  // Scheduled changes and expiries (docs/decisions/0110-scheduled-changes-are-jobs.md): see them; schedule,
  // cancel, and make a time-boxed reactivation permanent.
  'schedule:read',
  'schedule:manage',
] as const;
export type Action = (typeof ACTIONS)[number];

const PERMISSIONS: Record<Role, ReadonlySet<Action>> = {
  admin: new Set(ACTIONS),
  helpdesk: new Set<Action>([
    'users:list',
    'users:read',
    'users:reactivate',
    'history:read',
    'jobs:read',
    'jobs:reactivate',
    'schedule:read',
  ]),
  auditor: new Set<Action>(['users:list', 'users:read', 'audit:read', 'audit:export', 'history:read', 'jobs:read', 'schedule:read']),
  none: new Set<Action>(),
};

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[role]?.has(action) ?? false;
}

export type RoleGroups = { admin: readonly string[]; helpdesk: readonly string[]; auditor: readonly string[] };

/**
 * Maps the groups claim to one role. A person in several groups gets the most
 * powerful one: admin, then auditor, then helpdesk (auditor ranks above
 * helpdesk because it sees more, the audit log, while helpdesk's one write,
 * reactivate, is also an admin's). See docs/decisions/0012-role-mapping.md.
 */
export function roleFromGroups(claim: unknown, groups: RoleGroups): Role {
  const held = new Set(normalizeGroups(claim));
  if (groups.admin.some((g) => held.has(g))) return 'admin';
  if (groups.auditor.some((g) => held.has(g))) return 'auditor';
  if (groups.helpdesk.some((g) => held.has(g))) return 'helpdesk';
  return 'none';
}

/** Providers send groups as an array, a single string, or space/comma separated text. */
function normalizeGroups(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === 'string').map((g) => g.trim());
  if (typeof claim === 'string') return claim.split(/[\s,]+/).filter(Boolean);
  return [];
}
