import { apiDeps } from '@/lib/server/api/deps';
import { createCapabilitiesRoute } from '@/lib/server/api/capabilities';
import { scheduleRouteDeps } from '@/lib/server/jobs/runtime';
import { providerInfo } from '@/lib/server/scim/provider';

export const GET = createCapabilitiesRoute(apiDeps, providerInfo, scheduleRouteDeps.policy);
