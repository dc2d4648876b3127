/** The console's mark (a person with a check), decorative: the text beside it names the console. */
export function ConsoleLogo() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="size-6 text-blue-700 dark:text-blue-400"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
    >
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20c.6-3.6 3.2-5.5 6.5-5.5s5.9 1.9 6.5 5.5" strokeLinecap="round" />
      <path d="m15.5 10.5 2 2 4-4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
