import { useId } from 'react';
import { Button } from '@/components/ui/button';
import type { PageNavigation } from './list-params';
import { pageSizes } from './list-params';
import { ChevronLeftIcon, ChevronRightIcon } from '@/components/ui/icons';

type PaginationProps = {
  /** From pageNavigation(), for the rows on screen. */
  navigation: PageNavigation;
  count: number;
  /** The provider's page-size cap; undefined until known. */
  maxResults: number | undefined;
  /** The next page is loading (the previous one is on screen): ignore Previous/Next meanwhile. */
  busy: boolean;
  onStartIndex: (startIndex: number) => void;
  onCount: (count: number) => void;
};

const waiting = 'aria-disabled:cursor-progress aria-disabled:opacity-60';

export function Pagination({ navigation, count, maxResults, busy, onStartIndex, onCount }: PaginationProps) {
  const id = useId();
  const { first, last, total, previousStartIndex, nextStartIndex } = navigation;

  return (
    <div className="flex flex-wrap items-center justify-between gap-x-6 gap-y-3 text-sm">
      <p aria-live="polite" className="text-slate-700 tabular-nums dark:text-slate-300">
        {last > 0 ? `Showing ${first}–${last} of ${total}` : `Showing 0 of ${total}`}
      </p>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="flex items-center gap-2">
          <label htmlFor={id} className="text-slate-700 dark:text-slate-300">
            Rows per page
          </label>
          <select
            id={id}
            value={count}
            onChange={(e) => onCount(Number(e.target.value))}
            className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-900"
          >
            {pageSizes(maxResults, count).map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-center gap-2">
          {/* aria-disabled while busy, not disabled: a keyboard user's focus stays on the button. */}
          <Button
            size="sm"
            aria-label="Previous page"
            disabled={previousStartIndex === null}
            aria-disabled={busy || undefined}
            className={waiting}
            onClick={() => {
              if (!busy && previousStartIndex !== null) onStartIndex(previousStartIndex);
            }}
          >
            <ChevronLeftIcon />
            Previous
          </Button>
          <Button
            size="sm"
            aria-label="Next page"
            disabled={nextStartIndex === null}
            aria-disabled={busy || undefined}
            className={waiting}
            onClick={() => {
              if (!busy && nextStartIndex !== null) onStartIndex(nextStartIndex);
            }}
          >
            Next
            <ChevronRightIcon />
          </Button>
        </div>
      </div>
    </div>
  );
}
