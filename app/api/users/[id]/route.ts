import { apiDeps } from '@/lib/api/deps';
import { createUserRoutes } from '@/lib/api/users';

const routes = createUserRoutes(apiDeps);

export const GET = routes.get;
export const PATCH = routes.patch;
export const DELETE = routes.remove;
