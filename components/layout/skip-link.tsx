export function SkipLink({ target = 'main' }: { target?: string }) {
  return (
    <a
      href={`#${target}`}
      className="sr-only rounded-md bg-white px-4 py-2 text-sm font-medium text-blue-800 shadow focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 dark:bg-slate-900 dark:text-blue-300"
    >
      Skip to content
    </a>
  );
}
