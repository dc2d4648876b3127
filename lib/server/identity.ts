import 'server-only';
// Who the identity provider says the admin is, from its claims (ID token or
// userinfo), in one place: at sign-in (lib/server/auth.ts) and at every token
// refresh (lib/server/session.ts), so a role removed at the provider is lost
// at the next refresh. See docs/decisions/0012-role-mapping.md and 0042-session-end.md.

import { roleFromGroups, type Role } from '@/lib/authz';
import { env } from '@/lib/server/env';

export type Claims = Record<string, unknown> & { sub?: string; name?: string; email?: string; preferred_username?: string };

export type Identity = { role: Role; name: string | null; email: string | null };

const roleGroups = { admin: env.ROLE_ADMIN_GROUPS, helpdesk: env.ROLE_HELPDESK_GROUPS, auditor: env.ROLE_AUDITOR_GROUPS };

/** The claims the console needs; when one is missing from the ID token, userinfo is asked. */
export const WANTED_CLAIMS = ['name', 'email', env.ROLES_CLAIM];

/**
 * An email is kept only when the provider vouches for it: where it sends
 * `email_verified`, only `true` counts (an unverified address could be anyone's,
 * and the audit filters on it). Without an email the console shows the subject.
 */
export function verifiedEmail(claims: Claims): string | null {
  if (typeof claims.email !== 'string' || claims.email === '') return null;
  if (!('email_verified' in claims)) return claims.email;
  return claims.email_verified === true || claims.email_verified === 'true' ? claims.email : null;
}

export function identityFromClaims(claims: Claims): Identity {
  const name =
    typeof claims.name === 'string' ? claims.name : typeof claims.preferred_username === 'string' ? claims.preferred_username : null;
  return { role: roleFromGroups(claims[env.ROLES_CLAIM], roleGroups), name, email: verifiedEmail(claims) };
}
