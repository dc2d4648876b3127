import { apiDeps } from '@/lib/server/api/deps';
import { createAuditRoutes } from '@/lib/server/api/audit';

const routes = createAuditRoutes(apiDeps);

export const GET = routes.list;
