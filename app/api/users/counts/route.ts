import { apiDeps } from '@/lib/server/api/deps';
import { createUserRoutes } from '@/lib/server/api/users';

export const GET = createUserRoutes(apiDeps).counts;
