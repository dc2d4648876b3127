import { useMutation, useQueryClient } from '@tanstack/react-query';
import { userKeys } from '@/lib/users/query-keys';
import { scheduleKeys } from './query-keys';

/**
 * A change to the schedule (schedule, cancel, extend, make permanent): every schedule query and
 * the users' (History) are refetched after. The browser never retries it.
 */
export function useScheduleCommand<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: scheduleKeys.all }),
        queryClient.invalidateQueries({ queryKey: userKeys.all }),
      ]);
    },
  });
}
