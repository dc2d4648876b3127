import dynamic from 'next/dynamic';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { isApiRequestError } from '@/lib/api-request';
import type { ActivationAction } from '@/lib/audit-vocabulary';
import { can, type Role } from '@/lib/authz';
import { mayReactivate, PROTECTION_WORDS, SECURITY_INCIDENT_WORDS } from '@/lib/users/lifecycle-rules';
import type { User } from '@/lib/users/types';
import { useChangeActivation, type ChangeActivationResult, type ChangeActivationVariables } from '@/lib/users/use-change-activation';
import type { Outcome } from './action-feedback';

// Loaded on the first click: the dialog is not part of the page's first-load JavaScript.
// ssr: false gives it its own Suspense boundary: while it loads, the page around it stays (and keeps focus).
const ConfirmActivationDialog = dynamic(() => import('./confirm-activation-dialog').then((m) => m.ConfirmActivationDialog), { ssr: false });

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

/** The change that puts back what this one did, through the same write path, where the role may make it. */
function reverseOf(
  result: ChangeActivationResult,
  variables: ChangeActivationVariables,
  role: Role,
): ChangeActivationVariables | undefined {
  if (!result.user || !result.auditRecordId) return undefined;
  const { active } = variables;
  if (!can(role, active ? 'users:deactivate' : 'users:reactivate')) return undefined;
  // The same ticket: where one is required, the undo answers to the change it undoes.
  return { user: result.user, method: 'PATCH', active: !active, reason: `Undo of ${result.auditRecordId}`, ticket: variables.ticket };
}

function success(result: ChangeActivationResult, variables: ChangeActivationVariables, scimHost: string, role: Role): Outcome {
  const { user, method, active } = variables;
  if (!result.user) return { kind: 'removed', message: `${user.userName} was removed from ${scimHost}.` };
  const message =
    method === 'DELETE'
      ? `${user.userName} deactivated with DELETE.`
      : `${result.user.userName} ${active ? 'reactivated' : 'deactivated'}.`;
  return { kind: 'success', message, user: result.user, undo: reverseOf(result, variables, role) };
}

/** A failed change as the page shows it (Undo too, with its own title): a 412 says what the user is now. */
export function failureOutcome(
  error: Error,
  { user, active }: ChangeActivationVariables,
  title = `Could not ${active ? 'reactivate' : 'deactivate'} ${user.userName}`,
): Outcome {
  if (isApiRequestError(error)) {
    const message = error.status === 412 ? staleMessage(user, error.current) : error.message;
    return { kind: 'error', title, message, requestId: error.requestId };
  }
  return { kind: 'error', title, message: error.message || 'Something went wrong.' };
}

/** Why the console's own rules keep this user's button from working for this viewer; null when they do not. */
export function blockedBecause(user: User, role: Role): string | null {
  if (user.active) return user.lifecycle?.protection ? PROTECTION_WORDS[user.lifecycle.protection] : null;
  return mayReactivate(role, user.lifecycle?.lastDeactivation ?? null) ? null : SECURITY_INCIDENT_WORDS;
}

/**
 * The Deactivate / Reactivate button of one user, with its confirm dialog. Absent where the role may not;
 * disabled, with the reason beside it as its description, where the console's own rules refuse the change.
 */
export function ActivationControl({ user, role, scimHost, onOutcome, size = 'sm' }: ActivationControlProps) {
  const whyId = useId();
  // The user as it was when the dialog opened: a refetch meanwhile must not change what is confirmed.
  const [dialogFor, setDialogFor] = useState<{ user: User; action: ActivationAction } | null>(null);
  const change = useChangeActivation({
    onSuccess: (result, variables) => onOutcome(success(result, variables, scimHost, role)),
    onError: (error, variables) => onOutcome(failureOutcome(error, variables)),
  });

  const action: ActivationAction = user.active ? 'deactivate' : 'reactivate';
  if (!can(role, action === 'deactivate' ? 'users:deactivate' : 'users:reactivate')) return null;
  const verb = action === 'deactivate' ? 'Deactivate' : 'Reactivate';
  const blocked = blockedBecause(user, role);

  if (blocked) {
    return (
      <span className="inline-flex items-center gap-2">
        <span id={whyId} className="text-right text-xs text-slate-600 dark:text-slate-400">
          {blocked}
        </span>
        <Button
          size={size}
          variant="secondary"
          aria-label={`${verb} ${user.userName}`}
          aria-describedby={whyId}
          aria-disabled
          className="cursor-not-allowed opacity-60"
        >
          {verb}
        </Button>
      </span>
    );
  }

  return (
    <>
      <Button
        size={size}
        // Neutral: the row's state is what people scan; red is kept for the confirm button.
        variant="secondary"
        aria-label={`${verb} ${user.userName}`}
        // aria-disabled, not disabled: the button keeps focus while its change is in flight.
        aria-disabled={change.isPending || undefined}
        onClick={() => {
          if (!change.isPending) setDialogFor({ user, action });
        }}
        className="aria-disabled:cursor-progress aria-disabled:opacity-60"
      >
        {verb}
      </Button>
      {dialogFor ? (
        <ConfirmActivationDialog
          user={dialogFor.user}
          action={dialogFor.action}
          offerDelete={dialogFor.action === 'deactivate' && can(role, 'users:delete')}
          scimHost={scimHost}
          onConfirm={({ method, ...why }) => {
            onOutcome(null);
            change.mutate({ user: dialogFor.user, method, active: dialogFor.action === 'reactivate', ...why });
          }}
          onScheduled={(message) => onOutcome({ kind: 'success', message })}
          onClose={() => setDialogFor(null)}
        />
      ) : null}
    </>
  );
}
