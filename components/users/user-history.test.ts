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

const scheduled: NonNullable<HistoryEntry['schedule']> = {
  kind: 'scheduled',
  runAt: '2026-03-29T15:30:00.000Z',
  timeZone: 'Europe/Berlin',
  late: false,
  state: 'queued',
  detail: null,
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
    // Scheduled changes and expiries (docs/decisions/0110-scheduled-changes-are-jobs.md).
    [{ schedule: { ...scheduled, kind: 'expiry', state: 'succeeded' } }, 'Deactivated when the reactivation expired'],
    [{ schedule: { ...scheduled, state: 'succeeded' } }, 'Deactivated via PATCH as scheduled'],
    [{ schedule: { ...scheduled, state: 'succeeded', late: true } }, 'Deactivated via PATCH as scheduled (ran late)'],
    [{ kind: 'scheduled', schedule: scheduled }, 'Deactivation scheduled'],
    [{ kind: 'scheduled', action: 'reactivate', schedule: scheduled }, 'Reactivation scheduled'],
    [{ kind: 'scheduled', schedule: { ...scheduled, kind: 'expiry' } }, 'Reactivation set to expire'],
    [
      { kind: 'schedule-ended', schedule: { ...scheduled, state: 'skipped', detail: 'already inactive' } },
      'Scheduled deactivation skipped: already inactive',
    ],
    [
      { kind: 'schedule-ended', schedule: { ...scheduled, state: 'cancelled', detail: 'Cancelled by ann@example.com' } },
      'Scheduled deactivation cancelled: Cancelled by ann@example.com',
    ],
    [
      {
        kind: 'schedule-ended',
        schedule: {
          ...scheduled,
          kind: 'expiry',
          state: 'skipped',
          detail: 'The user was deactivated outside the console meanwhile; the expiry did nothing.',
        },
      },
      'Reactivation expiry skipped: The user was deactivated outside the console meanwhile; the expiry did nothing.',
    ],
  ])('%o reads "%s"', (change, text) => {
    expect(describeHistoryEntry({ ...base, ...change })).toBe(text);
  });
});
