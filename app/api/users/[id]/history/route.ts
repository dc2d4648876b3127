import { apiDeps } from '@/lib/server/api/deps';
import { createHistoryRoutes } from '@/lib/server/api/history';

const routes = createHistoryRoutes(apiDeps);

export const GET = routes.get;
