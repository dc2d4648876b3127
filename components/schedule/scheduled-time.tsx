'use client';

import { RelativeTime, useNow } from '@/components/ui/date-time';
import { formatScheduled } from '@/lib/format-time';

/**
 * "Sun, 29 Mar 2026, 17:30 CEST (in 3 hours)": in the time zone it was scheduled in, else the
 * viewer's; on the server and while hydrating, in en-US and UTC where no zone was given
 * (lib/format-time.ts says why).
 */
export function ScheduledTime({ value, timeZone }: { value: string; timeZone?: string | null }) {
  const text = formatScheduled(new Date(value), timeZone, useNow() !== null);
  return (
    <span>
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
