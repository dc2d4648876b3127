'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { ReactivationFor, useReactivationFor } from '@/components/schedule/reactivation-for';
import { ScheduleWhen, useScheduleWhen } from '@/components/schedule/schedule-when';
import { MethodChoice, useDeleteChoice } from '@/components/users/method-choice';
import { ReasonFieldset, useReasonFields } from '@/components/users/reason-fields';
import { Button } from '@/components/ui/button';
import { closeEnclosingDialog, ModalDialog } from '@/components/ui/modal-dialog';
import type { ActivationAction, ActivationMethod } from '@/lib/audit-vocabulary';
import { startJob } from '@/lib/jobs/api-client';
import type { CreateJobBody } from '@/lib/jobs/types';
import { scheduleChange } from '@/lib/schedule/api-client';
import { useScheduleCommand } from '@/lib/schedule/use-schedule-command';

type ConfirmBulkDialogProps = {
  action: ActivationAction;
  /** Who the job is about, and how many that is. */
  users: CreateJobBody['users'];
  count: number;
  /** Above this many users the count must be typed. */
  threshold: number;
  offerDelete: boolean;
  scimHost: string;
  onClose: () => void;
};

/**
 * Confirms and starts a bulk job: Reason code, Reason, Ticket, Method (deactivation; DELETE as the
 * single-user dialog offers it, from the provider's delete effect), and the
 * typed count above the threshold or before an irreversible DELETE.
 */
export function ConfirmBulkDialog({ action, users, count, threshold, offerDelete, scimHost, onClose }: ConfirmBulkDialogProps) {
  const router = useRouter();
  const start = useMutation({
    mutationFn: (body: CreateJobBody) => startJob(body),
    onSuccess: ({ id }) => router.push(`/jobs/${encodeURIComponent(id)}`),
  });
  const schedule = useScheduleCommand(scheduleChange);
  const lasts = useReactivationFor();
  const later = useScheduleWhen();
  const why = useReasonFields();
  const [method, setMethod] = useState<ActivationMethod>('PATCH');
  const [typed, setTyped] = useState('');
  const id = useId();
  const deactivating = action === 'deactivate';
  const choice = useDeleteChoice(deactivating && offerDelete, method);
  const { deleting, irreversible, removes } = choice;
  const mustType = count > threshold || irreversible;
  const typedOk = !mustType || typed.trim() === String(count);
  const verb = deactivating ? 'Deactivate' : 'Reactivate';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!typedOk) return;
    const reason = why.check();
    if (!reason) return;
    const chosenMethod = deactivating ? (deleting ? 'DELETE' : 'PATCH') : undefined;
    if (later.open) {
      const at = later.at();
      if (at) schedule.mutate({ action, method: chosenMethod, ...at, ...reason, users }, { onSuccess: () => router.push('/schedule') });
      return;
    }
    const end = deactivating ? {} : lasts.end();
    if (!end) return;
    start.mutate({ action, method: chosenMethod, ...reason, ...end, users });
  }

  return (
    <ModalDialog
      title={`${verb} ${count} users`}
      description={`A job on the console's server will ${action} each of them on ${scimHost}, skipping those already ${deactivating ? 'inactive' : 'active'}. It keeps going if you close the page, with your access to the provider.`}
      initialFocus={why.reasonCodeRef}
      onClose={onClose}
    >
      <form onSubmit={submit} className="space-y-5">
        <ReasonFieldset id={id} fields={why} savedWith="each user’s change" />

        {deactivating || later.open ? null : <ReactivationFor id={id} state={lasts} />}
        <ScheduleWhen id={id} state={later} />

        {choice.choosesMethod ? (
          <MethodChoice
            id={id}
            method={method}
            onChange={setMethod}
            choice={choice}
            patchHint="Sets each account inactive. They stay listed and can be reactivated."
          />
        ) : null}

        {mustType ? (
          <div className="space-y-1.5">
            <label htmlFor={`${id}-typed`} className="block text-sm font-medium">
              Type {count} to confirm
            </label>
            <input
              id={`${id}-typed`}
              inputMode="numeric"
              autoComplete="off"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              aria-describedby={irreversible ? `${id}-typed-hint` : undefined}
              className="block w-40 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-slate-600 dark:bg-slate-950"
            />
            {irreversible ? (
              <p id={`${id}-typed-hint`} className="text-xs font-medium text-red-800 dark:text-red-300">
                Each account and its data are removed for good.
              </p>
            ) : null}
          </div>
        ) : null}

        {start.error || schedule.error ? (
          <p role="alert" className="text-sm font-medium text-red-800 dark:text-red-300">
            {(start.error ?? schedule.error)!.message}
          </p>
        ) : null}

        <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
          <Button variant="secondary" onClick={(e) => closeEnclosingDialog(e.currentTarget)}>
            Cancel
          </Button>
          {later.offered && !later.open ? (
            <Button variant="secondary" onClick={() => later.setOpen(true)}>
              Schedule…
            </Button>
          ) : null}
          <Button type="submit" variant={deactivating ? 'danger' : 'primary'} disabled={start.isPending || schedule.isPending || !typedOk}>
            {later.open ? 'Schedule' : 'Confirm'}
          </Button>
        </div>
        {removes ? (
          <p className="text-right text-xs font-medium text-red-800 dark:text-red-300">This cannot be undone from the console.</p>
        ) : null}
      </form>
    </ModalDialog>
  );
}
