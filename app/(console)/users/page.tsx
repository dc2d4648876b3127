import { HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { Suspense, type ReactNode } from 'react';
import { can } from '@/lib/authz';
import { pathWithSearch } from '@/lib/sign-in-url';
import { UsersTableSkeleton } from '@/components/users/users-table-skeleton';
import { UsersView } from '@/components/users/users-view';
import { parseListParams } from '@/components/users/list-params';
import { dehydratedAnswers, readForPage } from '@/lib/server/api/page-read';
import { createUserRoutes } from '@/lib/server/api/users';
import { requireConsoleContext } from '@/lib/server/console-page';
import { env } from '@/lib/server/env';
import { usersApiPath } from '@/lib/users/api-client';
import { userKeys } from '@/lib/users/query-keys';
import type { UserPage } from '@/lib/users/types';

export const metadata: Metadata = { title: 'Users' };

type Search = Record<string, string | string[] | undefined>;

export default async function UsersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  // Unlike the layout, the page knows its URL: come back to exactly this list after signing in.
  const { viewer, scimHost } = await requireConsoleContext(pathWithSearch('/users', search));

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
        <FirstPage search={search} read={can(viewer.role, 'users:list')}>
          <UsersView role={viewer.role} scimHost={scimHost} bulkConfirmThreshold={env.BULK_CONFIRM_THRESHOLD} />
        </FirstPage>
      </Suspense>
    </div>
  );
}

/**
 * The page of the URL, read on the server through the API's own route logic, so its rows
 * arrive with the HTML; the browser asks for it itself when it could not be read here.
 * Under the key the browser's first render uses: before /api/capabilities has answered
 * (it still asks, as before), the URL's params as they are.
 */
async function FirstPage({ search, read, children }: { search: Search; read: boolean; children: ReactNode }) {
  const params = parseListParams({ get: (name) => [search[name]].flat()[0] ?? null });
  // A role that may not list (the layout shows No access) is not asked for a refusal.
  const page = read ? await readForPage<UserPage>((deps) => createUserRoutes(deps).list, usersApiPath(params)) : null;
  return <HydrationBoundary state={dehydratedAnswers([[userKeys.list(params), page]])}>{children}</HydrationBoundary>;
}
