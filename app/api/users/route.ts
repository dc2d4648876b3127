import { apiDeps } from '@/lib/server/api/deps';
import { createUserRoutes } from '@/lib/server/api/users';

const routes = createUserRoutes(apiDeps);

export const GET = routes.list;
