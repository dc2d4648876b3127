'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { BulkToolbar } from '@/components/bulk/bulk-toolbar';
import { ChangeFromList } from '@/components/bulk/change-from-list';
import { can, type Role } from '@/lib/authz';
import { useSelection } from '@/lib/bulk/use-selection';
import { useUrlSearchState } from '@/lib/use-url-search-state';
import type { User, UserCounts, UserListParams } from '@/lib/users/types';
import { usePastedUser } from '@/lib/users/use-pasted-user';
import { useUserCounts } from '@/lib/users/use-user-counts';
import { useCapabilities } from '@/lib/users/use-capabilities';
import { useUsers } from '@/lib/users/use-users';
import { ActionFeedback, type Outcome } from './action-feedback';
import { cursorsFor, LIST_STATE_KEY, listQueryString, nextSort, pageNavigation, parseListParams } from './list-params';
import { Pagination } from './pagination';
import { SearchBox } from './search-box';
import { StatusFilter } from './status-filter';
import { UserCards } from './user-cards';
import { UsersTable } from './users-table';
import { UsersTableSkeleton } from './users-table-skeleton';
import { formatCount } from '@/lib/format-count';

type UsersViewProps = {
  role: Role;
  scimHost: string;
  /** BULK_CONFIRM_THRESHOLD: above it a bulk job's count must be typed. */
  bulkConfirmThreshold: number;
};

/** Why an empty page is empty, and what to try. */
function emptyHint(totalResults: number, params: UserListParams, scimHost: string): string {
  if (totalResults > 0) return 'The list is shorter than this page number.';
  if (params.q) return `Nothing matches “${params.q}”${params.status !== 'all' ? ` among ${params.status} users` : ''}.`;
  if (params.status !== 'all') return 'Try another status.';
  return `${scimHost} has no users yet.`;
}

/** Whether a user still belongs in a list filtered by `status`. */
const matchesStatus = (user: User, status: UserListParams['status']) => status === 'all' || user.active === (status === 'active');

/** "500 users · 97 inactive" */
function countsLine(counts: UserCounts | undefined): string {
  if (!counts) return '\u00a0';
  const users = `${formatCount(counts.all)} ${counts.all === 1 ? 'user' : 'users'}`;
  return counts.inactive === null ? users : `${users} · ${formatCount(counts.inactive)} inactive`;
}

