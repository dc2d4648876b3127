// The one mutation that changes a user's activation: PATCH active=true/false,
// or DELETE. Optimistic, as TanStack Query's optimistic-updates example:
// cancel → remember this user's state → set → roll back this user on error →
// write the answer → invalidate, without waiting for the refetch.
import { useMutation, useQueryClient, type QueryClient, type UseMutationOptions } from '@tanstack/react-query';
import { isApiRequestError } from '@/lib/api-request';
import type { ActivationMethod } from '@/lib/audit-vocabulary';
import { deleteUser, patchUserActive, type ActivationResponse } from './api-client';
import { userKeys } from './query-keys';
import type { ChangeReasonBody, User } from './types';
import { findListedUser, removeCachedUser, updateCachedUser, writeCachedUser } from './user-cache';

export type ChangeActivationVariables = {
  /** The user as the admin saw it; its meta.version goes out as If-Match. */
  user: User;
  method: ActivationMethod;
  /** The state asked for; DELETE always asks for inactive. */
  active: boolean;
  /** A time-boxed reactivation: hours from now, or until an instant (docs/decisions/0111-time-boxed-reactivation.md). */
  hours?: number;
  until?: string;
} & ChangeReasonBody;

/** The user after the change (null: the provider removed the account, DELETE on an RFC server) and its audit record. */
export type ChangeActivationResult = ActivationResponse;

export type ChangeActivationCallbacks = {
  onSuccess?: (result: ChangeActivationResult, variables: ChangeActivationVariables) => void;
  onError?: (error: Error, variables: ChangeActivationVariables) => void;
};

/** What onError needs to undo: the one user's `active` before the change. */
type Rollback = { id: string; active: boolean };

function send({
  user,
  method,
  active,
  reasonCode,
  reason,
  ticket,
  hours,
  until,
}: ChangeActivationVariables): Promise<ChangeActivationResult> {
  // Undefined fields are left out of the JSON body.
  const note: ChangeReasonBody = { reasonCode, reason, ticket };
  return method === 'DELETE'
    ? deleteUser(user.id, note, user.meta.version)
    : patchUserActive(user.id, { active, ...note, hours, until }, user.meta.version);
}

/**
 * The mutation's options. The rollback touches only the target user, and only
 * `active`: a snapshot of every cached list would also undo other rows' changes
 * that succeeded meanwhile. Callbacks are passed here, not to mutate(), so they
 * still run when the row that started the change has left the screen.
 */
export function changeActivationOptions(
  queryClient: QueryClient,
  callbacks: ChangeActivationCallbacks = {},
): UseMutationOptions<ChangeActivationResult, Error, ChangeActivationVariables, Rollback> {
  return {
    mutationFn: send,
    onMutate: async ({ user, method, active }) => {
      await queryClient.cancelQueries({ queryKey: userKeys.all });
      const previous = queryClient.getQueryData<User>(userKeys.detail(user.id)) ?? findListedUser(queryClient, user.id) ?? user;
      // A removed row stays, shown inactive, until the answer says it is gone.
      const shown = method === 'DELETE' ? false : active;
      updateCachedUser(queryClient, user.id, (u) => ({ ...u, active: shown }));
      return { id: user.id, active: previous.active };
    },
    onError: (error, variables, rollback) => {
      if (rollback) updateCachedUser(queryClient, rollback.id, (u) => ({ ...u, active: rollback.active }));
      // A 412 carries the user as it is now: show that instead of the stale copy.
      if (isApiRequestError(error) && error.current) writeCachedUser(queryClient, error.current);
      callbacks.onError?.(error, variables);
    },
    onSuccess: (result, variables) => {
      if (result.user) writeCachedUser(queryClient, result.user);
      else removeCachedUser(queryClient, variables.user.id);
      callbacks.onSuccess?.(result, variables);
    },
    // Not awaited: the answer is already in the cache, so the row is usable again at once;
    // the refetch (lists, counts, history) lands when it lands (README "Speed").
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: userKeys.all });
    },
  };
}

export function useChangeActivation(callbacks: ChangeActivationCallbacks = {}) {
  const queryClient = useQueryClient();
  return useMutation(changeActivationOptions(queryClient, callbacks));
}
