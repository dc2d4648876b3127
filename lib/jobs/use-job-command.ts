import { useMutation, useQueryClient } from '@tanstack/react-query';
import { jobCommand } from './api-client';
import { jobKeys } from './query-keys';

/** Cancel, retry or revert a job; every job query is refetched after. The browser never retries it. */
export function useJobCommand(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (command: 'cancel' | 'retry' | 'revert') => jobCommand(id, command),
    onSettled: () => queryClient.invalidateQueries({ queryKey: jobKeys.all }),
  });
}
