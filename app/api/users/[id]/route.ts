import { apiDeps } from '@/lib/server/api/deps';
import { createUserRoutes } from '@/lib/server/api/users';
import { scheduleRouteDeps } from '@/lib/server/jobs/runtime';

const routes = createUserRoutes(apiDeps, scheduleRouteDeps);

export const GET = routes.get;
export const PATCH = routes.patch;
export const DELETE = routes.remove;
