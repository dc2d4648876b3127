// Who may reactivate for how long (docs/decisions/0111-time-boxed-reactivation.md). Plain
// TypeScript: the dialogs offer what the API accepts, from the same rules.
import type { Role } from '@/lib/authz';

/** The `For` choices, in hours (each also a label: `1 hour`, `4 hours`, …). */
export const REACTIVATION_HOURS = [1, 4, 8, 24] as const;

/** How the console records the deactivation that ends a time-boxed reactivation. */
export const EXPIRY_REASON = 'Deactivated when the reactivation expired';

export const NO_SERVICE_IDENTITY_NOTE =
  'Time-boxed reactivation and scheduled changes need the console’s own SCIM credential: set SCIM_BEARER_TOKEN, or SCIM_CLIENT_ID and SCIM_CLIENT_SECRET.';

export type ReactivationPolicy = {
  /** A service identity is configured: expiries and scheduled changes can run unattended. */
  timeBoxed: boolean;
  /** HELPDESK_MAX_REACTIVATION_HOURS; 0: helpdesk may reactivate permanently. */
  helpdeskMaxHours: number;
};

export const hoursLabel = (hours: number) => `${hours} hour${hours === 1 ? '' : 's'}`;

/** Whether this role may reactivate without an end. Without a service identity every reactivation is permanent. */
export function mayReactivatePermanently(role: Role, policy: ReactivationPolicy): boolean {
  if (!policy.timeBoxed) return true;
  return role === 'admin' || policy.helpdeskMaxHours === 0;
}

/** The longest reactivation this role may give, in hours; null for no limit. */
export function maxReactivationHours(role: Role, policy: ReactivationPolicy): number | null {
  return role === 'admin' || policy.helpdeskMaxHours === 0 ? null : policy.helpdeskMaxHours;
}

/** The `For` durations this role may choose. */
export function reactivationChoices(role: Role, policy: ReactivationPolicy): number[] {
  if (!policy.timeBoxed) return [];
  const max = maxReactivationHours(role, policy);
  return REACTIVATION_HOURS.filter((h) => max === null || h <= max);
}

/**
 * What is wrong with a reactivation's end for this role, or null. `hours` is how long it lasts
 * (null: permanently).
 */
export function reactivationProblem(role: Role, policy: ReactivationPolicy, hours: number | null): string | null {
  if (hours === null) {
    return mayReactivatePermanently(role, policy)
      ? null
      : `Helpdesk reactivations are time-boxed: choose at most ${hoursLabel(policy.helpdeskMaxHours)}.`;
  }
  if (!policy.timeBoxed) return `${NO_SERVICE_IDENTITY_NOTE}`;
  if (!(hours > 0)) return 'The reactivation must end in the future.';
  const max = maxReactivationHours(role, policy);
  if (max !== null && hours > max) return `Helpdesk may reactivate for at most ${hoursLabel(max)}.`;
  return null;
}
