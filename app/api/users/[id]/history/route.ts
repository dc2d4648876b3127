import { apiDeps } from '@/lib/api/deps';
import { createHistoryRoutes } from '@/lib/api/history';

const routes = createHistoryRoutes(apiDeps);

export const GET = routes.get;
