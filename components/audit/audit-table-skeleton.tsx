import { Skeleton } from '@/components/ui/skeleton';

/** The audit table's shape while its first page loads (also the route's loading.tsx). */
export function AuditTableSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <div role="status" className="overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <span className="sr-only">Loading the audit log…</span>
      <div className="border-b border-slate-200 bg-slate-50 px-4 py-3 dark:border-slate-800 dark:bg-slate-800/50">
        <Skeleton className="h-4 w-1/2" />
      </div>
      <ul className="divide-y divide-slate-100 dark:divide-slate-800">
        {Array.from({ length: rows }, (_, i) => (
          <li key={i} className="flex items-center gap-6 px-4 py-3.5">
            <Skeleton className="h-4 w-20" />
            <Skeleton className="h-4 w-40" />
            <Skeleton className="h-4 w-32" />
            <Skeleton className="h-5 w-20 rounded-full" />
            <Skeleton className="hidden h-4 w-48 lg:block" />
          </li>
        ))}
      </ul>
    </div>
  );
}
