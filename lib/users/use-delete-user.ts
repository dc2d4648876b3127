import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deleteUser } from './api-client';
import { activationMutationOptions, type ActivationCallbacks } from './optimistic-activation';
import { removeCachedUser, writeCachedUser } from './query-keys';
import type { User } from './types';

export type DeleteUserVariables = {
  /** The user as the admin saw it; its meta.version goes out as If-Match. */
  user: User;
  reason?: string;
};

/**
 * DELETE /api/users/:id, optimistic like useSetUserActive. `result` is null when
 * the provider removed the account.
 */
export function useDeleteUser(callbacks: ActivationCallbacks<User | null, DeleteUserVariables> = {}) {
  const queryClient = useQueryClient();
  return useMutation(
    activationMutationOptions(queryClient, {
      mutationFn: ({ user, reason }: DeleteUserVariables) => deleteUser(user.id, reason ? { reason } : {}, user.meta.version),
      // Shown as inactive either way until the server answers; a removed row
      // leaves the list when the answer says so, so its feedback stays in place.
      optimisticActive: () => false,
      applyResult: (client, result, { user }) => {
        if (result) writeCachedUser(client, result);
        else removeCachedUser(client, user.id);
      },
      ...callbacks,
    }),
  );
}
