'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { can, type Role } from '@/lib/authz';
import type { DryRun } from '@/lib/jobs/types';

// Both dialogs load when first needed, not with the page: the list dialog when its button is
// pressed, the confirm dialog when a checked list is confirmed. ssr: false gives each its own
// Suspense boundary: while it loads, the page around it stays (and keeps focus).
const UserListDialog = dynamic(() => import('./user-list-dialog').then((m) => m.UserListDialog), { ssr: false });
const ConfirmBulkDialog = dynamic(() => import('./confirm-bulk-dialog').then((m) => m.ConfirmBulkDialog), { ssr: false });

type ChangeFromListProps = { role: Role; scimHost: string; threshold: number };

/** Button and dialog `Change users from a list`: paste or upload, check (dry run), then the bulk confirm dialog. */
export function ChangeFromList({ role, scimHost, threshold }: ChangeFromListProps) {
  const actions = (['deactivate', 'reactivate'] as const).filter((a) =>
    can(role, a === 'deactivate' ? 'jobs:deactivate' : 'jobs:reactivate'),
  );
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState<DryRun | null>(null);
  if (actions.length === 0) return null;

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Change users from a list
      </Button>
      {open ? <UserListDialog actions={actions} onContinue={setConfirming} onClose={() => setOpen(false)} /> : null}
      {confirming ? (
        <ConfirmBulkDialog
          action={confirming.action}
          users={{ ids: confirming.ids }}
          count={confirming.ids.length}
          threshold={threshold}
          offerDelete={can(role, 'users:delete')}
          scimHost={scimHost}
          onClose={() => setConfirming(null)}
        />
      ) : null}
    </>
  );
}
