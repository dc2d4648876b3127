import { useEffect, useId, useRef, useState, type FormEvent } from 'react';

const DEBOUNCE_MS = 300;

/** Search field: applies ~300 ms after typing stops, or at once on Enter or when focus leaves it. */
export function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  const inputRef = useRef<HTMLInputElement>(null);

  // Opening the list puts the cursor in the search box; `/` brings it back from anywhere on the page.
  useEffect(() => {
    // The rows arrive with the HTML, before this runs: an admin already on one of them keeps their place.
    const page = inputRef.current?.closest('main');
    const active = document.activeElement;
    if (!page || active === page || !page.contains(active)) inputRef.current?.focus();
    function onKey(event: KeyboardEvent) {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], dialog')) return;
      event.preventDefault();
      inputRef.current?.focus();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // The URL changed from outside (Back, a link): show its search, unless it is what is being typed.
  if (value !== seen) {
    setSeen(value);
    if (draft.trim() !== value) setDraft(value);
  }

  useEffect(() => {
    const q = draft.trim();
    if (q === value) return;
    const timer = setTimeout(() => onSearch(q), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, value, onSearch]);

  function applyNow() {
    const q = draft.trim();
    if (q !== value) onSearch(q);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    applyNow();
  }

  return (
    <form role="search" onSubmit={submit} className="w-full sm:w-80">
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        Search users
      </label>
      <div className="relative">
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          fill="currentColor"
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500 dark:text-slate-400"
        >
          <path
            fillRule="evenodd"
            d="M9 3.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM2 9a7 7 0 1 1 12.45 4.39l3.08 3.08a.75.75 0 1 1-1.06 1.06l-3.08-3.08A7 7 0 0 1 2 9Z"
            clipRule="evenodd"
          />
        </svg>
        <input
          ref={inputRef}
          id={id}
          type="search"
          name="q"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          // Leaving the field applies at once, so a pending search cannot land after a click on a result.
          onBlur={applyNow}
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
          placeholder="Name, email or id  ( / )"
          className="block h-10 w-full rounded-md border border-slate-300 bg-white pr-3 pl-9 text-sm shadow-sm placeholder:text-slate-500 dark:border-slate-600 dark:bg-slate-900 dark:placeholder:text-slate-400"
        />
      </div>
    </form>
  );
}
