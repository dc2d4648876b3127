import { apiDeps } from '@/lib/server/api/deps';
import { createScimStatusRoute } from '@/lib/server/api/scim-status';

export const GET = createScimStatusRoute(apiDeps);
