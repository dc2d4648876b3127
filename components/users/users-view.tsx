'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import type { Role } from '@/lib/authz';
import { useUrlSearchState } from '@/lib/use-url-search-state';
import type { UserListParams } from '@/lib/users/types';
import { useCapabilities } from '@/lib/users/use-capabilities';
import { useUsers } from '@/lib/users/use-users';
import { ActionFeedback, type Outcome } from './action-feedback';
import { LIST_STATE_KEY, listQueryString, nextSort, pageNavigation, parseListParams } from './list-params';
import { Pagination } from './pagination';
import { SearchBox } from './search-box';
import { StatusFilter } from './status-filter';
import { UsersTable } from './users-table';
import { UsersTableSkeleton } from './users-table-skeleton';

type UsersViewProps = { role: Role; scimHost: string };

/** The users list: its state is the URL; data comes from /api/users through TanStack Query. */
/** Why an empty page is empty, and what to try. */
function emptyHint(totalResults: number, params: UserListParams, scimHost: string): string {
  if (totalResults > 0) return 'The list is shorter than this page number.';
  if (params.q || params.status !== 'all') return 'Try another search or status.';
  return `${scimHost} has no users yet.`;
}

export function UsersView({ role, scimHost }: UsersViewProps) {
  const { search, navigate: navigateTo } = useUrlSearchState();
  // Until the provider's page-size cap is known, the URL's count goes out as is; the server caps it.
  const capabilities = useCapabilities().data;
  const maxResults = capabilities?.maxResults;
  const params = useMemo(() => parseListParams(new URLSearchParams(search), maxResults), [search, maxResults]);
  const query = useUsers(params);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const navigate = useCallback(
    (change: Partial<UserListParams>, mode: 'push' | 'replace') => {
      const next = { ...params, ...change };
      // A new search, status, page size or sort starts again at the first page.
      if (change.q !== undefined || change.status !== undefined || change.count !== undefined || change.sortBy !== undefined)
        next.startIndex = 1;
      navigateTo(listQueryString(next), mode);
    },
    [params, navigateTo],
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
        <Alert title="Could not load users" onRetry={() => void query.refetch()}>
          {query.error.message}
        </Alert>
      ) : null}

      {query.isPending ? <UsersTableSkeleton /> : null}

      {page && page.users.length > 0 ? (
        <UsersTable
          users={page.users}
          role={role}
          scimHost={scimHost}
          busy={busy}
          onOutcome={setOutcome}
          sort={
            capabilities?.sort
              ? { by: params.sortBy, order: params.sortOrder, onSort: (column) => navigate(nextSort(params, column), 'push') }
              : undefined
          }
        />
      ) : null}

      {page && page.users.length === 0 ? (
        <EmptyState
          title={page.totalResults > 0 ? 'No users on this page' : 'No users match'}
          hint={emptyHint(page.totalResults, params, scimHost)}
          action={
            page.totalResults > 0 ? (
              <Button size="sm" className="mt-4" onClick={() => navigate({ startIndex: 1 }, 'push')}>
                Go to the first page
              </Button>
            ) : null
          }
        />
      ) : null}

      {page ? (
        <Pagination
          navigation={pageNavigation({ ...page, shown: page.users.length }, params.count)}
          count={params.count}
          maxResults={maxResults}
          busy={busy}
          onStartIndex={(startIndex) => navigate({ startIndex }, 'push')}
          onCount={(count) => navigate({ count }, 'push')}
        />
      ) : null}
    </div>
  );
}
