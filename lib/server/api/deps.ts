import 'server-only';
// The production wiring of the API routes; tests pass their own ApiDeps.

import { env, reasonPolicy } from '@/lib/server/env';
import { getAuditStore } from '@/lib/server/audit/store';
import { getCapabilities, getFallbackCapabilities } from '@/lib/server/scim/capabilities';
import { providerProfile } from '@/lib/server/scim/provider';
import { scimClientFor } from '@/lib/server/scim/service-identity';
import { getRequestSession } from '@/lib/server/session';
import type { ApiDeps } from './handler';

export const apiDeps: ApiDeps = {
  getSession: (request) => getRequestSession(request),
  // The admin's own token, or in SCIM_AUTH=service the console's (docs/decisions/0050-service-identity.md).
  scimClient: scimClientFor,
  capabilities: getCapabilities,
  fallbackCapabilities: getFallbackCapabilities,
  auditStore: getAuditStore,
  consoleOrigin: new URL(env.CONSOLE_URL).origin,
  deepPagesRefusedAs: providerProfile.deepPagesRefusedAs,
  reasonPolicy: reasonPolicy(),
  protectedUsers: env.PROTECTED_USERS,
  refusalHints: providerProfile.refusalHints,
};
