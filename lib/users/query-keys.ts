// The one factory for the users' query keys and query options (and the
// provider's capabilities, which the users screens depend on), plus the cache
// edits the mutations share (optimistic set, roll back, write the fresh user).
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { fetchCapabilities, fetchUser, fetchUserHistory, fetchUsers } from './api-client';
import type { User, UserListParams, UserPage } from './types';

export const userKeys = {
  all: ['users'] as const,
  lists: () => ['users', 'list'] as const,
  list: (params: UserListParams) => ['users', 'list', params] as const,
  details: () => ['users', 'detail'] as const,
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

/** Applies `update` to the user wherever it is cached: each list page and its detail. */
export function updateCachedUser(queryClient: QueryClient, id: string, update: (user: User) => User) {
  queryClient.setQueriesData<UserPage>({ queryKey: userKeys.lists() }, (page) =>
    page && page.users.some((u) => u.id === id) ? { ...page, users: page.users.map((u) => (u.id === id ? update(u) : u)) } : page,
  );
  queryClient.setQueryData<User>(userKeys.detail(id), (user) => (user ? update(user) : user));
}

/** Puts the server's copy of a user into every cache entry that holds it. */
export function writeCachedUser(queryClient: QueryClient, user: User) {
  updateCachedUser(queryClient, user.id, () => user);
  queryClient.setQueryData(userKeys.detail(user.id), user);
}

/** Drops a removed user from the cached list pages. */
export function removeCachedUser(queryClient: QueryClient, id: string) {
  queryClient.setQueriesData<UserPage>({ queryKey: userKeys.lists() }, (page) =>
    page && page.users.some((u) => u.id === id)
      ? { ...page, users: page.users.filter((u) => u.id !== id), totalResults: Math.max(0, page.totalResults - 1) }
      : page,
  );
}

/** The user as some cached list page has it, to show while its detail loads. */
export function findListedUser(queryClient: QueryClient, id: string): User | undefined {
  for (const [, page] of queryClient.getQueriesData<UserPage>({ queryKey: userKeys.lists() })) {
    const user = page?.users.find((u) => u.id === id);
    if (user) return user;
  }
  return undefined;
}
