'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { can, type Role } from '@/lib/authz';
import type { ActivationAction } from '@/lib/audit-vocabulary';
import type { SelectionApi } from '@/lib/bulk/use-selection';
import type { CreateJobBody } from '@/lib/jobs/types';

// Loaded on the first click: the dialog is not part of the page's first-load JavaScript.
// ssr: false gives it its own Suspense boundary: while it loads, the page around it stays (and keeps focus).
const ConfirmBulkDialog = dynamic(() => import('./confirm-bulk-dialog').then((m) => m.ConfirmBulkDialog), { ssr: false });

type BulkToolbarProps = {
  selection: SelectionApi;
  role: Role;
  scimHost: string;
  threshold: number;
  /** The page shown, and how many users match the search. */
  pageIds: readonly string[];
  total: number;
};

/** Region "Bulk actions": what is selected, Select all matching, and the job buttons. */
export function BulkToolbar({ selection, role, scimHost, threshold, pageIds, total }: BulkToolbarProps) {
  const [action, setAction] = useState<ActivationAction | null>(null);
  if (selection.count === 0) return null;

  const pageSelected = pageIds.length > 0 && pageIds.every((id) => selection.isSelected(id));
  const { selection: chosen } = selection;
  const users: CreateJobBody['users'] = chosen.kind === 'all' ? { query: chosen.query } : { ids: [...chosen.ids] };

  return (
    <section
      aria-label="Bulk actions"
      className="flex flex-wrap items-center gap-3 rounded-lg border border-blue-200 bg-blue-50 px-4 py-3 text-sm dark:border-blue-900 dark:bg-blue-950"
    >
      <p className="font-medium">{selection.count} selected</p>
      {pageSelected && chosen.kind === 'ids' && total > selection.count ? (
        <Button size="sm" variant="ghost" onClick={() => selection.selectAllMatching(total)}>
          Select all {total} matching
        </Button>
      ) : null}
      <div className="ml-auto flex flex-wrap gap-2">
        {can(role, 'jobs:deactivate') ? (
          <Button size="sm" variant="outline-danger" onClick={() => setAction('deactivate')}>
            Deactivate selected
          </Button>
        ) : null}
        {can(role, 'jobs:reactivate') ? (
          <Button size="sm" variant="outline-primary" onClick={() => setAction('reactivate')}>
            Reactivate selected
          </Button>
        ) : null}
        <Button size="sm" variant="ghost" onClick={() => selection.clear()}>
          Clear selection
        </Button>
      </div>
      {action ? (
        <ConfirmBulkDialog
          action={action}
          users={users}
          count={selection.count}
          threshold={threshold}
          offerDelete={can(role, 'users:delete')}
          scimHost={scimHost}
          onClose={() => setAction(null)}
        />
      ) : null}
    </section>
  );
}
