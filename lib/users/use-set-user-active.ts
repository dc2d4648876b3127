import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isApiRequestError, patchUserActive } from './api-client';
import { restoreUsers, snapshotUsers, updateCachedUser, userKeys, writeCachedUser } from './query-keys';
import type { User } from './types';

export type SetUserActiveVariables = {
  user: User;
  active: boolean;
  reason?: string;
  /** Send If-Match with the version the admin saw (capabilities.etag). */
  useEtag: boolean;
};

type Callbacks = {
  onSuccess?: (user: User, variables: SetUserActiveVariables) => void;
  onError?: (error: Error, variables: SetUserActiveVariables) => void;
};

/**
 * PATCH /api/users/:id, optimistic: cancel → snapshot → set → roll back on error →
 * invalidate when settled. Callbacks are hook-level so they still run if the
 * row that started the change has left the screen.
 */
export function useSetUserActive({ onSuccess, onError }: Callbacks = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ user, active, reason, useEtag }: SetUserActiveVariables) =>
      patchUserActive(user.id, { active, ...(reason ? { reason } : {}) }, useEtag ? user.meta.version : null),
    onMutate: async ({ user, active }) => {
      await queryClient.cancelQueries({ queryKey: userKeys.all });
      const snapshot = snapshotUsers(queryClient);
      updateCachedUser(queryClient, user.id, (u) => ({ ...u, active }));
      return { snapshot };
    },
    onError: (error, variables, context) => {
      restoreUsers(queryClient, context?.snapshot);
      // A 412 carries the user as it is now: show that instead of the stale copy.
      if (isApiRequestError(error) && error.current) writeCachedUser(queryClient, error.current);
      onError?.(error, variables);
    },
    onSuccess: (user, variables) => {
      writeCachedUser(queryClient, user);
      onSuccess?.(user, variables);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
