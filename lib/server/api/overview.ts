import 'server-only';
// GET /api/overview: the totals the overview page shows, from the provider
// with count=0 queries (totalResults only, no users), using the very filters
// of the users list's Status radios so the two always agree.

import { buildUserFilter } from '@/lib/server/scim/filter';
import type { OverviewResponse } from '@/lib/overview/types';
import { apiRoute, type ApiDeps } from './handler';

export function createOverviewRoute(deps: ApiDeps) {
  return apiRoute(deps, {}, async (ctx) => {
    ctx.authorize('users:list');
    const total = (status: 'active' | 'inactive') =>
      ctx.scim.listUsers({ filter: buildUserFilter({ status }), startIndex: 1, count: 0 }).then((page) => page.totalResults);
    const [active, inactive] = await Promise.all([total('active'), total('inactive')]);
    const body: OverviewResponse = { totals: { active, inactive } };
    return Response.json(body);
  });
}
