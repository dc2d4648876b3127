/** A value that is not there: a dash to the eye, a word to a screen reader. */
export function NoneMarker({ label = 'None' }: { label?: string }) {
  return (
    <span className="text-slate-600 dark:text-slate-400">
      <span aria-hidden="true">—</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}
