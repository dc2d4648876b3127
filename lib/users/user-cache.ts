// Edits of the cached users that every activation change shares (one user's
// button, and bulk jobs): set a user wherever it is cached, drop a removed one,
// and find a listed copy.
import type { QueryClient } from '@tanstack/react-query';
import { userKeys } from './query-keys';
import type { User, UserPage } from './types';

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
