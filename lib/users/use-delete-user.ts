import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deleteUser, isApiRequestError } from './api-client';
import { removeCachedUser, restoreUsers, snapshotUsers, updateCachedUser, userKeys, writeCachedUser } from './query-keys';
import type { User } from './types';

export type DeleteUserVariables = {
  user: User;
  reason?: string;
};

type Callbacks = {
  /** `result` is null when the provider removed the account. */
  onSuccess?: (result: User | null, variables: DeleteUserVariables) => void;
  onError?: (error: Error, variables: DeleteUserVariables) => void;
};

/** DELETE /api/users/:id, optimistic like useSetUserActive. */
export function useDeleteUser({ onSuccess, onError }: Callbacks = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ user, reason }: DeleteUserVariables) => deleteUser(user.id, reason ? { reason } : {}),
    onMutate: async ({ user }) => {
      await queryClient.cancelQueries({ queryKey: userKeys.all });
      const snapshot = snapshotUsers(queryClient);
      // Shown as inactive either way until the server answers; a removed row
      // leaves the list when the answer says so, so its feedback stays in place.
      updateCachedUser(queryClient, user.id, (u) => ({ ...u, active: false }));
      return { snapshot };
    },
    onError: (error, variables, context) => {
      restoreUsers(queryClient, context?.snapshot);
      // A 412 carries the user as it is now: show that instead of the stale copy.
      if (isApiRequestError(error) && error.current) writeCachedUser(queryClient, error.current);
      onError?.(error, variables);
    },
    onSuccess: (result, variables) => {
      if (result) writeCachedUser(queryClient, result);
      else removeCachedUser(queryClient, variables.user.id);
      onSuccess?.(result, variables);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
