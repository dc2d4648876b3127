'use client';

import { useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { closeEnclosingDialog, ModalDialog } from '@/components/ui/modal-dialog';
import type { ActivationAction, ActivationMethod } from '@/lib/audit-vocabulary';
import { useCapabilities } from '@/lib/users/use-capabilities';

export type BulkChoice = { reason: string; method: ActivationMethod };

type ConfirmBulkDialogProps = {
  action: ActivationAction;
  count: number;
  /** Above this many users the count must be typed. */
  threshold: number;
  offerDelete: boolean;
  scimHost: string;
  busy: boolean;
  error: string | null;
  onConfirm: (choice: BulkChoice) => void;
  onClose: () => void;
};

const REASON_MAX = 500;

/** Confirms a bulk job: Reason, Method (deactivation), and the typed count above the threshold. */
export function ConfirmBulkDialog({
  action,
  count,
  threshold,
  offerDelete,
  scimHost,
  busy,
  error,
  onConfirm,
  onClose,
}: ConfirmBulkDialogProps) {
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  const [method, setMethod] = useState<ActivationMethod>('PATCH');
  const [typed, setTyped] = useState('');
  const id = useId();
  const deactivating = action === 'deactivate';
  const choosesMethod = deactivating && offerDelete;
  const capabilities = useCapabilities({ enabled: choosesMethod });
  const deleteDeactivates = capabilities.data?.capabilities.deleteDeactivates;
  const mustType = count > threshold;
  const typedOk = !mustType || typed.trim() === String(count);
  const verb = deactivating ? 'Deactivate' : 'Reactivate';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!typedOk) return;
    onConfirm({ reason: reason.trim(), method: choosesMethod && deleteDeactivates !== undefined ? method : 'PATCH' });
  }

  return (
    <ModalDialog
      title={`${verb} ${count} users`}
      description={`A job on the console's server will ${action} each of them on ${scimHost}, skipping those already ${deactivating ? 'inactive' : 'active'}. It keeps going if you close the page, with your access to the provider.`}
      initialFocus={reasonRef}
      onClose={onClose}
    >
      <form onSubmit={submit} className="space-y-5">
        <div className="space-y-1.5">
          <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
            Reason
          </label>
          <textarea
            ref={reasonRef}
            id={`${id}-reason`}
            rows={3}
            maxLength={REASON_MAX}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-describedby={`${id}-reason-hint`}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-slate-600 dark:bg-slate-950"
          />
          <p id={`${id}-reason-hint`} className="text-xs text-slate-600 dark:text-slate-400">
            Optional. Saved in the audit log with each user&rsquo;s change.
          </p>
        </div>

        {choosesMethod ? (
          <fieldset role="radiogroup" aria-labelledby={`${id}-method`} className="space-y-2">
            <legend id={`${id}-method`} className="text-sm font-medium">
              Method
            </legend>
            {(['PATCH', 'DELETE'] as const).map((m) => (
              <label
                key={m}
                className={`flex items-center gap-2 text-sm ${m === 'DELETE' && deleteDeactivates === undefined ? 'opacity-60' : ''}`}
              >
                <input
                  type="radio"
                  name="method"
                  value={m}
                  checked={method === m}
                  disabled={m === 'DELETE' && deleteDeactivates === undefined}
                  onChange={() => setMethod(m)}
                  className="size-4 accent-blue-700 dark:accent-blue-400"
                />
                <span className="font-mono">{m === 'PATCH' ? 'PATCH active=false' : 'DELETE'}</span>
              </label>
            ))}
            {method === 'DELETE' && deleteDeactivates === false ? (
              <p className="text-xs font-medium text-red-800 dark:text-red-300">
                On this provider DELETE permanently removes each account.
              </p>
            ) : null}
          </fieldset>
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
              className="block w-40 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-slate-600 dark:bg-slate-950"
            />
          </div>
        ) : null}

        {error ? (
          <p role="alert" className="text-sm font-medium text-red-800 dark:text-red-300">
            {error}
          </p>
        ) : null}

        <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-700">
          <Button variant="secondary" onClick={(e) => closeEnclosingDialog(e.currentTarget)}>
            Cancel
          </Button>
          <Button type="submit" variant={deactivating ? 'danger' : 'primary'} disabled={busy || !typedOk}>
            Confirm
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
