import type { ReactNode } from 'react';

/** Column header and cell styles shared by the console's tables. */
export const headerCell =
  'px-4 py-2.5 whitespace-nowrap text-left text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400';
export const cell = 'px-4 py-3';

/** The card a table sits in; a wide table scrolls inside it, never the page. */
export function TableFrame({ children }: { children: ReactNode }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      {children}
    </div>
  );
}

export function TableHead({ children }: { children: ReactNode }) {
  return (
    <thead className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-800/50">
      <tr>{children}</tr>
    </thead>
  );
}

export function TableBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-slate-100 dark:divide-slate-800">{children}</tbody>;
}
