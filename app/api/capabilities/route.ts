import { apiDeps } from '@/lib/server/api/deps';
import { createCapabilitiesRoute } from '@/lib/server/api/capabilities';

export const GET = createCapabilitiesRoute(apiDeps);
