import { apiDeps } from '@/lib/server/api/deps';
import { createOverviewRoute } from '@/lib/server/api/overview';

export const GET = createOverviewRoute(apiDeps);
