import { useQuery, useQueryClient } from '@tanstack/react-query';
import { userQueries } from './query-keys';
import { findListedUser } from './user-cache';

/** One user; the row from a cached list page shows while the full record loads. */
export function useUser(id: string) {
  const queryClient = useQueryClient();
  return useQuery({ ...userQueries.detail(id), placeholderData: () => findListedUser(queryClient, id) });
}
