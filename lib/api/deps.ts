import 'server-only';
// The production wiring of the API routes; tests pass their own ApiDeps.

import { env } from '@/lib/env';
import { getAuditStore } from '@/lib/audit/store';
import { getCapabilities, getFallbackCapabilities } from '@/lib/scim/capabilities';
import { createScimClient } from '@/lib/scim/client';
import { getRequestSession } from '@/lib/session';
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
