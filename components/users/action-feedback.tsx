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
  return (
    <>
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
    </>
  );
}
