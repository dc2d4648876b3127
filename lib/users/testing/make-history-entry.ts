import type { HistoryEntry } from '@/lib/users/types';

/** A History entry for tests: a console deactivation by admin@example.com with the reason "Left", unless `over` says otherwise. */
export function makeHistoryEntry(over: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: 'e',
    at: '2026-01-02T00:00:00.000Z',
    kind: 'deactivated',
    method: 'PATCH',
    actor: { sub: 's', email: 'admin@example.com' },
    action: 'deactivate',
    reason: 'Left',
    reasonCode: null,
    ticket: null,
    versionBefore: null,
    versionAfter: null,
    activeBefore: true,
    activeAfter: false,
    error: null,
    ...over,
  };
}
