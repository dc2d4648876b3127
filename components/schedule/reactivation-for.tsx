'use client';
// `For`: how long a reactivation lasts (1 hour … 24 hours, Until…, Permanently), offered as the
// viewer's role may choose (lib/schedule/reactivation-policy.ts); without a service identity, a note
// instead, and every reactivation is permanent.
import { useState } from 'react';
import { fieldClass, hintClass } from '@/components/ui/field';
import {
  hoursLabel,
  mayReactivatePermanently,
  maxReactivationHours,
  NO_SERVICE_IDENTITY_NOTE,
  reactivationChoices,
} from '@/lib/schedule/reactivation-policy';
import type { ReactivationEnd } from '@/lib/schedule/types';
import { FutureTimeField, useFutureTime } from './future-time-field';
import { useReactivationPolicy } from './reactivation-policy-context';

/** The choice's state; `end()`: what to send (`{}` is permanent), or null when Until… is not a valid future time. */
export function useReactivationFor({ permanentAllowed = true }: { permanentAllowed?: boolean } = {}) {
  const { policy, role } = useReactivationPolicy();
  const hours = reactivationChoices(role, policy);
  const permanent = permanentAllowed && mayReactivatePermanently(role, policy);
  const [choice, setChoice] = useState<string>(permanent ? 'permanent' : String(hours[0] ?? 'permanent'));
  const until = useFutureTime();
  return {
    offered: policy.timeBoxed,
    hours,
    permanent,
    max: maxReactivationHours(role, policy),
    choice,
    until,
    setChoice,
    end(): ReactivationEnd | null {
      if (!policy.timeBoxed || choice === 'permanent') return {};
      if (choice !== 'until') return { hours: Number(choice) };
      const at = until.utc();
      return at === null ? null : { until: at };
    },
  };
}

export type ReactivationForState = ReturnType<typeof useReactivationFor>;

/** The `For` field (and `Until` when chosen), or the note saying what to configure. */
export function ReactivationFor({ id, state }: { id: string; state: ReactivationForState }) {
  if (!state.offered) return <p className={hintClass}>{NO_SERVICE_IDENTITY_NOTE}</p>;
  return (
    <div className="space-y-3">
      <div className="space-y-1.5">
        <label htmlFor={`${id}-for`} className="block text-sm font-medium">
          For
        </label>
        <select id={`${id}-for`} value={state.choice} onChange={(e) => state.setChoice(e.target.value)} className={fieldClass}>
          {state.hours.map((h) => (
            <option key={h} value={String(h)}>
              {hoursLabel(h)}
            </option>
          ))}
          <option value="until">Until…</option>
          {state.permanent ? <option value="permanent">Permanently</option> : null}
        </select>
        <p className={hintClass}>
          {state.choice === 'permanent'
            ? 'The account stays active.'
            : `The console deactivates the account again at the end, unless it is changed meanwhile.${
                state.max !== null ? ` Your role may reactivate for at most ${hoursLabel(state.max)}.` : ''
              }`}
        </p>
      </div>
      {state.choice === 'until' ? (
        <div className="space-y-1.5">
          <FutureTimeField id={`${id}-until`} label="Until" time={state.until} />
        </div>
      ) : null}
    </div>
  );
}
