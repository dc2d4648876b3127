import { useId, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { AuditListParams } from '@/lib/audit-log/query';
import { useReasonPolicy } from '@/components/users/reason-policy';
import { TICKET_MAX } from '@/lib/change-reason';
import { ACTION_LABELS, OUTCOME_LABELS } from './audit-labels';
import { AUDIT_FILTER_KEYS, type AuditFilterKey } from './audit-params';

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
  const { reasonCodes } = useReasonPolicy();
  // A code since removed from REASON_CODES still finds its old records when the URL names it.
  const codes = filters.reasonCode && !reasonCodes.includes(filters.reasonCode) ? [...reasonCodes, filters.reasonCode] : reasonCodes;
  const reasonCodeOptions = Object.fromEntries(codes.map((c) => [c, c]));

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
        <InputFilter form={id} filters={filters} name="actor" label="Actor" hint="Email (any case) or subject" maxLength={320} />
        <InputFilter form={id} filters={filters} name="target" label="User" hint="User name (any case)" maxLength={256} />
        <SelectFilter form={id} filters={filters} name="action" label="Action" options={ACTION_LABELS} />
        <SelectFilter form={id} filters={filters} name="outcome" label="Outcome" options={OUTCOME_LABELS} />
        <InputFilter form={id} filters={filters} name="job" label="Job" hint="A bulk job's id" maxLength={36} />
        <SelectFilter form={id} filters={filters} name="reasonCode" label="Reason code" options={reasonCodeOptions} />
        <InputFilter form={id} filters={filters} name="ticket" label="Ticket" hint="Exact" maxLength={TICKET_MAX} />
        <InputFilter form={id} filters={filters} name="from" label="From" hint="UTC day, inclusive" type="date" />
        <InputFilter form={id} filters={filters} name="to" label="To" hint="UTC day, inclusive" type="date" />
        <CheckboxFilter
          form={id}
          filters={filters}
          name="webhooks"
          value="undelivered"
          label="Undelivered webhooks only"
          hint="Changes whose webhook event a receiver has not acknowledged"
        />
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

type FilterProps = {
  /** The form's useId, so each control's id is unique on the page. */
  form: string;
  filters: AuditListParams;
  /** The URL parameter (and the form field's name). */
  name: AuditFilterKey;
  label: string;
};

/** A text or date filter: label, input, and the hint that says what it matches. */
function InputFilter({
  form,
  filters,
  name,
  label,
  hint,
  type = 'text',
  maxLength,
}: FilterProps & { hint: string; type?: 'text' | 'date'; maxLength?: number }) {
  const id = `${form}-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={filters[name] ?? ''}
        maxLength={maxLength}
        autoComplete="off"
        spellCheck={false}
        aria-describedby={`${id}-hint`}
        className={control}
      />
      <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
        {hint}
      </p>
    </div>
  );
}

/** A yes/no filter: checked sends `value`, unchecked no filter. */
function CheckboxFilter({ form, filters, name, value, label, hint }: FilterProps & { value: string; hint: string }) {
  const id = `${form}-${name}`;
  return (
    <div className="space-y-1 self-center">
      <div className="flex items-center gap-2">
        <input
          id={id}
          name={name}
          type="checkbox"
          value={value}
          defaultChecked={filters[name] === value}
          aria-describedby={`${id}-hint`}
          className="size-4 rounded border-slate-300 dark:border-slate-600"
        />
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
      </div>
      <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
        {hint}
      </p>
    </div>
  );
}

/** A choice among the audit log's words, or Any. */
function SelectFilter({ form, filters, name, label, options }: FilterProps & { options: Record<string, string> }) {
  const id = `${form}-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select id={id} name={name} defaultValue={filters[name] ?? ''} className={control}>
        <option value="">Any</option>
        {Object.entries(options).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
