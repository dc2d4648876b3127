import { useId, type ReactNode } from 'react';

/** A titled region (role region, named by its heading) in the console's card style. */
export function Panel({ title, busy, children }: { title: string; busy?: boolean; children: ReactNode }) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      aria-busy={busy || undefined}
      className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id={id} className="border-b border-slate-200 px-6 py-3 text-base font-semibold dark:border-slate-800">
        {title}
      </h2>
      {children}
    </section>
  );
}
