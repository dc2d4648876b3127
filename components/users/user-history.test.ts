import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '@/lib/users/types';
import { describeHistoryEntry } from './user-history';

const base: HistoryEntry = {
  id: '1',
  at: '2026-01-01T00:00:00.000Z',
  kind: 'deactivated',
  method: 'PATCH',
  actor: { sub: 's', email: 'a@x.io' },
  action: 'deactivate',
  reason: null,
  reasonCode: null,
  ticket: null,
  versionBefore: 'W/"1"',
  versionAfter: 'W/"2"',
  activeBefore: true,
  activeAfter: false,
  error: null,
};

describe('describeHistoryEntry', () => {
  it.each<[Partial<HistoryEntry>, string]>([
    [{}, 'Deactivated via PATCH'],
    [{ method: 'DELETE' }, 'Deactivated via DELETE'],
    [{ method: 'DELETE', activeAfter: null, versionAfter: null, removed: true }, 'Removed via DELETE'],
    [{ kind: 'reactivated', action: 'reactivate' }, 'Reactivated'],
    [{ kind: 'failed', error: 'Injected failure (status 500)' }, 'Failed to deactivate: Injected failure (status 500)'],
    [{ kind: 'pending' }, 'Pending… (deactivate via PATCH)'],
    [{ kind: 'reconciled', error: 'no outcome was recorded' }, 'Settled after an interrupted deactivation: no outcome was recorded'],
    [{ kind: 'outside-change', method: null, actor: null, action: null }, 'Changed outside the console: active → inactive'],
    [{ kind: 'outside-change', method: null, actor: null, action: null, activeBefore: false }, 'Changed outside the console: now inactive'],
    [
      { kind: 'outside-change', method: null, actor: null, action: null, activeBefore: false, activeAfter: true, changedBack: true },
      'Changed back outside the console: inactive → active',
    ],
  ])('%o reads "%s"', (change, text) => {
    expect(describeHistoryEntry({ ...base, ...change })).toBe(text);
  });
});
