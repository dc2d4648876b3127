'use client';

import Link from 'next/link';
import { useEffect, useRef, type RefObject } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClasses } from '@/components/ui/button';
import type { User } from '@/lib/users/types';
import { useChangeActivation, type ChangeActivationVariables } from '@/lib/users/use-change-activation';
import { failureOutcome } from './activation-control';

/** What happened after an admin confirmed a change, for the page to show. */
export type Outcome =
  | {
      kind: 'success';
      message: string;
      /** The user after the change, for View user. */
      user?: User;
      /** The reverse change, where the role may make it: offered as Undo. */
      undo?: ChangeActivationVariables;
    }
  | { kind: 'removed'; message: string }
  | { kind: 'error'; title: string; message: string; requestId?: string };

type ActionFeedbackProps = {
  outcome: Outcome | null;
  onDismiss: () => void;
  /** Undo reports its own outcome here. */
  onOutcome: (outcome: Outcome | null) => void;
};

/**
 * A fixed region at the bottom of the screen, so a message never pushes the
 * table down. Errors interrupt (role alert, dismissible); confirmations wait
 * their turn in a status region that is always present so screen readers
 * announce the change, with Undo and View user where they apply.
 */
export function ActionFeedback({ outcome, onDismiss, onOutcome }: ActionFeedbackProps) {
  const ref = useRef<HTMLDivElement>(null);
  useFocusRescue(outcome, ref);
  const undo = useChangeActivation({
    onSuccess: (result, { user, active }) =>
      onOutcome({
        kind: 'success',
        message: `Undone: ${user.userName} ${active ? 'reactivated' : 'deactivated'} again.`,
        user: result.user ?? undefined,
      }),
    onError: (error, variables) => onOutcome(failureOutcome(error, variables, `Could not undo the change to ${variables.user.userName}`)),
  });
  return (
    // Focusable by script only: where focus goes when the button that made the change has left the page.
    <div
      ref={ref}
      tabIndex={-1}
      className="fixed inset-x-4 bottom-4 z-40 rounded-md shadow-lg outline-offset-2 empty:hidden focus-visible:outline-2 focus-visible:outline-blue-600 sm:right-6 sm:left-auto sm:w-[30rem]"
    >
      {outcome?.kind === 'error' ? (
        <Alert tone="error" title={outcome.title} onDismiss={onDismiss}>
          <p>{outcome.message}</p>
          {outcome.requestId ? (
            <p className="mt-1 text-xs opacity-90">
              Request ID: <code>{outcome.requestId}</code>
            </p>
          ) : null}
        </Alert>
      ) : null}
      <div role="status">
        {outcome && outcome.kind !== 'error' ? (
          <Alert tone="success" role="none" onDismiss={onDismiss}>
            <p>{outcome.message}</p>
            {outcome.kind === 'success' && (outcome.undo || outcome.user) ? (
              <div className="mt-2 flex flex-wrap gap-2">
                {outcome.undo ? (
                  <Button
                    size="sm"
                    aria-disabled={undo.isPending || undefined}
                    onClick={() => {
                      if (undo.isPending || !outcome.undo) return;
                      onOutcome(null);
                      undo.mutate(outcome.undo);
                    }}
                  >
                    Undo
                  </Button>
                ) : null}
                {outcome.user ? (
                  <Link
                    href={`/users/${encodeURIComponent(outcome.user.id)}`}
                    prefetch={false}
                    className={buttonClasses({ size: 'sm', variant: 'ghost' })}
                  >
                    View user
                  </Link>
                ) : null}
              </div>
            ) : null}
          </Alert>
        ) : null}
      </div>
    </div>
  );
}

/**
 * The row (or page) whose button made the change can leave once the list
 * refetches (a user deactivated under the Active filter), and the browser then
 * drops focus to <body>. While an outcome shows and the person has not moved
 * focus themselves, put focus on the outcome instead.
 */
function useFocusRescue(outcome: Outcome | null, ref: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const target = ref.current;
    if (!outcome || !target) return;
    const lost = () => document.activeElement === null || document.activeElement === document.body;
    const rescue = () => {
      if (lost()) {
        stop();
        target.focus();
      }
    };
    const observer = new MutationObserver(rescue);
    // Also once the person moves on (Tab, a click): focus is theirs from then on.
    function stop() {
      observer.disconnect();
      document.removeEventListener('focusin', stop);
      document.removeEventListener('pointerdown', stop);
    }
    observer.observe(document.getElementById('main') ?? document.body, { childList: true, subtree: true });
    document.addEventListener('focusin', stop);
    document.addEventListener('pointerdown', stop);
    rescue();
    return stop;
  }, [outcome, ref]);
}
