import { describe, expect, it } from 'vitest';
import { lastDeactivation } from './deactivation-summary';
import { makeHistoryEntry } from './testing/make-history-entry';

const entry = makeHistoryEntry;

describe('lastDeactivation', () => {
  it('is the newest console deactivation, with who and why', () => {
    const entries = [entry({ at: '2026-01-03T00:00:00.000Z' }), entry({ at: '2026-01-01T00:00:00.000Z', reason: 'older' })];
    expect(lastDeactivation(entries)).toEqual({ at: '2026-01-03T00:00:00.000Z', by: 'admin@example.com', reason: 'Left' });
  });

  it('is an outside change that left the user inactive, with no one named', () => {
    const outside = entry({ kind: 'outside-change', actor: null, action: null, method: null, reason: null });
    expect(lastDeactivation([outside])).toEqual({ at: outside.at, by: null, reason: null });
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
