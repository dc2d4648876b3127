import { apiDeps } from '@/lib/server/api/deps';
import { createScheduleRoutes } from '@/lib/server/api/schedule';
import { scheduleRouteDeps } from '@/lib/server/jobs/runtime';

const routes = createScheduleRoutes(apiDeps, scheduleRouteDeps);

export const PATCH = routes.extend;
export const DELETE = routes.makePermanent;
