import { useMutation, useQueryClient } from '@tanstack/react-query';
import { patchUserActive } from './api-client';
import { activationMutationOptions, type ActivationCallbacks } from './optimistic-activation';
import { writeCachedUser } from './query-keys';
import type { User } from './types';

export type SetUserActiveVariables = {
  /** The user as the admin saw it; its meta.version goes out as If-Match. */
  user: User;
  active: boolean;
  reason?: string;
};

/** PATCH /api/users/:id, optimistic (see optimistic-activation.ts). */
export function useSetUserActive(callbacks: ActivationCallbacks<User, SetUserActiveVariables> = {}) {
  const queryClient = useQueryClient();
  return useMutation(
    activationMutationOptions(queryClient, {
      mutationFn: ({ user, active, reason }: SetUserActiveVariables) =>
        patchUserActive(user.id, { active, ...(reason ? { reason } : {}) }, user.meta.version),
      optimisticActive: ({ active }) => active,
      applyResult: (client, user) => writeCachedUser(client, user),
      ...callbacks,
    }),
  );
}
