import type { Metadata } from 'next';
import { Suspense } from 'react';
import { pathWithSearch } from '@/lib/sign-in-url';
import { UsersTableSkeleton } from '@/components/users/users-table-skeleton';
import { UsersView } from '@/components/users/users-view';
import { requireConsoleContext } from '@/lib/server/console-page';
import { env } from '@/lib/server/env';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Unlike the layout, the page knows its URL: come back to exactly this list after signing in.
  const { viewer, scimHost } = await requireConsoleContext(pathWithSearch('/users', await searchParams));

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Accounts on <span className="font-medium text-slate-800 dark:text-slate-200">{scimHost}</span>. Open one to see its meta;
          deactivate or reactivate where your role allows.
        </p>
      </div>
      {/* The list reads its state from the URL on the client (useSearchParams), so Back needs no server trip. */}
      <Suspense fallback={<UsersTableSkeleton />}>
        <UsersView role={viewer.role} scimHost={scimHost} bulkConfirmThreshold={env.BULK_CONFIRM_THRESHOLD} />
      </Suspense>
    </div>
  );
}
