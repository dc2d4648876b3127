import { useId, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import type { AuditListParams } from '@/lib/audit-log/query';
import { AUDIT_FILTER_KEYS } from './audit-params';

const control =
  'block h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm shadow-sm placeholder:text-slate-500 dark:border-slate-600 dark:bg-slate-900 dark:placeholder:text-slate-400';

type AuditFiltersProps = {
  /** The applied filters (the URL's); the form starts from them. Remount it (key) when they change. */
  filters: AuditListParams;
  onApply: (filters: AuditListParams) => void;
  onClear: () => void;
};

/** Applied together with "Apply filters", so a half-typed filter never fires a query. */
export function AuditFilters({ filters, onApply, onClear }: AuditFiltersProps) {
  const id = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next: Record<string, string> = {};
    for (const key of AUDIT_FILTER_KEYS) {
      const value = String(data.get(key) ?? '').trim();
      if (value) next[key] = value;
    }
    onApply(next);
  }

  return (
    <form
      onSubmit={submit}
      aria-label="Filters"
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-6">
        <Field id={`${id}-actor`} label="Actor" hint="Email (any case) or subject">
          <input
            id={`${id}-actor`}
            name="actor"
            type="text"
            defaultValue={filters.actor ?? ''}
            maxLength={320}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-actor-hint`}
            className={control}
          />
        </Field>
        <Field id={`${id}-target`} label="User" hint="User name (any case)">
          <input
            id={`${id}-target`}
            name="target"
            type="text"
            defaultValue={filters.target ?? ''}
            maxLength={256}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-target-hint`}
            className={control}
          />
        </Field>
        <Field id={`${id}-action`} label="Action">
          <select id={`${id}-action`} name="action" defaultValue={filters.action ?? ''} className={control}>
            <option value="">Any</option>
            <option value="deactivate">Deactivate</option>
            <option value="reactivate">Reactivate</option>
            <option value="sign-in">Sign-in</option>
            <option value="sign-out">Sign-out</option>
          </select>
        </Field>
        <Field id={`${id}-outcome`} label="Outcome">
          <select id={`${id}-outcome`} name="outcome" defaultValue={filters.outcome ?? ''} className={control}>
            <option value="">Any</option>
            <option value="pending">Pending</option>
            <option value="succeeded">Succeeded</option>
            <option value="failed">Failed</option>
            <option value="reconciled">Reconciled</option>
          </select>
        </Field>
        <Field id={`${id}-job`} label="Job" hint="A bulk job's id">
          <input
            id={`${id}-job`}
            name="job"
            type="text"
            defaultValue={filters.job ?? ''}
            maxLength={36}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-job-hint`}
            className={control}
          />
        </Field>
        <Field id={`${id}-from`} label="From" hint="UTC day, inclusive">
          <input
            id={`${id}-from`}
            name="from"
            type="date"
            defaultValue={filters.from ?? ''}
            aria-describedby={`${id}-from-hint`}
            className={control}
          />
        </Field>
        <Field id={`${id}-to`} label="To" hint="UTC day, inclusive">
          <input
            id={`${id}-to`}
            name="to"
            type="date"
            defaultValue={filters.to ?? ''}
            aria-describedby={`${id}-to-hint`}
            className={control}
          />
        </Field>
      </div>
      <div className="mt-4 flex flex-wrap gap-2">
        <Button type="submit" variant="primary" size="sm">
          Apply filters
        </Button>
        <Button size="sm" onClick={onClear}>
          Clear
        </Button>
      </div>
    </form>
  );
}

function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
