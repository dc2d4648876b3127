import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useState } from 'react';

/**
 * A page whose state is its URL's query. `navigate` uses history.pushState /
 * replaceState, which Next.js folds into its router: useSearchParams follows,
 * Back works, and no server round trip is needed. Next applies the change in a
 * transition, a moment later; until it does, `search` is what was asked for, so
 * a radio or select does not snap back.
 */
export function useUrlSearchState() {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const urlSearch = searchParams.toString();

  const [requested, setRequested] = useState<{ from: string; to: string } | null>(null);
  if (requested && requested.from !== urlSearch) setRequested(null);
  const search = requested ? requested.to : urlSearch;

  /** `query` is '' or '?a=b'. */
  const navigate = useCallback(
    (query: string, mode: 'push' | 'replace' = 'push') => {
      // A late call (a debounced search) must not pull the admin back from a page they have moved to.
      if (window.location.pathname !== pathname) return;
      setRequested({ from: urlSearch, to: query.replace(/^\?/, '') });
      const url = `${pathname}${query}`;
      if (mode === 'push') window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    },
    [pathname, urlSearch],
  );

  return { search, pathname, navigate };
}
