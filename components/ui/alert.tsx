import type { ReactNode } from 'react';
import { Button } from './button';
import { CloseIcon } from './icons';

type Tone = 'error' | 'success' | 'info';

const tones: Record<Tone, string> = {
  error: 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100',
  success: 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100',
  info: 'border-blue-300 bg-blue-50 text-blue-900 dark:border-blue-800 dark:bg-blue-950 dark:text-blue-100',
};

type AlertProps = {
  tone?: Tone;
  /** `alert` interrupts (errors); `status` waits its turn; `none` when a live region already wraps it. */
  role?: 'alert' | 'status' | 'none';
  title?: ReactNode;
  children?: ReactNode;
  /** Shows a Retry button that calls it: for data that failed to load. */
  onRetry?: () => void;
  onDismiss?: () => void;
};

export function Alert({ tone = 'error', role = 'alert', title, children, onRetry, onDismiss }: AlertProps) {
  return (
    <div role={role === 'none' ? undefined : role} className={`flex items-start gap-3 rounded-md border px-4 py-3 text-sm ${tones[tone]}`}>
      <div className="min-w-0 flex-1 space-y-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className="break-words">{children}</div> : null}
        {onRetry ? (
          <div className="pt-2">
            <Button size="sm" onClick={onRetry}>
              Retry
            </Button>
          </div>
        ) : null}
      </div>
      {onDismiss ? (
        <button type="button" onClick={onDismiss} aria-label="Dismiss" className="-m-1 shrink-0 rounded p-1 opacity-80 hover:opacity-100">
          <CloseIcon />
        </button>
      ) : null}
    </div>
  );
}
