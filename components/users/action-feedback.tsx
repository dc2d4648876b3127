'use client';

import { useEffect, useRef, type RefObject } from 'react';
import { Alert } from '@/components/ui/alert';

/** What happened after an admin confirmed a change, for the page to show. */
export type Outcome =
  | { kind: 'success'; message: string }
  | { kind: 'removed'; message: string }
  | { kind: 'error'; title: string; message: string; requestId?: string };

/**
 * Errors interrupt (role alert, dismissible); confirmations wait their turn in a
 * status region that is always present so screen readers announce the change.
 */
export function ActionFeedback({ outcome, onDismiss }: { outcome: Outcome | null; onDismiss: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useFocusRescue(outcome, ref);
  return (
    // Focusable by script only: where focus goes when the button that made the change has left the page.
    <div ref={ref} tabIndex={-1} className="rounded-md outline-offset-2 focus-visible:outline-2 focus-visible:outline-blue-600">
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
            {outcome.message}
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
