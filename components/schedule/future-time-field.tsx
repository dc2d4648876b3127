'use client';
// A date and time ahead, typed in the viewer's time zone and sent as UTC
// (docs/decisions/0112-schedule-times-and-time-zones.md): the `Until` of a time-boxed
// reactivation and the `When` of a scheduled change.
import { useState } from 'react';
import { errorClass, fieldClass, hintClass } from '@/components/ui/field';
import { zonedToUtc } from '@/lib/schedule/zoned-time';

export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The typed value, and `utc()`: the instant it means, or null (and the field says why) when it is not a time ahead. */
export function useFutureTime() {
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return {
    value,
    problem,
    set: (next: string) => {
      setValue(next);
      setProblem(null);
    },
    utc(): string | null {
      const at = zonedToUtc(value, browserTimeZone());
      if (!at || Date.parse(at) <= Date.now()) {
        setProblem('Choose a date and time in the future.');
        return null;
      }
      return at;
    },
  };
}

export type FutureTime = ReturnType<typeof useFutureTime>;

/** Label, datetime-local input and a hint that names the viewer's time zone (or the problem). */
export function FutureTimeField({
  id,
  label,
  time,
  hint = '',
  autoFocus = false,
}: {
  id: string;
  label: string;
  time: FutureTime;
  /** Said after "In your time zone, <zone>." */
  hint?: string;
  autoFocus?: boolean;
}) {
  return (
    <>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        type="datetime-local"
        value={time.value}
        onChange={(e) => time.set(e.target.value)}
        aria-invalid={time.problem ? true : undefined}
        aria-describedby={`${id}-hint`}
        className={fieldClass}
        autoFocus={autoFocus}
      />
      <p id={`${id}-hint`} className={time.problem ? errorClass : hintClass}>
        {time.problem ?? `In your time zone, ${browserTimeZone()}.${hint ? ` ${hint}` : ''}`}
      </p>
    </>
  );
}
