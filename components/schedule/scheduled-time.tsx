'use client';

import { RelativeTime } from '@/components/ui/date-time';

/** "Sun, 29 Mar 2026, 17:30 CEST (in 3 hours)": in the time zone it was scheduled in, else the viewer's. */
export function ScheduledTime({ value, timeZone }: { value: string; timeZone?: string | null }) {
  const date = new Date(value);
  let text: string;
  try {
    text = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: timeZone ?? undefined }).format(date);
  } catch {
    text = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }
  return (
    <span suppressHydrationWarning>
      <time dateTime={value} title={value}>
        {text}
      </time>
      {timeZone ? <span className="text-slate-600 dark:text-slate-400"> {timeZone}</span> : null}{' '}
      <span className="text-slate-600 dark:text-slate-400">
        (<RelativeTime value={value} />)
      </span>
    </span>
  );
}
