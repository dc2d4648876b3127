import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { closeEnclosingDialog, ModalDialog } from '@/components/ui/modal-dialog';
import type { ActivationAction, ActivationMethod } from '@/lib/audit-vocabulary';
import { DELETE_EFFECT_LABELS, type DeleteEffect } from '@/lib/users/delete-effect';
import type { User } from '@/lib/users/types';
import { useCapabilities } from '@/lib/users/use-capabilities';
import { DeactivationNote } from './deactivation-note';
import { MethodOption } from './method-option';
import { userQueries } from '@/lib/users/query-keys';

export type ActivationChoice = { reason: string; method: ActivationMethod };

type ConfirmActivationDialogProps = {
  user: User;
  action: ActivationAction;
  /** Offer PATCH or DELETE (deactivation by a role that may delete). */
  offerDelete: boolean;
  scimHost: string;
  onConfirm: (choice: ActivationChoice) => void;
  /** Called once the dialog has closed, by Confirm, Cancel or Escape. */
  onClose: () => void;
};

const REASON_MAX = 500;

/** What the DELETE option's hint says, from what the provider is known to do with it. */
export function deleteHint(effect: DeleteEffect | undefined, checkFailed: boolean): string {
  if (effect) return `On this provider: ${DELETE_EFFECT_LABELS[effect]}.`;
  if (checkFailed) return 'Could not check what DELETE means on this provider, so it is not offered. Use PATCH, or check again.';
  return 'Checking what DELETE means on this provider…';
}

/** Wider than a phone: only there does the Reason box take focus (on a phone the keyboard would cover the buttons). */
const wideScreen = () => typeof window !== 'undefined' && window.matchMedia('(min-width: 640px)').matches;

/** The confirm form of one activation change, in a modal dialog named by the action and the userName. */
export function ConfirmActivationDialog({ user, action, offerDelete, scimHost, onConfirm, onClose }: ConfirmActivationDialogProps) {
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  const [method, setMethod] = useState<ActivationMethod>('PATCH');
  const id = useId();
  const ids = {
    reasonHint: `${id}-reason-hint`,
    method: `${id}-method`,
    patchHint: `${id}-patch-hint`,
    deleteHint: `${id}-delete-hint`,
  };

  const deactivating = action === 'deactivate';
  // What DELETE does depends on the provider: until that is known, DELETE is not offered (never a guess).
  const known = useCapabilities();
  const provider = known.data?.provider;
  const effect = provider?.deleteEffect;
  const choosesMethod = deactivating && offerDelete && effect !== 'unsupported';
  const deleteKnown = effect !== undefined;
  const checkFailed = !deleteKnown && known.isError && !known.isFetching;
  const deleting = choosesMethod && deleteKnown && method === 'DELETE';
  const irreversible = deleting && effect === 'removes-irreversibly';
  const removes = deleting && (effect === 'removes' || irreversible);
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState(false);
  const typedRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (irreversible && typed.trim() !== user.userName) {
      setTypedError(true);
      typedRef.current?.focus();
      return;
    }
    onConfirm({ reason: reason.trim(), method: deleting ? 'DELETE' : 'PATCH' });
    closeEnclosingDialog(event.currentTarget);
  }

  return (
    <ModalDialog
      title={`${deactivating ? 'Deactivate' : 'Reactivate'} ${user.userName}`}
      description={
        deactivating
          ? `The account will be marked inactive on ${scimHost}. Its owner can no longer sign in to applications that rely on it until it is reactivated.`
          : `The account will be marked active again on ${scimHost}.`
      }
      initialFocus={wideScreen() ? reasonRef : undefined}
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

        <div className="space-y-1.5">
          <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
            Reason
          </label>
          <textarea
            ref={reasonRef}
            id={`${id}-reason`}
            name="reason"
            rows={3}
            maxLength={REASON_MAX}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-describedby={ids.reasonHint}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-500 dark:border-slate-600 dark:bg-slate-950 dark:placeholder:text-slate-400"
          />
          <p id={ids.reasonHint} className="flex justify-between gap-4 text-xs text-slate-600 dark:text-slate-400">
            <span>Optional. Saved in the audit log with your name.</span>
            <span aria-hidden="true">
              {reason.length}/{REASON_MAX}
            </span>
          </p>
        </div>

        {choosesMethod ? (
          <fieldset role="radiogroup" aria-labelledby={ids.method} className="space-y-2">
            <legend id={ids.method} className="text-sm font-medium">
              Method
            </legend>
            <div className="space-y-2">
              <MethodOption
                value="PATCH"
                label="PATCH active=false"
                checked={method === 'PATCH'}
                onSelect={() => setMethod('PATCH')}
                hintId={ids.patchHint}
                hint="Sets the account inactive. It stays listed and can be reactivated."
              />
              <MethodOption
                value="DELETE"
                label="DELETE"
                checked={method === 'DELETE'}
                onSelect={() => setMethod('DELETE')}
                disabled={!deleteKnown}
                hintId={ids.deleteHint}
                warn={effect === 'removes' || effect === 'removes-irreversibly'}
                hint={deleteHint(effect, checkFailed)}
              >
                {checkFailed ? (
                  <Button size="sm" variant="ghost" className="mt-1 ml-4" onClick={() => void known.refetch()}>
                    Check again
                  </Button>
                ) : null}
              </MethodOption>
            </div>
          </fieldset>
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

        {deactivating && provider?.idpManaged ? (
          <p className="text-sm text-amber-900 dark:text-amber-200">
            {provider.label}’s accounts are provisioned by an identity provider, which may change this back at its next sync.
          </p>
        ) : null}

        <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
          <Button variant="secondary" onClick={(e) => closeEnclosingDialog(e.currentTarget)}>
            Cancel
          </Button>
          <Button type="submit" variant={deactivating ? 'danger' : 'primary'}>
            Confirm
          </Button>
        </div>
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
