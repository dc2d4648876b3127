import 'server-only';
// Where a session's SCIM calls go: SCIM_BASE_URL, or with AUTH_PROVIDER=salesforce and
// no SCIM_BASE_URL the base its sign-in learned from Salesforce's `instance_url`
// (docs/decisions/0055-salesforce-instance-url.md). Kept in the encrypted session
// cookie, read only here; never sent to the browser.

import { env } from '@/lib/server/env';
import { ScimError } from './errors';
import { scimUrlProblem } from './url-safety';

const production = env.NODE_ENV === 'production';
/** The last instance base a session used in this process: what GET /api/health probes. */
let lastSessionBase: string | null = null;

/** The base for a session (`scimBaseUrl` from its sign-in), or null when it has none it may use. */
export function scimBaseOf(session: { scimBaseUrl?: unknown }): string | null {
  if (!env.SCIM_BASE_FROM_INSTANCE_URL) return env.SCIM_BASE_URL;
  const base = session.scimBaseUrl;
  // Checked again on every use: the cookie is encrypted, but a rule tightened since sign-in still holds.
  return typeof base === 'string' && scimUrlProblem(base, production) === null ? base : null;
}

/** scimBaseOf, or a 401 that sends the admin to sign in (a session from before AUTH_PROVIDER=salesforce). */
export function requireScimBase(session: { scimBaseUrl?: unknown }): string {
  const base = scimBaseOf(session);
  if (base === null) {
    throw new ScimError({ status: 401, kind: 'session', detail: 'This session does not know your Salesforce instance. Sign in again.' });
  }
  if (env.SCIM_BASE_FROM_INSTANCE_URL) lastSessionBase = base;
  return base;
}

/** What the unauthenticated health check probes: SCIM_BASE_URL, or the last instance a session used (null: none yet). */
export function healthProbeBase(): string | null {
  return env.SCIM_BASE_FROM_INSTANCE_URL ? lastSessionBase : env.SCIM_BASE_URL;
}
