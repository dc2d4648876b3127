'use client';

import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Skeleton } from '@/components/ui/skeleton';
import { useUserCounts } from '@/lib/users/use-user-counts';
import { formatCount } from '@/lib/format-count';

/** Region `Totals`: how many users are active and inactive, each linking to that filtered list. */
export function OverviewTotals() {
  const { data, error, refetch, isPending } = useUserCounts('');
  const items = [
    { label: 'Active', value: data?.active, href: '/users?status=active', link: 'Show active users' },
    { label: 'Inactive', value: data?.inactive, href: '/users?status=inactive', link: 'Show inactive users' },
  ];
  return (
    <section aria-labelledby="overview-totals" aria-busy={isPending}>
      <h2 id="overview-totals" className="sr-only">
        Totals
      </h2>
      {error ? (
        <Alert title="Could not load the totals." onRetry={() => void refetch()}>
          {error.message}
        </Alert>
      ) : (
        <dl className="grid gap-4 sm:grid-cols-2">
          {items.map((item) => (
            <div
              key={item.label}
              className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
            >
              <dt className="text-sm font-medium text-slate-600 dark:text-slate-400">{item.label}</dt>
              <dd className="mt-1 text-3xl font-semibold tabular-nums">
                {item.value === undefined ? (
                  <Skeleton className="h-9 w-24" />
                ) : item.value === null ? (
                  // The provider cannot filter by status: only the overall total is known.
                  <span className="text-base font-normal text-slate-600 dark:text-slate-400">
                    Unknown: the provider cannot filter by status ({formatCount(data!.all)} users in all)
                  </span>
                ) : (
                  formatCount(item.value)
                )}
              </dd>
              <dd className="mt-2 text-sm">
                <Link href={item.href} className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">
                  {item.link}
                </Link>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
