// The optimistic update both activation mutations share (PATCH active, DELETE):
// cancel → remember this user's state → set → roll back this user on error →
// invalidate when settled.
import type { QueryClient, UseMutationOptions } from '@tanstack/react-query';
import { isApiRequestError } from './api-client';
import { findListedUser, updateCachedUser, userKeys, writeCachedUser } from './query-keys';
import type { User } from './types';

/** What onError needs to undo: the one user's `active` before the change. */
export type ActivationRollback = { id: string; active: boolean };

export type ActivationCallbacks<TData, TVariables> = {
  onSuccess?: (data: TData, variables: TVariables) => void;
  onError?: (error: Error, variables: TVariables) => void;
};

type ActivationMutation<TData, TVariables extends { user: User }> = ActivationCallbacks<TData, TVariables> & {
  mutationFn: (variables: TVariables) => Promise<TData>;
  /** The user's `active` to show while the request is in flight. */
  optimisticActive: (variables: TVariables) => boolean;
  /** Puts the server's answer into the cache. */
  applyResult: (queryClient: QueryClient, data: TData, variables: TVariables) => void;
};

/**
 * Mutation options for a change to one user's activation. The rollback touches
 * only the target user, and only the field the optimistic update set: a
 * snapshot of every cached list would also undo other rows' changes that
 * succeeded in the meantime. Callbacks are passed in, not given to mutate(),
 * so they still run if the row that started the change has left the screen.
 */
export function activationMutationOptions<TData, TVariables extends { user: User }>(
  queryClient: QueryClient,
  { mutationFn, optimisticActive, applyResult, onSuccess, onError }: ActivationMutation<TData, TVariables>,
): UseMutationOptions<TData, Error, TVariables, ActivationRollback> {
  return {
    mutationFn,
    onMutate: async (variables) => {
      const { id } = variables.user;
      await queryClient.cancelQueries({ queryKey: userKeys.all });
      const previous = queryClient.getQueryData<User>(userKeys.detail(id)) ?? findListedUser(queryClient, id) ?? variables.user;
      const active = optimisticActive(variables);
      updateCachedUser(queryClient, id, (u) => ({ ...u, active }));
      return { id, active: previous.active };
    },
    onError: (error, variables, rollback) => {
      if (rollback) updateCachedUser(queryClient, rollback.id, (u) => ({ ...u, active: rollback.active }));
      // A 412 carries the user as it is now: show that instead of the stale copy.
      if (isApiRequestError(error) && error.current) writeCachedUser(queryClient, error.current);
      onError?.(error, variables);
    },
    onSuccess: (data, variables) => {
      applyResult(queryClient, data, variables);
      onSuccess?.(data, variables);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  };
}
