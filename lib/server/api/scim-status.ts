import 'server-only';
// GET /api/scim-status: is the SCIM provider answering this console, for the
// "SCIM provider unavailable" banner. Signed-in roles only (it carries the
// provider's last error); it calls nothing upstream.

import { providerHealth } from '@/lib/server/scim/provider-health';
import type { ProviderStatus } from '@/lib/users/types';
import { apiRoute, type ApiDeps } from './handler';

export function createScimStatusRoute(deps: ApiDeps, status: () => ProviderStatus = () => providerHealth.status()) {
  return apiRoute(deps, {}, async (ctx) => {
    ctx.authorize('users:list');
    return Response.json(status());
  });
}
