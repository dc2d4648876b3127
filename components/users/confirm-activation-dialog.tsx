import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import type { User } from '@/lib/users/types';
import { useCapabilities } from '@/lib/users/use-capabilities';

export type ActivationMode = 'deactivate' | 'reactivate';
export type ActivationMethod = 'patch' | 'delete';
export type ActivationChoice = { reason: string; method: ActivationMethod };

type ConfirmActivationDialogProps = {
  user: User;
  mode: ActivationMode;
  /** Offer PATCH or DELETE (deactivation by a role that may delete). */
  offerDelete: boolean;
  scimHost: string;
  onConfirm: (choice: ActivationChoice) => void;
  /** Called once the dialog has closed, by Confirm, Cancel or Escape. */
  onClose: () => void;
};

const REASON_MAX = 500;

/**
 * A modal <dialog>: the browser keeps focus inside it and closes it on Escape.
 * Mounted only while open; the opener puts focus back on its button in onClose.
 */
export function ConfirmActivationDialog({ user, mode, offerDelete, scimHost, onConfirm, onClose }: ConfirmActivationDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  const [method, setMethod] = useState<ActivationMethod>('patch');
  const id = useId();
  const ids = {
    title: `${id}-title`,
    description: `${id}-description`,
    reasonHint: `${id}-reason-hint`,
    method: `${id}-method`,
    patchHint: `${id}-patch-hint`,
    deleteHint: `${id}-delete-hint`,
  };

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    reasonRef.current?.focus();
  }, []);

  const deactivating = mode === 'deactivate';
  const choosesMethod = deactivating && offerDelete;
  // What DELETE does depends on the provider: until that is known, DELETE is not offered (never a guess).
  const capabilities = useCapabilities({ enabled: choosesMethod });
  const deleteDeactivates = capabilities.data?.deleteDeactivates;
  const deleteKnown = deleteDeactivates !== undefined;
  const checkFailed = !deleteKnown && capabilities.isError && !capabilities.isFetching;
  const title = `${deactivating ? 'Deactivate' : 'Reactivate'} ${user.userName}`;
  const removes = choosesMethod && method === 'delete' && deleteDeactivates === false;

  function submit(event: FormEvent) {
    event.preventDefault();
    onConfirm({ reason: reason.trim(), method: choosesMethod && deleteKnown ? method : 'patch' });
    dialogRef.current?.close();
  }

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={ids.title}
      aria-describedby={ids.description}
      onClose={onClose}
      className="m-auto w-[min(34rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-left text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <form onSubmit={submit} className="space-y-5 p-6">
        <div className="space-y-2">
          <h2 id={ids.title} className="text-lg font-semibold tracking-tight break-all">
            {title}
          </h2>
          <p id={ids.description} className="text-sm text-slate-700 dark:text-slate-300">
            {deactivating
              ? `The account will be marked inactive on ${scimHost}. Its owner can no longer sign in to applications that rely on it until it is reactivated.`
              : `The account will be marked active again on ${scimHost}.`}
          </p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md bg-slate-50 px-3 py-2 text-sm dark:bg-slate-800">
            <dt className="text-slate-600 dark:text-slate-400">Name</dt>
            <dd className="min-w-0 truncate">{user.displayName ?? '—'}</dd>
            <dt className="text-slate-600 dark:text-slate-400">Email</dt>
            <dd className="min-w-0 truncate">{user.email ?? '—'}</dd>
          </dl>
        </div>

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
                value="patch"
                label="PATCH active=false"
                checked={method === 'patch'}
                onSelect={() => setMethod('patch')}
                hintId={ids.patchHint}
                hint="Sets the account inactive. It stays listed and can be reactivated."
              />
              <MethodOption
                value="delete"
                label="DELETE"
                checked={method === 'delete'}
                onSelect={() => setMethod('delete')}
                disabled={!deleteKnown}
                hintId={ids.deleteHint}
                warn={deleteDeactivates === false}
                hint={
                  deleteDeactivates === true
                    ? 'On this provider DELETE deactivates the account; it stays listed.'
                    : deleteDeactivates === false
                      ? 'On this provider DELETE permanently removes the account.'
                      : checkFailed
                        ? 'Could not check what DELETE means on this provider, so it is not offered. Use PATCH, or check again.'
                        : 'Checking what DELETE means on this provider…'
                }
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
          <Button variant="secondary" onClick={() => dialogRef.current?.close()}>
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
    </dialog>
  );
}

type MethodOptionProps = {
  value: 'patch' | 'delete';
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
