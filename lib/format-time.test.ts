import { describe, expect, it } from 'vitest';
import { formatDay, formatInstant, formatRelative, formatScheduled } from './format-time';

// What the server renders, and hydration renders again, must not depend on the machine: fixed en-US and UTC.
const at = new Date('2026-03-29T15:30:00Z');

describe('the fixed form (server and hydration)', () => {
  it('writes instants, days and scheduled times in en-US and UTC', () => {
    expect(formatInstant(at, false)).toBe('Mar 29, 2026, 3:30:00 PM UTC');
    expect(formatDay(new Date('2026-03-29T23:30:00Z'), false)).toBe('Mar 29, 2026');
    expect(formatScheduled(at, null, false)).toBe('Mar 29, 2026, 3:30 PM');
  });

  it('keeps the zone a change was scheduled in, and falls back to UTC for a zone it does not know', () => {
    expect(formatScheduled(at, 'Europe/Berlin', false)).toBe('Mar 29, 2026, 5:30 PM');
    expect(formatScheduled(at, 'Not/AZone', false)).toBe('Mar 29, 2026, 3:30 PM');
  });
});

describe('formatRelative', () => {
  it('says just now, then minutes, hours and days, past or ahead', () => {
    const now = at.getTime();
    expect(formatRelative(new Date(now - 30_000), now)).toBe('just now');
    expect(formatRelative(new Date(now - 5 * 60_000), now)).toBe('5 minutes ago');
    expect(formatRelative(new Date(now + 3 * 3_600_000), now)).toBe('in 3 hours');
    expect(formatRelative(new Date(now - 2 * 86_400_000), now)).toBe('2 days ago');
  });
});
