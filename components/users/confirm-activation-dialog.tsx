import { useQuery } from '@tanstack/react-query';
import { ReactivationFor, useReactivationFor } from '@/components/schedule/reactivation-for';
import { ScheduleWhen, useScheduleWhen } from '@/components/schedule/schedule-when';
import { scheduleChange } from '@/lib/schedule/api-client';
import type { ReactivationEnd } from '@/lib/schedule/types';
import { useScheduleCommand } from '@/lib/schedule/use-schedule-command';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { closeEnclosingDialog, ModalDialog } from '@/components/ui/modal-dialog';
import type { ActivationAction, ActivationMethod } from '@/lib/audit-vocabulary';
import type { User } from '@/lib/users/types';
import { isIdpManaged } from '@/lib/users/idp-managed';
import { useCapabilities } from '@/lib/users/use-capabilities';
import { DeactivationNote } from './deactivation-note';
import { MethodChoice, useDeleteChoice } from './method-choice';
import { ReasonFieldset, useReasonFields } from './reason-fields';
import { userQueries } from '@/lib/users/query-keys';

export type ActivationChoice = { reasonCode?: string; reason?: string; ticket?: string; method: ActivationMethod } & ReactivationEnd;

type ConfirmActivationDialogProps = {
  user: User;
  action: ActivationAction;
  /** Offer PATCH or DELETE (deactivation by a role that may delete). */
  offerDelete: boolean;
  scimHost: string;
  onConfirm: (choice: ActivationChoice) => void;
  /** The change was scheduled for later (Schedule…): what to tell the admin. */
  onScheduled?: (message: string) => void;
  /** Called once the dialog has closed, by Confirm, Cancel or Escape. */
  onClose: () => void;
};

/** Wider than a phone: only there does the Reason code take focus (on a phone the keyboard would cover the buttons). */
const wideScreen = () => typeof window !== 'undefined' && window.matchMedia('(min-width: 640px)').matches;

/** The confirm form of one activation change, in a modal dialog named by the action and the userName. */
export function ConfirmActivationDialog({
  user,
  action,
  offerDelete,
  scimHost,
  onConfirm,
  onScheduled,
  onClose,
}: ConfirmActivationDialogProps) {
  const why = useReasonFields();
  const lasts = useReactivationFor();
  const later = useScheduleWhen();
  const schedule = useScheduleCommand(scheduleChange);
  const [method, setMethod] = useState<ActivationMethod>('PATCH');
  const id = useId();

  const deactivating = action === 'deactivate';
  const provider = useCapabilities().data?.provider;
  const choice = useDeleteChoice(deactivating && offerDelete, method);
  const { deleting, irreversible, removes } = choice;
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState(false);
  const typedRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = why.check();
    if (!reason) return;
    if (irreversible && typed.trim() !== user.userName) {
      setTypedError(true);
      typedRef.current?.focus();
      return;
    }
    const form = event.currentTarget;
    if (later.open) {
      const at = later.at();
      if (!at) return;
      const method = deleting ? 'DELETE' : 'PATCH';
      schedule.mutate(
        { action, method, ...at, ...reason, users: { ids: [user.id] } },
        {
          onSuccess: () => {
            onScheduled?.(`${deactivating ? 'Deactivation' : 'Reactivation'} of ${user.userName} scheduled.`);
            closeEnclosingDialog(form);
          },
        },
      );
      return;
    }
    const end = deactivating ? {} : lasts.end();
    if (!end) return;
    onConfirm({ ...reason, ...end, method: deleting ? 'DELETE' : 'PATCH' });
    closeEnclosingDialog(form);
  }

  return (
    <ModalDialog
      title={`${deactivating ? 'Deactivate' : 'Reactivate'} ${user.userName}`}
      description={
        deactivating
          ? `The account will be marked inactive on ${scimHost}. Its owner can no longer sign in to applications that rely on it until it is reactivated.`
          : `The account will be marked active again on ${scimHost}.`
      }
      initialFocus={wideScreen() ? why.reasonCodeRef : undefined}
      onClose={onClose}
    >
      <form onSubmit={submit} className="space-y-5">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md bg-slate-50 px-3 py-2 text-sm dark:bg-slate-800">
          <dt className="text-slate-600 dark:text-slate-400">Name</dt>
          <dd className="min-w-0 truncate">{user.displayName ?? '—'}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Email</dt>
          <dd className="min-w-0 truncate">{user.email ?? '—'}</dd>
        </dl>
        {deactivating ? null : <WhyInactive userId={user.id} />}

        <ReasonFieldset id={id} fields={why} savedWith="your name" />

        {deactivating || later.open ? null : <ReactivationFor id={id} state={lasts} />}
        <ScheduleWhen id={id} state={later} />

        {choice.choosesMethod ? (
          <MethodChoice
            id={id}
            method={method}
            onChange={setMethod}
            choice={choice}
            patchHint="Sets the account inactive. It stays listed and can be reactivated."
          />
        ) : null}

        {irreversible ? (
          <div className="space-y-1.5 rounded-md border border-red-300 bg-red-50 p-3 dark:border-red-800 dark:bg-red-950">
            <label htmlFor={`${id}-typed`} className="block text-sm font-medium text-red-900 dark:text-red-100">
              Type {user.userName} to confirm
            </label>
            <input
              ref={typedRef}
              id={`${id}-typed`}
              value={typed}
              onChange={(e) => {
                setTyped(e.target.value);
                setTypedError(false);
              }}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={typedError || undefined}
              aria-describedby={`${id}-typed-hint`}
              className="block w-full rounded-md border border-red-300 bg-white px-3 py-2 font-mono text-sm dark:border-red-700 dark:bg-slate-950"
            />
            <p id={`${id}-typed-hint`} className="text-xs text-red-900 dark:text-red-100">
              {typedError ? 'That is not the user name; nothing was sent.' : 'The account and its data are removed for good.'}
            </p>
          </div>
        ) : null}

        {isIdpManaged(user, provider) ? (
          <p className="text-sm text-amber-900 dark:text-amber-200">
            {user.externalId
              ? `An identity provider provisions this account (externalId ${user.externalId}) and may change this back at its next sync.`
              : `${provider?.label ?? 'This provider'}’s accounts are provisioned by an identity provider, which may change this back at its next sync.`}
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
          <Button type="submit" variant={deactivating ? 'danger' : 'primary'} aria-disabled={schedule.isPending || undefined}>
            {later.open ? 'Schedule' : 'Confirm'}
          </Button>
        </div>
        {schedule.error ? (
          <p role="alert" className="text-sm text-red-800 dark:text-red-300">
            {schedule.error.message}
          </p>
        ) : null}
        {removes ? (
          <p className="text-right text-xs font-medium text-red-800 dark:text-red-300">This cannot be undone from the console.</p>
        ) : null}
      </form>
    </ModalDialog>
  );
}

/** Before a reactivation: who deactivated the account, when and why. */
function WhyInactive({ userId }: { userId: string }) {
  const history = useQuery(userQueries.history(userId));
  return history.data ? <DeactivationNote entries={history.data.entries} /> : null;
}
