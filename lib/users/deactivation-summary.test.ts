import { describe, expect, it } from 'vitest';
import { describeDeactivation, inactiveDescription, lastDeactivation, NO_RECORD_WORDS } from './deactivation-summary';
import { makeHistoryEntry } from './testing/make-history-entry';
import { makeUser } from './testing/make-user';

const entry = makeHistoryEntry;
const none = { reasonCode: null, ticket: null };

describe('lastDeactivation', () => {
  it('is the newest console deactivation, with who and why', () => {
    const entries = [
      entry({ at: '2026-01-03T00:00:00.000Z', reasonCode: 'Leaver', ticket: 'HR-1' }),
      entry({ at: '2026-01-01T00:00:00.000Z', reason: 'older' }),
    ];
    expect(lastDeactivation(entries)).toEqual({
      at: '2026-01-03T00:00:00.000Z',
      by: 'admin@example.com',
      reason: 'Left',
      reasonCode: 'Leaver',
      ticket: 'HR-1',
    });
  });

  it('is an outside change that left the user inactive, with no one named', () => {
    const outside = entry({ kind: 'outside-change', actor: null, action: null, method: null, reason: null });
    expect(lastDeactivation([outside])).toEqual({ at: outside.at, by: null, reason: null, ...none });
  });

  it('keeps the console’s reason when a later outside change only edited a user already inactive', () => {
    const edit = entry({ at: '2026-01-05T00:00:00.000Z', kind: 'outside-change', actor: null, activeBefore: false, activeAfter: false });
    const ours = entry({ at: '2026-01-03T00:00:00.000Z', reasonCode: 'Security incident' });
    expect(lastDeactivation([edit, ours])).toMatchObject({ at: ours.at, by: 'admin@example.com', reasonCode: 'Security incident' });
  });

  it('is the outside deactivation when one came after the console’s (reactivated and switched off again there)', () => {
    const outside = entry({ at: '2026-01-05T00:00:00.000Z', kind: 'outside-change', actor: null, activeBefore: true, activeAfter: false });
    const back = entry({ at: '2026-01-04T00:00:00.000Z', kind: 'outside-change', actor: null, activeBefore: false, activeAfter: true });
    const ours = entry({ at: '2026-01-03T00:00:00.000Z', reasonCode: 'Security incident' });
    expect(lastDeactivation([outside, back, ours])).toMatchObject({ at: outside.at, by: null, reasonCode: null });
  });

  it('skips reactivations, failures and outside changes that turned the user on', () => {
    const entries = [
      entry({ kind: 'reactivated', action: 'reactivate', activeAfter: true }),
      entry({ kind: 'failed' }),
      entry({ kind: 'outside-change', actor: null, activeAfter: true }),
    ];
    expect(lastDeactivation(entries)).toBeNull();
  });
});

describe('describeDeactivation', () => {
  const when = (iso: string) => `at ${iso.slice(0, 10)}`;
  it('names when, who, the reason code, the reason and the ticket', () => {
    const s = { at: '2026-01-03T00:00:00Z', by: 'admin@example.com', reason: 'phished', reasonCode: 'Security incident', ticket: 'SEC-9' };
    expect(describeDeactivation(s, when)).toBe('Deactivated at 2026-01-03 by admin@example.com — Security incident: phished (SEC-9)');
    expect(describeDeactivation({ ...s, reason: null, ticket: null }, when)).toBe(
      'Deactivated at 2026-01-03 by admin@example.com — Security incident',
    );
    expect(describeDeactivation({ ...s, reason: null, ...none }, when)).toBe('Deactivated at 2026-01-03 by admin@example.com');
  });

  it('says outside the console, with no reason, and when there is no record', () => {
    expect(describeDeactivation({ at: '2026-01-03T00:00:00Z', by: null, reason: null, ...none }, when)).toBe(
      'Deactivated outside the console at 2026-01-03',
    );
    expect(describeDeactivation(null, when)).toBe(NO_RECORD_WORDS);
  });
});

describe('inactiveDescription', () => {
  it('describes an inactive user with a lifecycle, and nothing else', () => {
    const summary = { at: '2026-01-03T00:00:00Z', by: 'a@example.com', reason: null, reasonCode: 'Leaver', ticket: null };
    const off = { ...makeUser('u1', false), lifecycle: { protection: null, lastDeactivation: summary } };
    expect(inactiveDescription(off, false)).toBe('Deactivated Jan 3, 2026, 12:00:00 AM UTC by a@example.com — Leaver');
    expect(inactiveDescription({ ...off, lifecycle: { protection: null, lastDeactivation: null } }, true)).toBe(NO_RECORD_WORDS);
    expect(inactiveDescription(makeUser('u2', false), true)).toBeNull();
    expect(inactiveDescription({ ...off, active: true }, true)).toBeNull();
  });
});
