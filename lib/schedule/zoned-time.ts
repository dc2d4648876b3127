// A wall-clock date and time in a named time zone ↔ the UTC instant it means
// (docs/decisions/0112-schedule-times-and-time-zones.md). The admin picks
// "17:30 on their last day" in their own zone; the console stores UTC.
import { TZDate } from '@date-fns/tz';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * `2026-03-29T17:30` in `Europe/Berlin` → `2026-03-29T15:30:00.000Z`. A time the clocks skip
 * (02:30 on the spring change) means the same time after the change (03:30); a time that
 * happens twice (02:30 on the autumn change) means the second, after the clocks went back.
 * Null when the text is not a date and time, or the zone is unknown.
 */
export function zonedToUtc(local: string, timeZone: string): string | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  try {
    const date = new TZDate(y, mo - 1, d, h, mi, s, timeZone);
    // A day that does not exist in the month (31 April) rolls over: refuse it.
    if (date.getMonth() !== mo - 1) return null;
    return Number.isNaN(date.getTime()) ? null : new Date(date.getTime()).toISOString();
  } catch {
    return null;
  }
}

/** The instant as a wall-clock `YYYY-MM-DDTHH:mm` in the zone (a datetime-local input's value). */
export function utcToZoned(iso: string, timeZone: string): string {
  const date = new TZDate(new Date(iso).getTime(), timeZone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}`;
}
