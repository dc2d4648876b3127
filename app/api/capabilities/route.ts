import { apiDeps } from '@/lib/api/deps';
import { createCapabilitiesRoute } from '@/lib/api/capabilities';

export const GET = createCapabilitiesRoute(apiDeps);
