import 'server-only';
// Accounts the console does not switch off: the signed-in admin's own, and
// PROTECTED_USERS (break-glass admins, the SCIM integration user); and the
// deactivations only an admin may undo (a Security incident). Decided in the
// one write path, so a single change, a bulk job and a scheduled change all
// meet the same rules (docs/decisions/0106-protected-accounts.md).

import { SECURITY_INCIDENT_CODE } from '@/lib/change-reason';
import { ApiFailure } from '@/lib/server/api/handler';
import type { Protection, User } from '@/lib/users/types';

export const SELF_MESSAGE = 'You cannot deactivate your own account through the console.';
export const protectedMessage = (userName: string) =>
  `${userName} is a protected account (PROTECTED_USERS): the console does not deactivate it.`;
export const SECURITY_INCIDENT_MESSAGE = `This user was deactivated for a ${SECURITY_INCIDENT_CODE}: only an admin can reactivate it.`;

/** A change the console's own rules refuse (403): a bulk job's item ends skipped with this message, not failed. */
export class PolicyRefusal extends ApiFailure {
  constructor(message: string) {
    super(403, message);
    this.name = 'PolicyRefusal';
  }
}

/** Who asks: their subject and (verified) email identify their own account. */
export type Viewer = { sub: string; email: string | null };

const lower = (s: string | null | undefined) => (s ? s.toLowerCase() : null);

/** The names a user is known by, lower-cased: userName, every email, externalId. */
function namesOf(user: User): Set<string> {
  return new Set([user.userName, user.email, ...(user.emails ?? []), user.externalId].map(lower).filter((n): n is string => n !== null));
}

/**
 * 'self' where the user is the viewer (the subject is its id or externalId, or
 * the viewer's email is its userName, an email or its externalId); 'protected'
 * where PROTECTED_USERS names its id, externalId, userName or an email; else null.
 */
export function protectionOf(user: User, viewer: Viewer, protectedUsers: readonly string[]): Protection | null {
  const names = namesOf(user);
  if (viewer.sub === user.id || viewer.sub === user.externalId || (viewer.email && names.has(viewer.email.toLowerCase()))) return 'self';
  for (const entry of protectedUsers) {
    if (entry === user.id || entry === user.externalId || names.has(entry.toLowerCase())) return 'protected';
  }
  return null;
}

/** Throws the refusal when the viewer may not deactivate this user. */
export function assertMayDeactivate(user: User, viewer: Viewer, protectedUsers: readonly string[]): void {
  const protection = protectionOf(user, viewer, protectedUsers);
  if (protection === 'self') throw new PolicyRefusal(SELF_MESSAGE);
  if (protection === 'protected') throw new PolicyRefusal(protectedMessage(user.userName));
}
