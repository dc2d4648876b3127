import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { userKeys, userQueries } from './query-keys';

/**
 * A user's History. The server records a change made outside the console when
 * GET /api/users/:id reads it, so History waits for the detail query and is read
 * again each time the detail has fetched (`detailUpdatedAt`, the detail query's
 * dataUpdatedAt; 0 while only a placeholder shows). Activation mutations
 * invalidate userKeys.all, which includes this key, when they settle.
 */
export function useUserHistory(id: string, detailUpdatedAt: number) {
  const queryClient = useQueryClient();
  const seen = useRef(detailUpdatedAt);

  useEffect(() => {
    const previous = seen.current;
    seen.current = detailUpdatedAt;
    // The first fetch starts by itself when the query becomes enabled; later detail reads refresh it.
    if (previous > 0 && detailUpdatedAt > previous) {
      void queryClient.invalidateQueries({ queryKey: userKeys.history(id), exact: true });
    }
  }, [queryClient, id, detailUpdatedAt]);

  return useQuery({ ...userQueries.history(id), enabled: detailUpdatedAt > 0 });
}
