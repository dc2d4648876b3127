import { apiDeps } from '@/lib/server/api/deps';
import { createJobRoutes } from '@/lib/server/api/jobs';
import { jobRouteDeps } from '@/lib/server/jobs/runtime';

const routes = createJobRoutes(apiDeps, jobRouteDeps);

export const GET = routes.resultsCsv;