/** The users list: its state is the URL; data comes from /api/users through TanStack Query. */
export function UsersView({ role, scimHost, bulkConfirmThreshold }: UsersViewProps) {
  const { search, navigate: navigateTo } = useUrlSearchState();
  // Until the provider's page-size cap is known, the URL's count goes out as is; the server caps it.
  const { capabilities, provider } = useCapabilities().data ?? {};
  const maxResults = capabilities?.maxResults;
  const params = useMemo(() => parseListParams(new URLSearchParams(search), maxResults), [search, maxResults]);
  // A provider that cannot filter by status is asked for everyone, whatever an old link says.
  const query = useUsers(provider && !provider.activeFilter ? { ...params, status: 'all' } : params);
  const counts = useUserCounts(params.q).data;
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Bulk jobs: a selection that survives paging and is cleared by a new search or status.
  const selection = useSelection({ q: params.q, status: params.status });
  const mayBulk = can(role, 'jobs:deactivate') || can(role, 'jobs:reactivate');
  // Users changed here that left the filter stay in place, highlighted, until the list itself changes.
  const listKey = listQueryString(params);
  const [leaving, setLeaving] = useState<{ listKey: string; users: ReadonlyMap<string, Leaving> }>({ listKey, users: new Map() });
  // A new list drops them (reset while rendering: React's way for state that follows a prop).
  if (leaving.listKey !== listKey) setLeaving({ listKey, users: new Map() });

  const page = query.data;
  const busy = query.isPlaceholderData;
  const pasted = usePastedUser(params.q, page);
  const shown = useMemo(() => (page ? withLeaving(page.users, leaving.users) : []), [page, leaving.users]);

  const navigate = useCallback(
    (change: Partial<UserListParams>, mode: 'push' | 'replace') => {
      const next = { ...params, ...change };
      // A new search, status, page size or sort starts again at the first page.
      if (change.q !== undefined || change.status !== undefined || change.count !== undefined || change.sortBy !== undefined)
        next.startIndex = 1;
      // The first page needs no keyset cursor.
      if (next.startIndex === 1) delete next.after;
      navigateTo(listQueryString(next), mode);
    },
    [params, navigateTo],
  );

  const onSearch = useCallback((q: string) => navigate({ q }, 'replace'), [navigate]);

  function onOutcome(next: Outcome | null) {
    setOutcome(next);
    const changed = next?.kind === 'success' ? next.user : undefined;
    if (!changed) return;
    const index = Math.max(
      0,
      shown.findIndex((u) => u.id === changed.id),
    );
    // An updater, so two changes answered in the same tick both count; an answer for a list left meanwhile is dropped.
    setLeaving((current) => {
      if (current.listKey !== listKey) return current;
      const users = new Map(current.users);
      if (matchesStatus(changed, params.status)) users.delete(changed.id);
      else users.set(changed.id, { user: changed, index });
      return { listKey, users };
    });
  }

  // Remember the list's state so the detail page's "Back to users" returns here.
  useEffect(() => {
    sessionStorage.setItem(LIST_STATE_KEY, listKey);
  }, [listKey]);

  const leavingIds = new Set(leaving.users.keys());

  return (
    <div className="space-y-4">
      <p className="-mt-4 text-sm text-slate-600 dark:text-slate-400">{countsLine(counts)}</p>
      <div className="flex flex-wrap items-end gap-x-6 gap-y-4">
        <SearchBox value={params.q} onSearch={onSearch} />
        {provider && !provider.activeFilter ? (
          <p className="max-w-80 text-sm text-slate-600 dark:text-slate-400">
            {provider.label} cannot filter users by status, so the Status filter is not offered; each row still shows it.
          </p>
        ) : (
          <StatusFilter value={params.status} onChange={(status) => navigate({ status }, 'push')} counts={counts} />
        )}
        {mayBulk ? (
          <div className="ml-auto">
            <ChangeFromList role={role} scimHost={scimHost} threshold={bulkConfirmThreshold} />
          </div>
        ) : null}
      </div>

      {pasted ? (
        <p className="rounded-md border border-blue-200 bg-blue-50 px-4 py-3 text-sm text-blue-900 dark:border-blue-800 dark:bg-blue-950 dark:text-blue-100">
          This matches one user.{' '}
          <Link href={`/users/${encodeURIComponent(pasted.id)}`} prefetch={false} className="font-medium underline underline-offset-2">
            Open {pasted.userName}
          </Link>
        </p>
      ) : null}

      <ActionFeedback outcome={outcome} onDismiss={() => setOutcome(null)} onOutcome={onOutcome} />

      {mayBulk && page ? (
        <BulkToolbar
          selection={selection}
          role={role}
          scimHost={scimHost}
          threshold={bulkConfirmThreshold}
          pageIds={page.users.map((u) => u.id)}
          total={page.totalResults}
        />
      ) : null}

      {query.isError && !page ? (
        <Alert title="Could not load users" onRetry={() => void query.refetch()}>
          {query.error.message}
        </Alert>
      ) : null}

      {query.isPending ? <UsersTableSkeleton /> : null}

      {page && shown.length > 0 ? (
        <>
          <div className="hidden sm:block">
            <UsersTable
              users={shown}
              role={role}
              scimHost={scimHost}
              busy={busy}
              onOutcome={onOutcome}
              leaving={leavingIds}
              selection={mayBulk ? selection : undefined}
              sort={
                capabilities?.sort
                  ? { by: params.sortBy, order: params.sortOrder, onSort: (column) => navigate(nextSort(params, column), 'push') }
                  : undefined
              }
            />
          </div>
          <div className="sm:hidden">
            <UserCards users={shown} role={role} scimHost={scimHost} busy={busy} onOutcome={onOutcome} leaving={leavingIds} />
          </div>
        </>
      ) : null}

      {page && shown.length === 0 ? (
        <EmptyState
          title={page.totalResults > 0 ? 'No users on this page' : 'No users match'}
          hint={emptyHint(page.totalResults, params, scimHost)}
          action={
            page.totalResults > 0 ? (
              <Button size="sm" className="mt-4" onClick={() => navigate({ startIndex: 1 }, 'push')}>
                Go to the first page
              </Button>
            ) : params.q ? (
              <Button size="sm" className="mt-4" onClick={() => navigate({ q: '' }, 'push')}>
                Clear search
              </Button>
            ) : null
          }
        />
      ) : null}

      {page && page.totalResults > 0 ? (
        <Pagination
          navigation={pageNavigation({ ...page, shown: page.users.length }, params.count)}
          count={params.count}
          maxResults={maxResults}
          busy={busy}
          onStartIndex={(startIndex) => navigate({ startIndex, after: cursorsFor(params, page, startIndex) }, 'push')}
          onCount={(count) => navigate({ count }, 'push')}
        />
      ) : null}
    </div>
  );
}

/** A user changed here that no longer matches the filter, and where its row was. */
type Leaving = { user: User; index: number };

/** The page's users, with each user who left the filter back at its place. */
function withLeaving(users: readonly User[], leaving: ReadonlyMap<string, Leaving>): User[] {
  const shown = users.map((u) => leaving.get(u.id)?.user ?? u);
  const listed = new Set(users.map((u) => u.id));
  const gone = [...leaving.values()].filter(({ user }) => !listed.has(user.id)).sort((a, b) => a.index - b.index);
  for (const { user, index } of gone) shown.splice(Math.min(index, shown.length), 0, user);
  return shown;
}
