import 'server-only';
// The production wiring of the API routes; tests pass their own ApiDeps.

import { env } from '@/lib/server/env';
import { getAuditStore } from '@/lib/server/audit/store';
import { getCapabilities, getFallbackCapabilities } from '@/lib/server/scim/capabilities';
import { createScimClient } from '@/lib/server/scim/client';
import { getRequestSession } from '@/lib/server/session';
import type { ApiDeps } from './handler';

export const apiDeps: ApiDeps = {
  getSession: (request) => getRequestSession(request),
  scimClient: ({ accessToken, requestId }) =>
    createScimClient({ baseUrl: env.SCIM_BASE_URL, accessToken, requestId, timeoutMs: env.SCIM_TIMEOUT_MS }),
  capabilities: getCapabilities,
  fallbackCapabilities: getFallbackCapabilities,
  auditStore: getAuditStore,
  consoleOrigin: new URL(env.CONSOLE_URL).origin,
};
