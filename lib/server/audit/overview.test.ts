import { Kysely } from 'kysely';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { migrate, type AuditDatabase } from './db';
import { createAuditOverview, utcDays, type AuditOverview } from './overview';
import type { PendingAudit } from './records';
import { auditDialects } from './testing/dialects';
import { pendingAudit } from './testing/pending-audit';
import { createAuditStore, type AuditStore } from './store';

const dialects = auditDialects();

const entry = (over: Partial<PendingAudit> = {}) => pendingAudit({ requestId: 'r', ...over });

describe('utcDays', () => {
  it('ends with the UTC day of now, oldest first, across a month end', () => {
    expect(utcDays(new Date('2026-03-02T23:59:59.999Z'), 4)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(utcDays(new Date('2026-03-03T00:00:00.000Z'), 1)).toEqual(['2026-03-03']);
  });
});

describe.each(dialects)('audit overview on %s', (_name, open, fresh) => {
  let db: Kysely<AuditDatabase>;
  let store: AuditStore;
  let overview: AuditOverview;
  let t: number;
  const clock = () => new Date(t);
  const at = (iso: string) => (t = Date.parse(iso));

  /** A finished console change at the clock's time. */
  async function change(over: Partial<PendingAudit>, state: 'succeeded' | 'failed', activeAfter: boolean | null) {
    const id = await store.insertPending(entry(over));
    await store.recordOutcome(id, {
      state,
      upstreamStatus: state === 'succeeded' ? 200 : 500,
      after: { active: activeAfter, version: null },
      errorDetail: state === 'failed' ? 'boom' : null,
    });
    return id;
  }

  beforeEach(async () => {
    if (db && fresh) await db.destroy();
    db = await open();
    await migrate(db);
    at('2026-01-31T12:00:00.000Z');
    store = createAuditStore(db, clock, { pendingTimeoutMs: 120_000 });
    overview = createAuditOverview(db, clock);
  });
  afterAll(() => (db && fresh ? db.destroy() : undefined));

  it('counts each UTC day, every day present, and leaves out days before the range', async () => {
    at('2026-01-01T10:00:00.000Z'); // 31 days back: outside a 30-day range
    await change({}, 'succeeded', false);
    at('2026-01-30T23:59:59.999Z');
    await change({}, 'succeeded', false);
    await change({ action: 'reactivate', target: { id: 'u2', userName: 'eve' } }, 'succeeded', true);
    await change({ target: { id: 'u3', userName: 'al' } }, 'failed', null);
    at('2026-01-31T00:00:00.000Z');
    await change({ target: { id: 'u4', userName: 'jo' } }, 'succeeded', false);
    // Seen first, then changed elsewhere: one outside change today.
    await store.observe([{ id: 'u9', userName: 'zed', active: true, version: 'W/"1"', lastModified: null }]);
    await store.observe([{ id: 'u9', userName: 'zed', active: false, version: 'W/"2"', lastModified: null }]);
    // A pending change counts nowhere yet.
    await store.insertPending(entry({ target: { id: 'u5', userName: 'kim' } }));

    at('2026-01-31T12:00:00.000Z');
    const days = await overview.dailyChanges(30);
    expect(days).toHaveLength(30);
    expect(days[0]!.day).toBe('2026-01-02');
    expect(days.at(-2)).toEqual({ day: '2026-01-30', deactivations: 1, reactivations: 1, failures: 1, outside: 0 });
    expect(days.at(-1)).toEqual({ day: '2026-01-31', deactivations: 1, reactivations: 0, failures: 0, outside: 1 });
    expect(days.slice(0, -2).every((d) => d.deactivations + d.reactivations + d.failures + d.outside === 0)).toBe(true);
  });

  it('counts a reconciled change by what it left: done, or a failure', async () => {
    const took = await store.insertPending(entry());
    await store.reconcile(took, { after: { active: false, version: null }, detail: 'settled' });
    const didNot = await store.insertPending(entry({ action: 'reactivate', target: { id: 'u2', userName: 'eve' } }));
    await store.reconcile(didNot, { after: { active: false, version: null }, detail: 'settled' });
    expect((await overview.dailyChanges(1))[0]).toEqual({ day: '2026-01-31', deactivations: 1, reactivations: 0, failures: 1, outside: 0 });
  });

  it('lists the latest console and outside changes together, newest first', async () => {
    at('2026-01-31T10:00:00.000Z');
    await change({ reason: 'left' }, 'succeeded', false);
    at('2026-01-31T11:00:00.000Z');
    await store.observe([{ id: 'u9', userName: 'zed', active: true, version: 'W/"1"', lastModified: null }]);
    at('2026-01-31T11:30:00.000Z');
    await store.observe([{ id: 'u9', userName: 'zed', active: false, version: 'W/"2"', lastModified: null }]);
    at('2026-01-31T12:00:00.000Z');
    await change({ action: 'reactivate', target: { id: 'u2', userName: 'eve' } }, 'failed', null);

    const latest = await overview.latestChanges(10);
    expect(latest.map((c) => [c.kind, c.target.userName, c.outcome])).toEqual([
      ['reactivate', 'eve', 'failed'],
      ['outside', 'zed', 'succeeded'],
      ['deactivate', 'bob', 'succeeded'],
    ]);
    expect(latest[2]).toMatchObject({ actorEmail: 'ann@example.com', reason: 'left', activeAfter: false });
    expect(latest[1]).toMatchObject({ actorEmail: null, activeAfter: false });
    expect(await overview.latestChanges(1)).toHaveLength(1);
  });

  it('needs attention: pending changes and failures not since put right, within the window', async () => {
    at('2025-12-01T00:00:00.000Z');
    await change({ target: { id: 'old', userName: 'old' } }, 'failed', null); // before the window
    const stuck = await store.insertPending(entry({ target: { id: 'p', userName: 'pending-one' } })); // pending: any age
    at('2026-01-30T00:00:00.000Z');
    await change({ target: { id: 'fixed', userName: 'fixed' } }, 'failed', null);
    await change({ target: { id: 'open', userName: 'open' } }, 'failed', null);
    at('2026-01-30T01:00:00.000Z');
    await change({ target: { id: 'fixed', userName: 'fixed' } }, 'succeeded', false); // puts "fixed" right
    await change({ target: { id: 'open', userName: 'open' } }, 'failed', null); // "open" failed twice

    at('2026-01-31T12:00:00.000Z');
    const attention = await overview.needsAttention({ days: 30, limit: 10 });
    expect(attention.map((c) => [c.target.userName, c.outcome])).toEqual([
      ['open', 'failed'],
      ['open', 'failed'],
      ['pending-one', 'pending'],
    ]);
    expect(attention.at(-1)!.id).toBe(stuck);
    expect(attention[0]!.error).toBe('boom');
  });
});
