'use client';

import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { fieldClass } from '@/components/ui/field';
import { closeEnclosingDialog, ModalDialog } from '@/components/ui/modal-dialog';
import { NoneMarker } from '@/components/ui/none-marker';
import { cell, headerCell, TableBody, TableFrame, TableHead } from '@/components/ui/table';
import type { ActivationAction } from '@/lib/audit-vocabulary';
import { parseUserCsv, parseUserLines } from '@/lib/bulk/user-list';
import { dryRunJob } from '@/lib/jobs/api-client';
import { PLANNED_OUTCOMES, type DryRun } from '@/lib/jobs/types';

// Dialog `Change users from a list`, loaded when its button is first pressed (components/bulk/change-from-list.tsx).

type UserListDialogProps = {
  actions: readonly ActivationAction[];
  onContinue: (plan: DryRun) => void;
  onClose: () => void;
};

export function UserListDialog({ actions, onContinue, onClose }: UserListDialogProps) {
  const id = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [action, setAction] = useState<ActivationAction>(actions[0]!);
  const [fileError, setFileError] = useState<string | null>(null);
  const check = useMutation({
    // The lines the browser dropped as duplicates join the server's count of them.
    mutationFn: async ({ lines, duplicates, action }: { lines: string[]; duplicates: number; action: ActivationAction }) => {
      const run = await dryRunJob({ action, users: { lines } });
      return { ...run, duplicates: run.duplicates + duplicates };
    },
  });
  const [emptyError, setEmptyError] = useState(false);

  // Any change to the list or the action makes the shown dry run stale.
  function changed() {
    check.reset();
    setEmptyError(false);
  }

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    changed();
    setFileError(null);
    if (!file) return;
    const parsed = parseUserCsv(await file.text());
    if ('error' in parsed) setFileError(parsed.error);
    else setText(parsed.lines.join('\n'));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { lines, duplicates } = parseUserLines(text);
    if (lines.length === 0) {
      setEmptyError(true);
      return;
    }
    check.mutate({ lines, duplicates, action });
  }

  const plan = check.data;
  const verb = plan?.action === 'deactivate' ? 'Deactivate' : 'Reactivate';

  return (
    <ModalDialog
      title="Change users from a list"
      description="One userName, email or id per line, or a CSV file with a column named userName, email or id. Check the list to see what would happen; nothing changes until you confirm."
      initialFocus={textRef}
      onClose={onClose}
    >
      <form onSubmit={submit} className="space-y-5">
        <div className="space-y-1.5">
          <label htmlFor={`${id}-users`} className="block text-sm font-medium">
            Users
          </label>
          <textarea
            ref={textRef}
            id={`${id}-users`}
            rows={6}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              changed();
            }}
            spellCheck={false}
            aria-invalid={emptyError || undefined}
            aria-describedby={emptyError ? `${id}-users-error` : undefined}
            className={`${fieldClass} font-mono`}
          />
          {emptyError ? (
            <p id={`${id}-users-error`} role="alert" className="text-sm font-medium text-red-800 dark:text-red-300">
              Paste at least one userName, email or id.
            </p>
          ) : null}
        </div>

        <div className="space-y-1.5">
          <label htmlFor={`${id}-csv`} className="block text-sm font-medium">
            CSV file
          </label>
          <input
            id={`${id}-csv`}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => void readFile(e)}
            className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm dark:file:border-slate-600 dark:file:bg-slate-900 dark:file:text-slate-100"
          />
          {fileError ? (
            <p role="alert" className="text-sm font-medium text-red-800 dark:text-red-300">
              {fileError}
            </p>
          ) : (
            <p className="text-xs text-slate-600 dark:text-slate-400">Its users replace the list above.</p>
          )}
        </div>

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Change</legend>
          <div className="flex gap-4">
            {actions.map((a) => (
              <label key={a} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name={`${id}-action`}
                  value={a}
                  checked={action === a}
                  onChange={() => {
                    setAction(a);
                    changed();
                  }}
                  className="size-4 accent-blue-700 dark:accent-blue-400"
                />
                {a === 'deactivate' ? 'Deactivate' : 'Reactivate'}
              </label>
            ))}
          </div>
        </fieldset>

        {check.error ? (
          <p role="alert" className="text-sm font-medium text-red-800 dark:text-red-300">
            {check.error.message}
          </p>
        ) : null}

        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={(e) => closeEnclosingDialog(e.currentTarget)}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" disabled={check.isPending}>
            Check list
          </Button>
        </div>
      </form>

      {plan ? (
        <section aria-labelledby={`${id}-plan`} className="space-y-3 border-t border-slate-200 pt-4 dark:border-slate-700">
          <h3 id={`${id}-plan`} className="text-sm font-semibold">
            Planned changes
          </h3>
          <ul aria-label="Counts" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {PLANNED_OUTCOMES.filter((o) => plan.counts[o]).map((o) => (
              <li key={o}>
                {o}: <span className="font-semibold tabular-nums">{plan.counts[o]}</span>
              </li>
            ))}
            {plan.duplicates > 0 ? (
              <li>
                duplicate lines ignored: <span className="font-semibold tabular-nums">{plan.duplicates}</span>
              </li>
            ) : null}
          </ul>
          <div className="max-h-64 overflow-y-auto">
            <TableFrame>
              <table aria-label="Planned changes" className="w-full text-sm">
                <TableHead>
                  {['Line', 'User', 'Outcome'].map((name) => (
                    <th key={name} scope="col" className={headerCell}>
                      {name}
                    </th>
                  ))}
                </TableHead>
                <TableBody>
                  {plan.items.map((item, i) => (
                    <tr key={`${i}-${item.input}`}>
                      <td className={`${cell} font-mono text-xs [overflow-wrap:anywhere]`}>{item.input}</td>
                      <td className={`${cell} [overflow-wrap:anywhere]`}>{item.userName ?? <NoneMarker />}</td>
                      <td className={cell}>{item.outcome}</td>
                    </tr>
                  ))}
                </TableBody>
              </table>
            </TableFrame>
          </div>
          <div className="flex justify-end">
            {plan.ids.length > 0 ? (
              <Button variant={plan.action === 'deactivate' ? 'danger' : 'primary'} onClick={() => onContinue(plan)}>
                {verb} {plan.ids.length} users…
              </Button>
            ) : (
              <p className="text-sm text-slate-700 dark:text-slate-300">Nobody on this list would change.</p>
            )}
          </div>
        </section>
      ) : null}
    </ModalDialog>
  );
}
