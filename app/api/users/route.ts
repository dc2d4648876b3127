import { apiDeps } from '@/lib/api/deps';
import { createUserRoutes } from '@/lib/api/users';

const routes = createUserRoutes(apiDeps);

export const GET = routes.list;
