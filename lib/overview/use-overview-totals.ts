import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-request';
import type { UserCounts } from '@/lib/users/types';

// Under ['users'], so every activation's invalidation of the users' keys refetches the totals too.
const overviewTotalsQuery = queryOptions({
  queryKey: ['users', 'counts', { q: '' }] as const,
  queryFn: ({ signal }) => apiRequest<UserCounts>('/api/users/counts', { signal }),
});

/** All, active and inactive users from the provider (GET /api/users/counts without a search). */
export function useOverviewTotals() {
  return useQuery(overviewTotalsQuery);
}
