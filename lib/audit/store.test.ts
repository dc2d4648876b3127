import { describe, expect, it } from 'vitest';
import { createAuditDb, migrate } from './db';
import { createAuditStore } from './store';

describe('audit store (SQLite)', () => {
  it('migrates idempotently and records pending then outcome, newest first', async () => {
    const db = createAuditDb('file::memory:');
    await migrate(db);
    await migrate(db);
    let t = Date.parse('2026-01-01T00:00:00Z');
    const store = createAuditStore(db, () => new Date((t += 1000)));
    const entry = {
      requestId: 'r1',
      actor: { sub: 's', email: 'a@x' },
      target: { id: 'u1', userName: 'ann' },
      action: 'deactivate' as const,
      method: 'PATCH' as const,
      reason: null,
      before: { active: true, version: 'W/"1"' },
    };
    const first = await store.insertPending(entry);
    expect(await store.get(first)).toMatchObject({ state: 'pending', finishedAt: null, createdAt: '2026-01-01T00:00:01.000Z', before: { active: true } });
    await store.recordOutcome(first, { state: 'succeeded', upstreamStatus: 200, after: { active: false, version: 'W/"2"' } });
    const second = await store.insertPending({ ...entry, requestId: 'r2', action: 'reactivate' });
    await store.recordOutcome(second, { state: 'failed', upstreamStatus: 500, errorDetail: 'boom' });
    const list = await store.listForTarget('u1');
    expect(list.map((r) => [r.requestId, r.state])).toEqual([
      ['r2', 'failed'],
      ['r1', 'succeeded'],
    ]);
    expect(list[1]).toMatchObject({ after: { active: false, version: 'W/"2"' }, finishedAt: '2026-01-01T00:00:02.000Z' });
    await store.ping();
  });
});
