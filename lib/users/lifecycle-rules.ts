// What the console's own rules allow for one user, as the buttons show it; the
// server applies the same rules in the write path (lib/server/protection.ts).
import type { Role } from '@/lib/authz';
import { SECURITY_INCIDENT_CODE } from '@/lib/change-reason';
import type { DeactivationSummary, Protection } from './types';

/** Beside a Deactivate button the console will not press: why, in a few words (the button's accessible description). */
export const PROTECTION_WORDS: Record<Protection, string> = {
  self: 'Your own account',
  protected: 'Protected account',
};

/** Beside a helpdesk's Reactivate button for a Security incident deactivation. */
export const SECURITY_INCIDENT_WORDS = `${SECURITY_INCIDENT_CODE}: admins only`;

/** Only an admin may undo a deactivation whose reason code is Security incident. */
export function mayReactivate(role: Role, last: DeactivationSummary | null): boolean {
  return role === 'admin' || last?.reasonCode !== SECURITY_INCIDENT_CODE;
}
