import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { closeEnclosingDialog, ModalDialog } from '@/components/ui/modal-dialog';
import type { ActivationAction, ActivationMethod } from '@/lib/audit-vocabulary';
import type { ProviderCapabilities, User } from '@/lib/users/types';
import { useCapabilities } from '@/lib/users/use-capabilities';

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
function deleteHint(deleteDeactivates: boolean | undefined, checkFailed: boolean): string {
  if (deleteDeactivates === true) return 'On this provider DELETE deactivates the account; it stays listed.';
  if (deleteDeactivates === false) return 'On this provider DELETE permanently removes the account.';
  if (checkFailed) return 'Could not check what DELETE means on this provider, so it is not offered. Use PATCH, or check again.';
  return 'Checking what DELETE means on this provider…';
}

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
  const choosesMethod = deactivating && offerDelete;
  // What DELETE does depends on the provider: until that is known, DELETE is not offered (never a guess).
  const capabilities = useCapabilities({ enabled: choosesMethod });
  const deleteDeactivates: ProviderCapabilities['deleteDeactivates'] | undefined = capabilities.data?.deleteDeactivates;
  const deleteKnown = deleteDeactivates !== undefined;
  const checkFailed = !deleteKnown && capabilities.isError && !capabilities.isFetching;
  const removes = choosesMethod && method === 'DELETE' && deleteDeactivates === false;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onConfirm({ reason: reason.trim(), method: choosesMethod && deleteKnown ? method : 'PATCH' });
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
      initialFocus={reasonRef}
      onClose={onClose}
    >
      <form onSubmit={submit} className="space-y-5">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md bg-slate-50 px-3 py-2 text-sm dark:bg-slate-800">
          <dt className="text-slate-600 dark:text-slate-400">Name</dt>
          <dd className="min-w-0 truncate">{user.displayName ?? '—'}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Email</dt>
          <dd className="min-w-0 truncate">{user.email ?? '—'}</dd>
        </dl>
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
                warn={deleteDeactivates === false}
                hint={deleteHint(deleteDeactivates, checkFailed)}
              >
                {checkFailed ? (
                  <Button size="sm" variant="ghost" className="mt-1 ml-4" onClick={() => void capabilities.refetch()}>
                    Check again
                  </Button>
                ) : null}
              </MethodOption>
            </div>
          </fieldset>
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

type MethodOptionProps = {
  value: ActivationMethod;
  label: string;
  checked: boolean;
  onSelect: () => void;
  disabled?: boolean;
  hintId: string;
  hint: string;
  /** The hint warns (an irreversible method). */
  warn?: boolean;
  children?: ReactNode;
};

/** One radio of the Method group, with the hint that says what it does on this provider. */
function MethodOption({ value, label, checked, onSelect, disabled = false, hintId, hint, warn = false, children }: MethodOptionProps) {
  return (
    <div>
      <label className={`flex items-center gap-2 text-sm ${disabled ? 'opacity-60' : ''}`}>
        <input
          type="radio"
          name="method"
          value={value}
          checked={checked}
          onChange={onSelect}
          disabled={disabled}
          aria-describedby={hintId}
          className="size-4 accent-blue-700 dark:accent-blue-400"
        />
        <span className="font-mono">{label}</span>
      </label>
      <p
        id={hintId}
        className={`ml-6 text-xs ${warn ? 'font-medium text-red-800 dark:text-red-300' : 'text-slate-600 dark:text-slate-400'}`}
      >
        {hint}
      </p>
      {children}
    </div>
  );
}
