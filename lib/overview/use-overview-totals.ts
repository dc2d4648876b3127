import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-request';
import type { OverviewResponse } from './types';

// Under ['users'], so every activation's invalidation of the users' keys refetches the totals too.
const overviewTotalsQuery = queryOptions({
  queryKey: ['users', 'totals'] as const,
  queryFn: ({ signal }) => apiRequest<OverviewResponse>('/api/overview', { signal }).then((r) => r.totals),
});

/** Active and inactive totals from the provider (GET /api/overview). */
export function useOverviewTotals() {
  return useQuery(overviewTotalsQuery);
}
