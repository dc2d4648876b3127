import { apiDeps } from '@/lib/server/api/deps';
import { createHistoryRoutes } from '@/lib/server/api/history';
import { scheduleRouteDeps } from '@/lib/server/jobs/runtime';

const routes = createHistoryRoutes(apiDeps, async (targetId) => (await scheduleRouteDeps.jobStore()).scheduledFor(targetId));

export const GET = routes.get;
