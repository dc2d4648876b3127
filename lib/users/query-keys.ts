// The one factory for the users' query keys and query options (and the
// provider's capabilities, which the users screens depend on). The cache edits
// the mutations share are in ./user-cache.ts.
import { queryOptions } from '@tanstack/react-query';
import { fetchCapabilities, fetchUser, fetchUserCounts, fetchUserHistory, fetchUsers } from './api-client';
import type { UserListParams } from './types';

export const userKeys = {
  all: ['users'] as const,
  lists: () => ['users', 'list'] as const,
  list: (params: UserListParams) => ['users', 'list', params] as const,
  // Under ['users'], so a change refreshes the totals too.
  counts: (q: string) => ['users', 'counts', q] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
  // Under ['users'], so every activation's invalidation of userKeys.all refetches it too.
  history: (id: string) => ['users', 'history', id] as const,
};

const capabilitiesKeys = {
  all: ['capabilities'] as const,
};

export const userQueries = {
  list: (params: UserListParams) =>
    queryOptions({
      queryKey: userKeys.list(params),
      queryFn: ({ signal }) => fetchUsers(params, signal),
    }),
  counts: (q: string) =>
    queryOptions({
      queryKey: userKeys.counts(q),
      queryFn: ({ signal }) => fetchUserCounts(q, signal),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: userKeys.detail(id),
      queryFn: ({ signal }) => fetchUser(id, signal),
    }),
  history: (id: string) =>
    queryOptions({
      queryKey: userKeys.history(id),
      queryFn: ({ signal }) => fetchUserHistory(id, signal),
    }),
};

/** What the provider supports. It changes rarely; the server caches it for minutes too. */
export const capabilitiesQuery = queryOptions({
  queryKey: capabilitiesKeys.all,
  queryFn: ({ signal }) => fetchCapabilities(signal),
  staleTime: 5 * 60_000,
});
