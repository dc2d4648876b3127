'use client';
// `Schedule…` beside `Confirm`: the same change at a date and time of the admin's choosing, in
// their time zone, stored in UTC (docs/decisions/0112-schedule-times-and-time-zones.md).
import { useState } from 'react';
import { can } from '@/lib/authz';
import { browserTimeZone, FutureTimeField, useFutureTime } from './future-time-field';
import { useReactivationPolicy } from './reactivation-policy-context';

/** Whether Schedule… is offered (admins, with a service identity), whether it was chosen, and `at()`: the UTC time or null. */
export function useScheduleWhen() {
  const { policy, role } = useReactivationPolicy();
  const [open, setOpen] = useState(false);
  const when = useFutureTime();
  return {
    offered: policy.timeBoxed && can(role, 'schedule:manage'),
    open,
    when,
    setOpen,
    at(): { runAt: string; timeZone: string } | null {
      const runAt = when.utc();
      return runAt === null ? null : { runAt, timeZone: browserTimeZone() };
    },
  };
}

export type ScheduleWhenState = ReturnType<typeof useScheduleWhen>;

/** The `When` field, shown once Schedule… was pressed. */
export function ScheduleWhen({ id, state }: { id: string; state: ScheduleWhenState }) {
  if (!state.open) return null;
  return (
    <div className="space-y-1.5 rounded-md border border-blue-200 bg-blue-50 p-3 dark:border-blue-900 dark:bg-blue-950">
      <FutureTimeField
        id={`${id}-when`}
        label="When"
        time={state.when}
        hint="The console makes the change then, with its own SCIM credential."
        autoFocus
      />
    </div>
  );
}
