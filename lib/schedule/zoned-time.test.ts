import { describe, expect, it } from 'vitest';
import { utcToZoned, zonedToUtc } from './zoned-time';

describe('zonedToUtc: the admin’s wall-clock time in their zone, stored as UTC', () => {
  it.each([
    // A leaver's 17:30 in Berlin on the day the clocks go forward (02:00 → 03:00, CET → CEST).
    ['2026-03-29T17:30', 'Europe/Berlin', '2026-03-29T15:30:00.000Z'],
    // The day before: still CET (+01:00).
    ['2026-03-28T17:30', 'Europe/Berlin', '2026-03-28T16:30:00.000Z'],
    // The day the clocks go back (03:00 → 02:00, CEST → CET): 17:30 is CET again.
    ['2026-10-25T17:30', 'Europe/Berlin', '2026-10-25T16:30:00.000Z'],
    ['2026-10-24T17:30', 'Europe/Berlin', '2026-10-24T15:30:00.000Z'],
    // The US changes on other days: between the two changes New York is 5 h behind Berlin, not 6.
    ['2026-03-20T17:30', 'America/New_York', '2026-03-20T21:30:00.000Z'],
    ['2026-03-07T17:30', 'America/New_York', '2026-03-07T22:30:00.000Z'],
    // Southern hemisphere: Sydney leaves daylight saving on 5 April 2026 (+11 → +10).
    ['2026-04-04T17:30', 'Australia/Sydney', '2026-04-04T06:30:00.000Z'],
    ['2026-04-05T17:30', 'Australia/Sydney', '2026-04-05T07:30:00.000Z'],
    // A zone with a half-hour offset and no daylight saving.
    ['2026-03-29T17:30', 'Asia/Kolkata', '2026-03-29T12:00:00.000Z'],
    ['2026-03-29T17:30', 'UTC', '2026-03-29T17:30:00.000Z'],
    // Across a year end in the zone but not in UTC.
    ['2027-01-01T00:30', 'Europe/Berlin', '2026-12-31T23:30:00.000Z'],
  ])('%s in %s is %s', (local, zone, utc) => {
    expect(zonedToUtc(local, zone)).toBe(utc);
  });

  it('a time the clocks skip means the same time after the change', () => {
    // 02:30 does not exist in Berlin on 29 March 2026; it is read as 03:30 CEST.
    expect(zonedToUtc('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedToUtc('2026-03-29T03:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('a time that happens twice means the second one, after the clocks went back', () => {
    expect(zonedToUtc('2026-10-25T02:30', 'Europe/Berlin')).toBe('2026-10-25T01:30:00.000Z');
  });

  it.each([
    ['2026-04-31T10:00', 'Europe/Berlin'],
    ['2026-13-01T10:00', 'Europe/Berlin'],
    ['2026-03-29T24:00', 'Europe/Berlin'],
    ['tomorrow', 'Europe/Berlin'],
    ['2026-03-29T17:30', 'Mars/Olympus'],
  ])('refuses %s in %s', (local, zone) => {
    expect(zonedToUtc(local, zone)).toBeNull();
  });
});

describe('utcToZoned', () => {
  it('shows an instant as the wall-clock time in the zone, on either side of a change', () => {
    expect(utcToZoned('2026-03-29T15:30:00.000Z', 'Europe/Berlin')).toBe('2026-03-29T17:30');
    expect(utcToZoned('2026-03-28T16:30:00.000Z', 'Europe/Berlin')).toBe('2026-03-28T17:30');
    expect(utcToZoned('2026-03-29T15:30:00.000Z', 'America/New_York')).toBe('2026-03-29T11:30');
  });

  it('round-trips every hour of a day with a change', () => {
    for (let h = 0; h < 24; h++) {
      const local = `2026-10-25T${String(h).padStart(2, '0')}:15`;
      const utc = zonedToUtc(local, 'Europe/Berlin')!;
      expect(utcToZoned(utc, 'Europe/Berlin')).toBe(local);
    }
  });
});
