// How the console writes an instant for people. The server knows neither the viewer's
// time zone nor language, and its clock is not the browser's, so whatever the server
// renders (and React's hydration renders again) uses a fixed form: UTC, en-US, no
// "x ago". The browser's own zone, language and clock come in right after hydration
// (components/ui/date-time.tsx#useNow); a server page that guessed would not hydrate
// (README "Speed").

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 days ago", "in 2 hours", "just now": `date` seen from `now` (epoch ms). */
export function formatRelative(date: Date, now: number): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size * 0.9 || unit === 'minute') return relative.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

const INSTANT: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'long' };
const DAY: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };
const fixed = {
  instant: new Intl.DateTimeFormat('en-US', { ...INSTANT, timeZone: 'UTC' }),
  day: new Intl.DateTimeFormat('en-US', { ...DAY, timeZone: 'UTC' }),
};
let viewers: { instant: Intl.DateTimeFormat; day: Intl.DateTimeFormat } | undefined;

/** The date and time, zone named: the viewer's own once `local` (in the browser after hydration), else UTC. */
export function formatInstant(date: Date, local: boolean): string {
  return formats(local).instant.format(date);
}

/** The date alone ("Dec 3, 2025"), in the viewer's zone once `local`, else UTC. */
export function formatDay(date: Date, local: boolean): string {
  return formats(local).day.format(date);
}

function formats(local: boolean) {
  if (!local) return fixed;
  viewers ??= { instant: new Intl.DateTimeFormat(undefined, INSTANT), day: new Intl.DateTimeFormat('en-US', DAY) };
  return viewers;
}

/**
 * A scheduled time to the minute, in the zone it was scheduled in (an unknown zone: as
 * without one); without a zone, the viewer's once `local`, else UTC. en-US until `local`.
 */
export function formatScheduled(date: Date, timeZone: string | null | undefined, local: boolean): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short', timeZone: local ? undefined : 'UTC' };
  const locale = local ? undefined : 'en-US';
  try {
    return new Intl.DateTimeFormat(locale, { ...options, ...(timeZone ? { timeZone } : {}) }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, options).format(date);
  }
}
