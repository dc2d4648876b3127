'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { Role } from '@/lib/authz';
import type { ProviderCapabilities, UserListParams } from '@/lib/users/types';
import { useUsers } from '@/lib/users/use-users';
import { ActionFeedback, type Outcome } from './action-feedback';
import { LIST_STATE_KEY, listQueryString, parseListParams } from './list-params';
import { Pagination } from './pagination';
import { SearchBox } from './search-box';
import { StatusFilter } from './status-filter';
import { UsersTable } from './users-table';
import { UsersTableSkeleton } from './users-table-skeleton';

type UsersViewProps = { role: Role; capabilities: ProviderCapabilities; scimHost: string };

/** The users list: its state is the URL; data comes from /api/users through TanStack Query. */
export function UsersView({ role, capabilities, scimHost }: UsersViewProps) {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const urlSearch = searchParams.toString();

  // Next applies pushState/replaceState in a transition, a moment later. Until it
  // does, show what was asked for, so a radio or select does not snap back.
  const [requested, setRequested] = useState<{ from: string; to: string } | null>(null);
  if (requested && requested.from !== urlSearch) setRequested(null);
  const effectiveSearch = requested ? requested.to : urlSearch;

  const params = useMemo(
    () => parseListParams(new URLSearchParams(effectiveSearch), capabilities.maxResults),
    [effectiveSearch, capabilities.maxResults],
  );
  const query = useUsers(params);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  // Next.js folds history.pushState/replaceState into its router: useSearchParams
  // follows, Back works, and no server round trip is needed to change the list.
  const navigate = useCallback(
    (change: Partial<UserListParams>, mode: 'push' | 'replace') => {
      const next = { ...params, ...change };
      // A new search or status starts again at the first page.
      if (change.q !== undefined || change.status !== undefined || change.count !== undefined) next.startIndex = 1;
      // A late debounced search must not pull the admin back from a page they have moved to.
      if (window.location.pathname !== pathname) return;
      const query = listQueryString(next);
      setRequested({ from: urlSearch, to: query.replace(/^\?/, '') });
      const url = `${pathname}${query}`;
      if (mode === 'push') window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    },
    [params, pathname, urlSearch],
  );

  const onSearch = useCallback((q: string) => navigate({ q }, 'replace'), [navigate]);

  // Remember the list's state so the detail page's "Back to users" returns here.
  useEffect(() => {
    sessionStorage.setItem(LIST_STATE_KEY, listQueryString(params));
  }, [params]);

  const page = query.data;
  const busy = query.isPlaceholderData;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-x-6 gap-y-4">
        <SearchBox value={params.q} onSearch={onSearch} />
        <StatusFilter value={params.status} onChange={(status) => navigate({ status }, 'push')} />
      </div>

      <ActionFeedback outcome={outcome} onDismiss={() => setOutcome(null)} />

      {query.isError && !page ? (
        <Alert
          title="Could not load users"
          onRetry={() => void query.refetch()}
        >
          {query.error.message}
        </Alert>
      ) : null}

      {query.isPending ? <UsersTableSkeleton /> : null}

      {page && page.users.length > 0 ? (
        <UsersTable
          users={page.users}
          role={role}
          capabilities={capabilities}
          scimHost={scimHost}
          busy={busy}
          onOutcome={setOutcome}
        />
      ) : null}

      {page && page.users.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center dark:border-slate-700 dark:bg-slate-900">
          <p className="text-base font-medium">{page.totalResults > 0 ? 'No users on this page' : 'No users match'}</p>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {page.totalResults > 0
              ? 'The list is shorter than this page number.'
              : params.q || params.status !== 'all'
                ? 'Try another search or status.'
                : `${scimHost} has no users yet.`}
          </p>
          {page.totalResults > 0 ? (
            <Button size="sm" className="mt-4" onClick={() => navigate({ startIndex: 1 }, 'push')}>
              Go to the first page
            </Button>
          ) : null}
        </div>
      ) : null}

      {page ? (
        <Pagination
          startIndex={params.startIndex}
          shownFrom={page.startIndex}
          count={params.count}
          shown={page.users.length}
          total={page.totalResults}
          maxResults={capabilities.maxResults}
          onStartIndex={(startIndex) => navigate({ startIndex }, 'push')}
          onCount={(count) => navigate({ count }, 'push')}
        />
      ) : null}
    </div>
  );
}
