import 'server-only';
// GET /api/capabilities: what the provider supports, for the UI's wording
// (DELETE "deactivates" or "removes") and controls. Asked with the admin's own,
// refreshed token; when the provider cannot be asked the answer is an error,
// never the fallback presented as the provider's word.

import { providerInfo } from '@/lib/server/scim/provider';
import type { ReactivationPolicy } from '@/lib/schedule/reactivation-policy';
import type { CapabilitiesResponse, ProviderCapabilities, ProviderInfo } from '@/lib/users/types';
import { apiRoute, type ApiDeps } from './handler';

export function createCapabilitiesRoute(
  deps: ApiDeps,
  provider: (caps: ProviderCapabilities) => ProviderInfo = providerInfo,
  reactivation: ReactivationPolicy = { timeBoxed: false, helpdeskMaxHours: 0 },
) {
  return apiRoute(deps, {}, async (ctx) => {
    ctx.authorize('users:list');
    const capabilities = await ctx.capabilities();
    const body: CapabilitiesResponse = { capabilities, provider: provider(capabilities), reactivation };
    return Response.json(body);
  });
}
