import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { can, type Role } from '@/lib/authz';
import { isApiRequestError } from '@/lib/users/api-client';
import type { User } from '@/lib/users/types';
import { useDeleteUser } from '@/lib/users/use-delete-user';
import { useSetUserActive } from '@/lib/users/use-set-user-active';
import type { Outcome } from './action-feedback';
import { ConfirmActivationDialog, type ActivationChoice, type ActivationMode } from './confirm-activation-dialog';

type ActivationControlProps = {
  user: User;
  role: Role;
  scimHost: string;
  onOutcome: (outcome: Outcome | null) => void;
  size?: 'sm' | 'md';
};

const stateWords = (user: User) => `${user.active ? 'Active' : 'Inactive'}${user.meta.version ? ` (version ${user.meta.version})` : ''}`;

/**
 * A 412: the user changed after the admin loaded it, so nothing was applied. Say
 * what it is now; the fresh copy is in the cache, so the button shows what can be
 * done next and the admin decides again. The console never re-sends by itself.
 */
export function staleMessage(seen: User, current: User | undefined): string {
  const intro = 'This user changed since you loaded it.';
  if (!current) return `${intro} Nothing was changed. Check the current state and try again if needed.`;
  const now = `It is now ${stateWords(current)}; you loaded it as ${stateWords(seen)}.`;
  const next =
    current.active === seen.active
      ? `Nothing was changed. Press ${current.active ? 'Deactivate' : 'Reactivate'} again if you still mean it.`
      : `Nothing was changed: it is already ${current.active ? 'active' : 'inactive'}.`;
  return `${intro} ${now} ${next}`;
}

function failure(mode: ActivationMode, user: User, error: Error): Outcome {
  const title = `Could not ${mode} ${user.userName}`;
  if (isApiRequestError(error)) {
    const message = error.status === 412 ? staleMessage(user, error.current) : error.message;
    return { kind: 'error', title, message, requestId: error.requestId };
  }
  return { kind: 'error', title, message: error.message || 'Something went wrong.' };
}

/** The Deactivate / Reactivate button of one user, with its confirm dialog. Absent where the role may not. */
export function ActivationControl({ user, role, scimHost, onOutcome, size = 'sm' }: ActivationControlProps) {
  const [dialogFor, setDialogFor] = useState<{ user: User; mode: ActivationMode } | null>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);

  const setActive = useSetUserActive({
    onSuccess: (updated, { active }) =>
      onOutcome({ kind: 'success', message: `${updated.userName} ${active ? 'reactivated' : 'deactivated'}.` }),
    onError: (error, { user: target, active }) => onOutcome(failure(active ? 'reactivate' : 'deactivate', target, error)),
  });
  const remove = useDeleteUser({
    onSuccess: (result, { user: target }) =>
      onOutcome(
        result
          ? { kind: 'success', message: `${target.userName} deactivated with DELETE.` }
          : { kind: 'removed', message: `${target.userName} was removed from ${scimHost}.` },
      ),
    onError: (error, { user: target }) => onOutcome(failure('deactivate', target, error)),
  });

  const mode: ActivationMode = user.active ? 'deactivate' : 'reactivate';
  const allowed = can(role, mode === 'deactivate' ? 'users:deactivate' : 'users:reactivate');
  if (!allowed) return null;

  const pending = setActive.isPending || remove.isPending;
  const label = `${mode === 'deactivate' ? 'Deactivate' : 'Reactivate'} ${user.userName}`;

  function submitChoice(target: User, targetMode: ActivationMode, { reason, method }: ActivationChoice) {
    onOutcome(null);
    const note = reason || undefined;
    if (targetMode === 'deactivate' && method === 'delete') {
      remove.mutate({ user: target, reason: note });
    } else {
      setActive.mutate({ user: target, active: targetMode === 'reactivate', reason: note });
    }
  }

  return (
    <>
      <Button
        ref={triggerRef}
        size={size}
        variant={mode === 'deactivate' ? 'outline-danger' : 'outline-primary'}
        aria-label={label}
        // aria-disabled, not disabled: the button keeps focus while its change is in flight.
        aria-disabled={pending || undefined}
        onClick={() => {
          if (!pending) setDialogFor({ user, mode });
        }}
        className="aria-disabled:cursor-progress aria-disabled:opacity-60"
      >
        {mode === 'deactivate' ? 'Deactivate' : 'Reactivate'}
      </Button>
      {dialogFor ? (
        <ConfirmActivationDialog
          user={dialogFor.user}
          mode={dialogFor.mode}
          offerDelete={dialogFor.mode === 'deactivate' && can(role, 'users:delete')}
          scimHost={scimHost}
          onConfirm={(choice) => submitChoice(dialogFor.user, dialogFor.mode, choice)}
          onClose={() => {
            setDialogFor(null);
            triggerRef.current?.focus();
          }}
        />
      ) : null}
    </>
  );
}
