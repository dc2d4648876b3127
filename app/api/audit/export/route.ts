import { apiDeps } from '@/lib/api/deps';
import { createAuditRoutes } from '@/lib/api/audit';

const routes = createAuditRoutes(apiDeps);

export const GET = routes.export;
