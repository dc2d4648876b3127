'use client';

import { DateTime } from '@/components/ui/date-time';

/** The exact time in the browser's own time zone, then how long ago: a server component knows neither. */
export function ChangeTime({ value }: { value: string }) {
  return <DateTime value={value} />;
}
