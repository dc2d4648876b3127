import { describe, expect, it } from 'vitest';
import type { AuditRecord, Observation } from '@/lib/server/audit/records';
import { buildHistory } from './history';

const record = (over: Partial<AuditRecord> & Pick<AuditRecord, 'id' | 'createdAt'>): AuditRecord => ({
  requestId: `req-${over.id}`,
  finishedAt: over.createdAt,
  actor: { sub: 'admin', email: 'admin@example.com' },
  target: { id: 'u1', userName: 'ada@example.com' },
  action: 'deactivate',
  method: 'PATCH',
  reason: null,
  reasonCode: null,
  ticket: null,
  state: 'succeeded',
  before: { active: true, version: 'W/"1"' },
  after: { active: false, version: 'W/"2"' },
  upstreamStatus: 200,
  errorDetail: null,
  jobId: null,
  sessionId: null,
  provider: null,
  identity: 'admin-token',
  ...over,
});

const observation = (
  over: Partial<Observation> & Pick<Observation, 'id' | 'observedAt' | 'active' | 'version' | 'previous'>,
): Observation => ({
  target: { id: 'u1', userName: 'ada@example.com' },
  lastModified: over.observedAt,
  source: 'outside',
  activationId: null,
  ...over,
});

// The console deactivates at 10:00 (and reads its own change back); later reads see more.
const deactivation = record({ id: 'r1', createdAt: '2026-11-30T10:00:00.000Z' });
const ownRead = observation({
  id: 'o1',
  observedAt: '2026-11-30T10:00:01.000Z',
  source: 'console',
  activationId: 'r1',
  active: false,
  version: 'W/"2"',
  previous: { active: true, version: 'W/"1"' },
});
const reactivatedOutside = (id: string, at: string, previous = { active: false, version: 'W/"2"' }) =>
  observation({ id, observedAt: at, active: true, version: 'W/"3"', previous });

describe('buildHistory: changed back outside the console', () => {
  it('marks an outside change that puts back what the console’s change before it changed', () => {
    const entries = buildHistory([deactivation], [reactivatedOutside('o2', '2026-11-30T11:00:00.000Z'), ownRead]);
    expect(entries.map((e) => [e.kind, e.changedBack ?? false])).toEqual([
      ['outside-change', true],
      ['deactivated', false],
    ]);
  });

  it('does not mark an outside change after a console change that moved nothing it undoes', () => {
    // The console reactivated; someone outside reactivated again later (no flip back).
    const reactivation = record({
      id: 'r2',
      createdAt: '2026-11-30T10:00:00.000Z',
      action: 'reactivate',
      before: { active: false, version: 'W/"1"' },
      after: { active: true, version: 'W/"2"' },
    });
    const sameWay = observation({
      id: 'o3',
      observedAt: '2026-11-30T12:00:00.000Z',
      active: true,
      version: 'W/"4"',
      previous: { active: true, version: 'W/"2"' },
    });
    const [outside] = buildHistory([reactivation], [sameWay]);
    expect(outside?.changedBack).toBeUndefined();
  });

  it('marks only the first outside change after the console’s, and none without a console change', () => {
    const later = observation({
      id: 'o4',
      observedAt: '2026-11-30T13:00:00.000Z',
      active: false,
      version: 'W/"5"',
      previous: { active: true, version: 'W/"3"' },
    });
    const again = observation({
      id: 'o5',
      observedAt: '2026-11-30T14:00:00.000Z',
      active: true,
      version: 'W/"6"',
      previous: { active: false, version: 'W/"5"' },
    });
    const entries = buildHistory([deactivation], [again, later, reactivatedOutside('o2', '2026-11-30T11:00:00.000Z'), ownRead]);
    expect(entries.map((e) => e.changedBack ?? false)).toEqual([false, false, true, false]);
    expect(buildHistory([], [reactivatedOutside('o2', '2026-11-30T11:00:00.000Z')])[0]?.changedBack).toBeUndefined();
  });

  it('does not mark a failed console change put right outside', () => {
    const failed = record({ id: 'r3', createdAt: '2026-11-30T10:00:00.000Z', state: 'failed', after: { active: null, version: null } });
    const [outside] = buildHistory([failed], [reactivatedOutside('o2', '2026-11-30T11:00:00.000Z')]);
    expect(outside?.changedBack).toBeUndefined();
  });
});

describe('buildHistory: removals', () => {
  it('says a DELETE removed the user when the provider then had no such user, and not when reading it back failed', () => {
    const removal = record({ id: 'r4', createdAt: '2026-11-30T10:00:00.000Z', method: 'DELETE', after: { active: null, version: null } });
    const unread = record({ ...removal, id: 'r5', errorDetail: 'changed, but reading the user back failed: timeout' });
    const deactivation = record({ id: 'r6', createdAt: '2026-11-30T09:00:00.000Z', method: 'DELETE' });
    expect(buildHistory([removal, unread, deactivation], []).map((e) => [e.id, e.removed ?? false])).toEqual([
      ['r4', true],
      ['r5', false],
      ['r6', false],
    ]);
  });
});
