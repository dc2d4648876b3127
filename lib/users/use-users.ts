import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { userQueries } from './query-keys';
import type { UserListParams } from './types';

/** One page of users; the previous page stays on screen while the next one loads. */
export function useUsers(params: UserListParams) {
  return useQuery({ ...userQueries.list(params), placeholderData: keepPreviousData });
}
