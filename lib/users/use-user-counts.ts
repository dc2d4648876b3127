import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { userQueries } from './query-keys';

/** How many users match a search, by status; the previous totals stay while new ones load. */
export function useUserCounts(q: string) {
  return useQuery({ ...userQueries.counts(q), placeholderData: keepPreviousData });
}
