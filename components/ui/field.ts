// The look of the console's form fields, one place for every form: a text input, select
// or textarea (its invalid state red), the hint under it, and the problem shown instead.
export const fieldClass =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-invalid:border-red-600 dark:border-slate-600 dark:bg-slate-950 dark:aria-invalid:border-red-400';
export const hintClass = 'text-xs text-slate-600 dark:text-slate-400';
export const errorClass = 'text-xs font-medium text-red-800 dark:text-red-300';
