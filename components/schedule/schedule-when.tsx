'use client';
// `Schedule…` beside `Confirm`: the same change at a date and time of the admin's choosing, in
// their time zone, stored in UTC (docs/decisions/0112-schedule-times-and-time-zones.md).
import { useState } from 'react';
import { can } from '@/lib/authz';
import { zonedToUtc } from '@/lib/schedule/zoned-time';
import { browserTimeZone } from './reactivation-for';
import { useReactivationPolicy } from './reactivation-policy-context';

const fieldClass =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-invalid:border-red-600 dark:border-slate-600 dark:bg-slate-950 dark:aria-invalid:border-red-400';

/** Whether Schedule… is offered (admins, with a service identity), whether it was chosen, and `at()`: the UTC time or null. */
export function useScheduleWhen() {
  const { policy, role } = useReactivationPolicy();
  const [open, setOpen] = useState(false);
  const [when, setWhen] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return {
    offered: policy.timeBoxed && can(role, 'schedule:manage'),
    open,
    when,
    problem,
    setOpen,
    setWhen: (value: string) => {
      setWhen(value);
      setProblem(null);
    },
    at(): { runAt: string; timeZone: string } | null {
      const timeZone = browserTimeZone();
      const runAt = zonedToUtc(when, timeZone);
      if (!runAt || Date.parse(runAt) <= Date.now()) {
        setProblem('Choose a date and time in the future.');
        return null;
      }
      return { runAt, timeZone };
    },
  };
}

export type ScheduleWhenState = ReturnType<typeof useScheduleWhen>;

/** The `When` field, shown once Schedule… was pressed. */
export function ScheduleWhen({ id, state }: { id: string; state: ScheduleWhenState }) {
  if (!state.open) return null;
  return (
    <div className="space-y-1.5 rounded-md border border-blue-200 bg-blue-50 p-3 dark:border-blue-900 dark:bg-blue-950">
      <label htmlFor={`${id}-when`} className="block text-sm font-medium">
        When
      </label>
      <input
        id={`${id}-when`}
        type="datetime-local"
        value={state.when}
        onChange={(e) => state.setWhen(e.target.value)}
        aria-invalid={state.problem ? true : undefined}
        aria-describedby={`${id}-when-hint`}
        className={fieldClass}
        autoFocus
      />
      <p
        id={`${id}-when-hint`}
        className={state.problem ? 'text-xs font-medium text-red-800 dark:text-red-300' : 'text-xs text-slate-700 dark:text-slate-300'}
      >
        {state.problem ?? `In your time zone, ${browserTimeZone()}. The console makes the change then, with its own SCIM credential.`}
      </p>
    </div>
  );
}
