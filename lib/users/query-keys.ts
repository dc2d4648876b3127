// The one factory for the users' query keys and query options, plus the cache
// edits the mutations share (optimistic set, roll back, write the fresh user).
import { queryOptions, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { fetchAuditPage, fetchUser, fetchUserHistory, fetchUsers } from './api-client';
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

/** The audit log's filters and cursor as the URL has them (see components/audit/audit-params.ts). */
export type AuditListParams = Readonly<Record<string, string>>;

export const auditKeys = {
  all: ['audit'] as const,
  list: (params: AuditListParams) => ['audit', 'list', params] as const,
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

export const auditQueries = {
  list: (params: AuditListParams) =>
    queryOptions({
      queryKey: auditKeys.list(params),
      queryFn: ({ signal }) => fetchAuditPage(new URLSearchParams(params), signal),
      // The log only grows, and activations on other pages do not invalidate it: read it afresh on every visit.
      staleTime: 0,
    }),
};

export type UsersSnapshot = ReadonlyArray<readonly [QueryKey, unknown]>;

/** Every cached list and detail, to restore if a mutation fails. */
export function snapshotUsers(queryClient: QueryClient): UsersSnapshot {
  return queryClient.getQueriesData({ queryKey: userKeys.all });
}

export function restoreUsers(queryClient: QueryClient, snapshot: UsersSnapshot | undefined) {
  for (const [key, data] of snapshot ?? []) queryClient.setQueryData(key, data);
}

/** Applies `update` to the user wherever it is cached: each list page and its detail. */
export function updateCachedUser(queryClient: QueryClient, id: string, update: (user: User) => User) {
  queryClient.setQueriesData<UserPage>({ queryKey: userKeys.lists() }, (page) =>
    page && page.users.some((u) => u.id === id)
      ? { ...page, users: page.users.map((u) => (u.id === id ? update(u) : u)) }
      : page,
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
