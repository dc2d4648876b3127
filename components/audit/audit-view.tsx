'use client';

import Link from 'next/link';
import { useCallback, useId, useMemo, useState, useSyncExternalStore } from 'react';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { Button, buttonClasses } from '@/components/ui/button';
import type { AuditListParams } from '@/lib/audit-log/query';
import { useAuditLog } from '@/lib/audit-log/use-audit-log';
import { useUrlSearchState } from '@/lib/use-url-search-state';
import { isApiRequestError, isClientError } from '@/lib/api-request';
import { AuditFilters } from './audit-filters';
import { auditQueryString, filtersOf, ignoredParamsMessage, parseAuditParams, previousCursor, rememberPrevious } from './audit-params';
import { AuditTable } from './audit-table';
import { AuditTableSkeleton } from './audit-table-skeleton';

const subscribe = () => () => {};

/** The audit log: filters and cursor are the URL; data comes from /api/audit through TanStack Query. */
export function AuditView({ canExport }: { canExport: boolean }) {
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filtersId = useId();
  const { search, pathname, navigate: navigateTo } = useUrlSearchState();
  // Invalid values in the URL are left out of the form, the query and the export alike, and named once.
  const { params, ignored } = useMemo(() => parseAuditParams(new URLSearchParams(search)), [search]);
  const ignoredMessage = ignoredParamsMessage(ignored);
  const filters = useMemo(() => filtersOf(params), [params]);
  const filterQuery = auditQueryString(filters);
  const query = useAuditLog(params);
  // sessionStorage only exists in the browser; the server renders no Previous page button.
  const previous = useSyncExternalStore(
    subscribe,
    () => previousCursor(params),
    () => null,
  );

  const navigate = useCallback((next: AuditListParams) => navigateTo(auditQueryString(next)), [navigateTo]);

  const page = query.data;
  const hasFilters = Object.keys(filters).length > 0;
  // The API refused these parameters (400 naming the field): the export would refuse them too,
  // and the browser would save its JSON error as the download.
  const refused = query.isError && isApiRequestError(query.error) && query.error.status === 400;

  return (
    <div className="space-y-4">
      {/* On a phone the filters wait behind a button, so the log itself is on the first screen. */}
      <Button
        size="sm"
        className="sm:hidden"
        aria-expanded={filtersOpen}
        aria-controls={filtersId}
        onClick={() => setFiltersOpen((open) => !open)}
      >
        Filters
        {Object.keys(filters).length > 0 ? <span aria-hidden="true">({Object.keys(filters).length})</span> : null}
      </Button>
      <div id={filtersId} className={filtersOpen ? '' : 'hidden sm:block'}>
        <AuditFilters key={filterQuery} filters={filters} onApply={navigate} onClear={() => navigate({})} />
      </div>

      {ignoredMessage ? <Alert tone="info">{ignoredMessage}</Alert> : null}

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {hasFilters ? 'Filtered' : 'All activations'}, newest first{params.cursor ? ', a later page' : ''}.
        </p>
        {canExport && !refused ? (
          // A plain link: the browser streams the download, every matching row, whatever its size.
          <a href={`/api/audit/export${filterQuery}`} download className={buttonClasses({ size: 'sm' })}>
            Export CSV
          </a>
        ) : null}
      </div>

      {query.isError ? (
        <Alert
          title={isClientError(query.error) ? 'These filters cannot be used' : 'Could not load the audit log'}
          onRetry={isClientError(query.error) ? undefined : () => void query.refetch()}
        >
          <p>{query.error.message}</p>
          {refused && canExport ? <p className="mt-1">Export CSV returns once the filters are fixed or cleared.</p> : null}
        </Alert>
      ) : null}

      {query.isPending ? <AuditTableSkeleton /> : null}

      {page && !query.isError ? (
        page.entries.length > 0 ? (
          <AuditTable entries={page.entries} busy={query.isPlaceholderData} />
        ) : (
          <EmptyState
            title={params.cursor ? 'No more entries' : hasFilters ? 'No entries match these filters' : 'No activations recorded yet'}
            hint={hasFilters ? 'Try other filters, or Clear them.' : 'Deactivations and reactivations made in the console appear here.'}
          />
        )
      ) : null}

      <nav aria-label="Audit log pages" className="flex flex-wrap items-center justify-end gap-2">
        {params.cursor ? (
          <Link href={`${pathname}${filterQuery}`} className={buttonClasses({ size: 'sm', variant: 'ghost' })}>
            First page
          </Link>
        ) : null}
        {previous !== null ? (
          <Button size="sm" onClick={() => navigate({ ...filters, ...(previous ? { cursor: previous } : {}) })}>
            Previous page
          </Button>
        ) : null}
        <Button
          size="sm"
          disabled={!page?.nextCursor || query.isPlaceholderData || query.isError}
          onClick={() => {
            if (!page?.nextCursor) return;
            const next = { ...filters, cursor: page.nextCursor };
            rememberPrevious(params, next);
            navigate(next);
          }}
        >
          Next page
        </Button>
      </nav>
    </div>
  );
}
