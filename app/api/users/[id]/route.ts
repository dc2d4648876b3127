import { apiDeps } from '@/lib/server/api/deps';
import { createUserRoutes } from '@/lib/server/api/users';

const routes = createUserRoutes(apiDeps);

export const GET = routes.get;
export const PATCH = routes.patch;
export const DELETE = routes.remove;
