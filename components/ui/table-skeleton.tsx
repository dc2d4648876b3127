import { Skeleton } from './skeleton';

/**
 * A table's shape while its first page loads: a header bar and `rows` rows of
 * placeholder cells, one per class in `cells` (their widths hint at the columns).
 */
export function TableSkeleton({ label, cells, rows = 8 }: { label: string; cells: string[]; rows?: number }) {
  return (
    <div role="status" className="overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <span className="sr-only">{label}</span>
      <div className="border-b border-slate-200 bg-slate-50 px-4 py-3 dark:border-slate-800 dark:bg-slate-800/50">
        <Skeleton className="h-4 w-1/3" />
      </div>
      <ul className="divide-y divide-slate-100 dark:divide-slate-800">
        {Array.from({ length: rows }, (_, i) => (
          <li key={i} className="flex items-center gap-6 px-4 py-3.5">
            {cells.map((className, j) => (
              <Skeleton key={j} className={className} />
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
