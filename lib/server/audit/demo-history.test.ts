import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditDb, migrate, type AuditDatabase } from './db';
import { seedDemoHistory, SEED_PREFIX, type DemoUser } from './demo-history';
import { createAuditOverview } from './overview';
import { createAuditStore } from './store';
import { pendingAudit } from './testing/pending-audit';

// The demo's audit log is always SQLite (scripts/demo.mjs refuses anything else).
const tmp = mkdtempSync(path.join(tmpdir(), 'demo-history-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const users: DemoUser[] = Array.from({ length: 120 }, (_, i) => ({
  id: `005U${String(i).padStart(6, '0')}`,
  userName: `user${i}@example.com`,
  active: i % 4 !== 0,
  version: `W/"${i + 3}"`,
  lastModified: `2026-0${1 + (i % 9)}-15T10:00:00.000Z`,
}));

describe('the demo’s seeded history', () => {
  let db: Kysely<AuditDatabase>;
  beforeEach(async () => {
    db = createAuditDb(`file:${path.join(tmp, `${Math.random().toString(36).slice(2)}.db`)}`);
    await migrate(db);
  });
  afterEach(() => db.destroy());

  it('spreads marked, finished changes over the last weeks, none in the future', async () => {
    const seeded = await seedDemoHistory(db, users, { now: NOW, days: 21 });
    expect(seeded!.records).toBeGreaterThan(40);
    expect(seeded!.observations).toBeGreaterThan(3);
    const records = await db.selectFrom('audit_records').selectAll().execute();
    expect(records.every((r) => r.request_id.startsWith(SEED_PREFIX) && r.state !== 'pending')).toBe(true);
    const times = records.map((r) => Date.parse(r.created_at));
    expect(Math.max(...times)).toBeLessThan(NOW);
    expect(Math.min(...times)).toBeGreaterThan(NOW - 25 * 86_400_000);
    const observations = await db.selectFrom('audit_observations').selectAll().execute();
    expect(observations.every((o) => o.id.startsWith(SEED_PREFIX) && o.source === 'outside')).toBe(true);

    const overview = createAuditOverview(db, () => new Date(NOW));
    const days = await overview.dailyChanges(30);
    const sum = (k: 'deactivations' | 'reactivations' | 'failures' | 'outside') => days.reduce((s, d) => s + d[k], 0);
    expect([sum('deactivations'), sum('reactivations'), sum('failures'), sum('outside')].every((n) => n > 0)).toBe(true);
    expect((await overview.needsAttention({ days: 30, limit: 10 })).map((c) => c.outcome)).toEqual(['failed', 'failed']);
  });

  it('agrees with the users as they are: reading them records nothing as changed outside the console', async () => {
    await seedDemoHistory(db, users, { now: NOW });
    const store = createAuditStore(db, () => new Date(NOW));
    const written = await store.observe(users);
    expect(written.filter((o) => o.source === 'outside')).toEqual([]);
    const seededTargets = new Set(
      (await db.selectFrom('audit_records').select('target_id').where('state', '=', 'succeeded').execute()).map((r) => r.target_id),
    );
    const ofSeeded = written.filter((o) => seededTargets.has(o.target.id));
    // Not vacuous: the seeded changes' users are among those read.
    expect(ofSeeded.length).toBeGreaterThan(0);
    expect(ofSeeded.every((o) => o.source === 'console')).toBe(true);
  });

  it('writes nothing into a log that already has records', async () => {
    const store = createAuditStore(db, () => new Date(NOW));
    await store.insertPending(pendingAudit({ requestId: 'real' }));
    expect(await seedDemoHistory(db, users, { now: NOW })).toBeNull();
    expect(await db.selectFrom('audit_records').select('id').execute()).toHaveLength(1);
  });
});
