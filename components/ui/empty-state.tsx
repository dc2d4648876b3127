import type { ReactNode } from 'react';

/** What a list shows when it has nothing to show: what happened, what to try, and an optional action. */
export function EmptyState({ title, hint, action }: { title: string; hint: ReactNode; action?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center dark:border-slate-700 dark:bg-slate-900">
      <p className="text-base font-medium">{title}</p>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{hint}</p>
      {action}
    </div>
  );
}
