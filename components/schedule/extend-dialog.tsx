'use client';
// `Extend`: a time-boxed reactivation ends this long from now instead, within the same limits as
// reactivating (docs/decisions/0111-time-boxed-reactivation.md). Loaded on first use.
import { useId, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { closeEnclosingDialog, ModalDialog } from '@/components/ui/modal-dialog';
import type { ReactivationEnd } from '@/lib/schedule/types';
import { ReactivationFor, useReactivationFor } from './reactivation-for';

export function ExtendDialog({
  userName,
  onExtend,
  onClose,
}: {
  userName: string;
  onExtend: (end: ReactivationEnd) => void;
  onClose: () => void;
}) {
  const id = useId();
  const lasts = useReactivationFor({ permanentAllowed: false });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const end = lasts.end();
    if (!end) return;
    onExtend(end);
    closeEnclosingDialog(event.currentTarget);
  }
  return (
    <ModalDialog
      title={`Extend the reactivation of ${userName}`}
      description="The reactivation ends this long from now instead."
      onClose={onClose}
    >
      <form onSubmit={submit} className="space-y-5">
        <ReactivationFor id={id} state={lasts} />
        <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
          <Button variant="secondary" onClick={(e) => closeEnclosingDialog(e.currentTarget)}>
            Cancel
          </Button>
          <Button type="submit" variant="primary">
            Confirm
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
