import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { pageSizes } from './list-params';

type PaginationProps = {
  /** The requested page's start, for Previous/Next. */
  startIndex: number;
  /** Where the rows on screen start (the previous page's while the next one loads). */
  shownFrom: number;
  count: number;
  shown: number;
  total: number;
  maxResults: number;
  onStartIndex: (startIndex: number) => void;
  onCount: (count: number) => void;
};

export function Pagination({ startIndex, shownFrom, count, shown, total, maxResults, onStartIndex, onCount }: PaginationProps) {
  const id = useId();
  const first = shown > 0 ? shownFrom : 0;
  const last = shown > 0 ? shownFrom + shown - 1 : 0;
  const hasPrevious = startIndex > 1;
  const hasNext = startIndex + count - 1 < total;

  return (
    <div className="flex flex-wrap items-center justify-between gap-x-6 gap-y-3 text-sm">
      <p aria-live="polite" className="text-slate-700 tabular-nums dark:text-slate-300">
        {shown > 0 ? `Showing ${first}–${last} of ${total}` : `Showing 0 of ${total}`}
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
          <Button
            size="sm"
            aria-label="Previous page"
            disabled={!hasPrevious}
            onClick={() => onStartIndex(Math.max(1, startIndex - count))}
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
              <path fillRule="evenodd" d="M12.8 5.2a.75.75 0 0 1 0 1.06L9.06 10l3.74 3.74a.75.75 0 1 1-1.06 1.06l-4.27-4.27a.75.75 0 0 1 0-1.06L11.74 5.2a.75.75 0 0 1 1.06 0Z" clipRule="evenodd" />
            </svg>
            Previous
          </Button>
          <Button size="sm" aria-label="Next page" disabled={!hasNext} onClick={() => onStartIndex(startIndex + count)}>
            Next
            <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
              <path fillRule="evenodd" d="M7.2 14.8a.75.75 0 0 1 0-1.06L10.94 10 7.2 6.26a.75.75 0 1 1 1.06-1.06l4.27 4.27a.75.75 0 0 1 0 1.06L8.26 14.8a.75.75 0 0 1-1.06 0Z" clipRule="evenodd" />
            </svg>
          </Button>
        </div>
      </div>
    </div>
  );
}
