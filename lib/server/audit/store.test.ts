// Long on purpose: every case runs on SQLite, PGlite and (in CI) PostgreSQL through
// one parameterised suite.
import { Kysely, sql } from 'kysely';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { dialectOf, migrate, type AuditDatabase } from './db';
import { encodeCursor, InvalidCursorError } from './cursor';
import { recordById } from './testing/record-by-id';
import { auditDialects } from './testing/dialects';
import { pendingAudit } from './testing/pending-audit';
import { createAuditStore, type AuditStore } from './store';

const dialects = auditDialects();

const entry = pendingAudit;

describe.each(dialects)('audit store on %s', (name, open, fresh) => {
  let db: Kysely<AuditDatabase>;
  let store: AuditStore;
  let t: number;
  /** The clock only moves when a test says so: equal timestamps are the norm here. */
  const clock = () => new Date(t);

  beforeEach(async () => {
    if (db && fresh) await db.destroy();
    db = await open();
    await migrate(db);
    t = Date.parse('2026-01-01T00:00:00Z');
    store = createAuditStore(db, clock, { pendingTimeoutMs: 120_000 });
  });
  afterAll(() => (db && fresh ? db.destroy() : undefined));

  it('runs on the dialect it says, and migrates idempotently', async () => {
    expect(dialectOf(db)).toBe(name.startsWith('SQLite') ? 'sqlite' : 'postgres');
    await migrate(db);
    await store.ping();
  });

  it('records pending then outcome, newest first', async () => {
    const first = await store.insertPending({ ...entry(), reason: 'left, "for good"\nbye' });
    expect(await recordById(store, first)).toMatchObject({
      state: 'pending',
      finishedAt: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      before: { active: true },
    });
    t += 1000;
    expect(await store.recordOutcome(first, { state: 'succeeded', upstreamStatus: 200, after: { active: false, version: 'W/"2"' } })).toBe(
      true,
    );
    const second = await store.insertPending(entry({ requestId: 'r2', action: 'reactivate' }));
    await store.recordOutcome(second, { state: 'failed', upstreamStatus: 500, errorDetail: 'boom' });
    const list = await store.listForTarget('u1');
    expect(list.map((r) => [r.requestId, r.state])).toEqual([
      ['r2', 'failed'],
      ['r1', 'succeeded'],
    ]);
    expect(list[1]).toMatchObject({
      reason: 'left, "for good"\nbye',
      after: { active: false, version: 'W/"2"' },
      finishedAt: '2026-01-01T00:00:01.000Z',
    });
  });

  it('gives each target’s latest deactivation and its latest observations, in one query each', async () => {
    const deactivate = async (target: string, requestId: string, state: 'succeeded' | 'failed') => {
      const id = await store.insertPending(entry({ requestId, target: { id: target, userName: target } }));
      await store.recordOutcome(id, { state, upstreamStatus: 200, after: { active: false, version: `W/"${requestId}"` } });
      t += 1000;
    };
    await deactivate('a', 'a-old', 'succeeded');
    await deactivate('a', 'a-new', 'succeeded');
    await deactivate('a', 'a-failed', 'failed');
    await deactivate('b', 'b-only', 'succeeded');
    await deactivate('c', 'c-elsewhere', 'succeeded');
    for (let v = 1; v <= 3; v++) {
      await store.observe([{ id: 'a', userName: 'a', active: v % 2 === 0, version: `W/"o${v}"`, lastModified: null }]);
      t += 1000;
    }
    const { records, observations } = await store.deactivationEvidence(['a', 'b', 'z'], 2);
    expect(records.map((r) => r.requestId).sort()).toEqual(['a-new', 'b-only']);
    expect(observations.map((o) => o.version)).toEqual(['W/"o3"', 'W/"o2"']);
    expect(await store.deactivationEvidence([])).toEqual({ records: [], observations: [] });
  });

  describe('append-only', () => {
    it('allows pending → final once; a second outcome changes nothing', async () => {
      const id = await store.insertPending(entry());
      expect(await store.recordOutcome(id, { state: 'succeeded', upstreamStatus: 200, after: { active: false, version: 'W/"2"' } })).toBe(
        true,
      );
      expect(await store.recordOutcome(id, { state: 'failed', upstreamStatus: 500, errorDetail: 'late' })).toBe(false);
      expect(await store.reconcile(id, { after: null, detail: 'x' })).toBe(false);
      expect(await recordById(store, id)).toMatchObject({ state: 'succeeded', upstreamStatus: 200, errorDetail: null });
    });

    it('refuses, in the database, any update of a final record and any delete', async () => {
      const id = await store.insertPending(entry());
      await store.recordOutcome(id, { state: 'failed', upstreamStatus: 500, errorDetail: 'boom' });
      await expect(db.updateTable('audit_records').set({ error_detail: 'rewritten' }).where('id', '=', id).execute()).rejects.toThrow(
        /append-only/,
      );
      await expect(db.updateTable('audit_records').set({ state: 'pending' }).where('id', '=', id).execute()).rejects.toThrow(/append-only/);
      await expect(db.deleteFrom('audit_records').where('id', '=', id).execute()).rejects.toThrow(/append-only/);
      const pending = await store.insertPending(entry({ requestId: 'r2' }));
      await expect(db.deleteFrom('audit_records').where('id', '=', pending).execute()).rejects.toThrow(/append-only/);
      expect(await recordById(store, id)).toMatchObject({ errorDetail: 'boom', state: 'failed' });
    });

    it('refuses to rewrite who/what/why even in the pending → final update', async () => {
      const id = await store.insertPending(entry());
      await expect(
        db.updateTable('audit_records').set({ state: 'succeeded', actor_sub: 'someone-else' }).where('id', '=', id).execute(),
      ).rejects.toThrow(/append-only/);
      await expect(
        db.updateTable('audit_records').set({ state: 'succeeded', reason: 'edited' }).where('id', '=', id).execute(),
      ).rejects.toThrow(/append-only/);
      // 0004 added job_id to the columns fixed at insert.
      await expect(
        db.updateTable('audit_records').set({ state: 'succeeded', job_id: 'another-job' }).where('id', '=', id).execute(),
      ).rejects.toThrow(/append-only/);
      await expect(
        db
          .updateTable('audit_records')
          .set({ state: 'bogus' as 'failed' })
          .where('id', '=', id)
          .execute(),
      ).rejects.toThrow(/append-only/);
      expect(await recordById(store, id)).toMatchObject({ state: 'pending', actor: { sub: 'sub-ann' }, reason: null, jobId: null });
      const ofJob = await store.insertPending(entry({ jobId: 'job-1' }));
      await expect(
        db.updateTable('audit_records').set({ state: 'failed', job_id: null }).where('id', '=', ofJob).execute(),
      ).rejects.toThrow(/append-only/);
      expect(await recordById(store, ofJob)).toMatchObject({ state: 'pending', jobId: 'job-1' });
    });

    it('keeps whose credential made the call (0007) fixed at insert', async () => {
      const id = await store.insertPending(entry({ identity: 'service-identity' }));
      expect(await recordById(store, id)).toMatchObject({ identity: 'service-identity' });
      await expect(
        db.updateTable('audit_records').set({ state: 'succeeded', call_identity: 'admin-token' }).where('id', '=', id).execute(),
      ).rejects.toThrow(/append-only/);
      await store.recordOutcome(id, { state: 'succeeded', upstreamStatus: 200 });
      expect(await recordById(store, id)).toMatchObject({ state: 'succeeded', identity: 'service-identity' });
      // Written without one (records from before 0007 read the same way): null.
      expect(await recordById(store, await store.insertPending(entry()))).toMatchObject({ identity: null });
    });

    it('keeps the reason code and ticket (0008) fixed at insert', async () => {
      const id = await store.insertPending(entry({ reasonCode: 'Leaver', ticket: 'HR-1' }));
      for (const change of [{ reason_code: 'Other' }, { ticket: null }]) {
        await expect(
          db
            .updateTable('audit_records')
            .set({ state: 'succeeded', ...change })
            .where('id', '=', id)
            .execute(),
        ).rejects.toThrow(/append-only/);
      }
      await store.recordOutcome(id, { state: 'succeeded', upstreamStatus: 200 });
      expect(await recordById(store, id)).toMatchObject({ state: 'succeeded', reasonCode: 'Leaver', ticket: 'HR-1' });
    });

    it('never updates or deletes an observation', async () => {
      await store.observe([{ id: 'u1', userName: 'bob', active: true, version: 'W/"1"', lastModified: null }]);
      await expect(db.updateTable('audit_observations').set({ version: 'W/"9"' }).execute()).rejects.toThrow(/append-only/);
      await expect(db.deleteFrom('audit_observations').execute()).rejects.toThrow(/append-only/);
      if (name.startsWith('PostgreSQL')) await expect(sql`truncate audit_records`.execute(db)).rejects.toThrow(/append-only/);
      expect(await store.listObservations('u1')).toHaveLength(1);
    });
  });

  describe('keyset pagination', () => {
    async function seed(n: number) {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        // Seven records per millisecond: ties must be broken, not skipped or repeated.
        if (i % 7 === 0) t += 1;
        const actor =
          i % 3 === 0
            ? { sub: 'sub-ann', email: 'ann@example.com' }
            : i % 3 === 1
              ? { sub: 'ann@example.com', email: null }
              : { sub: 'sub-cy', email: 'cy@example.com' };
        ids.push(
          await store.insertPending(
            entry({
              requestId: `r${i}`,
              actor,
              action: i % 2 ? 'reactivate' : 'deactivate',
              target: { id: `u${i % 5}`, userName: `user${i % 5}` },
            }),
          ),
        );
      }
      return ids;
    }

    async function all(filter: Parameters<AuditStore['queryAudit']>[0], limit: number) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await store.queryAudit(filter, { cursor, limit });
        expect(page.records.length).toBeLessThanOrEqual(limit);
        seen.push(...page.records.map((r) => r.requestId));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 1000);
      return seen;
    }

    it('walks every record once, newest first, across equal timestamps', async () => {
      await seed(100);
      const expected = Array.from({ length: 100 }, (_, i) => `r${99 - i}`);
      for (const limit of [1, 7, 10, 33, 100, 200]) expect(await all({}, limit)).toEqual(expected);
    });

    it('filters by actor (email or subject), target, action, outcome, and merges without duplicates', async () => {
      await seed(60);
      const byAnn = await all({ actor: 'ann@example.com' }, 4);
      // Email ann@example.com (i % 3 == 0) and subject ann@example.com (i % 3 == 1).
      const expected = Array.from({ length: 60 }, (_, i) => 59 - i)
        .filter((i) => i % 3 !== 2)
        .map((i) => `r${i}`);
      expect(byAnn).toEqual(expected);
      expect(new Set(byAnn).size).toBe(byAnn.length);
      expect(await all({ actor: 'sub-ann' }, 5)).toEqual(expected.filter((r) => Number(r.slice(1)) % 3 === 0));
      expect(await all({ target: 'user2', action: 'reactivate' }, 3)).toEqual(
        Array.from({ length: 60 }, (_, i) => 59 - i)
          .filter((i) => i % 5 === 2 && i % 2 === 1)
          .map((i) => `r${i}`),
      );
      expect(await all({ outcome: 'succeeded' }, 10)).toEqual([]);
      expect((await all({ outcome: 'pending' }, 100)).length).toBe(60);
    });

    it('matches emails and userNames whatever their case, subjects exactly', async () => {
      await seed(30);
      const byCyEmail = await all({ actor: 'cy@example.com' }, 50);
      expect(byCyEmail).toHaveLength(10);
      expect(await all({ actor: 'CY@Example.COM' }, 50)).toEqual(byCyEmail);
      expect(await all({ target: 'USER2' }, 50)).toEqual(await all({ target: 'user2' }, 50));
      expect(await all({ target: 'USER2' }, 50)).toHaveLength(6);
      expect(await all({ actor: 'SUB-ANN' }, 50)).toEqual([]);
    });

    it('filters by reason code and by ticket, exactly', async () => {
      for (let i = 0; i < 9; i++) {
        const why = [
          { reasonCode: 'Leaver', ticket: 'HR-1' },
          { reasonCode: 'Security incident', ticket: 'SEC-9' },
          { reasonCode: null, ticket: null },
        ][i % 3]!;
        await store.insertPending(entry({ requestId: `r${i}`, ...why }));
      }
      expect(await all({ reasonCode: 'Leaver' }, 2)).toEqual(['r6', 'r3', 'r0']);
      expect(await all({ ticket: 'SEC-9' }, 2)).toEqual(['r7', 'r4', 'r1']);
      expect(await all({ reasonCode: 'Leaver', ticket: 'SEC-9' }, 10)).toEqual([]);
      expect(await all({ reasonCode: 'leaver' }, 10)).toEqual([]);
      expect((await store.listForTarget('u1'))[0]).toMatchObject({ reasonCode: null, ticket: null });
    });

    it('filters by date range, whole days inclusive', async () => {
      const day = async (iso: string, n: number) => {
        t = Date.parse(iso);
        for (let i = 0; i < n; i++) await store.insertPending(entry({ requestId: `${iso.slice(0, 10)}-${i}` }));
      };
      await day('2026-03-01T23:59:59.999Z', 2);
      await day('2026-03-02T00:00:00.000Z', 3);
      await day('2026-03-03T12:00:00.000Z', 1);
      expect((await all({ from: '2026-03-02', to: '2026-03-02' }, 2)).length).toBe(3);
      expect((await all({ to: '2026-03-01' }, 10)).length).toBe(2);
      expect((await all({ from: '2026-03-02T00:00:00Z' }, 10)).length).toBe(4);
      expect((await all({ to: '2026-03-02T00:00:00.000Z' }, 10)).length).toBe(5);
    });

    it('rejects a forged cursor', async () => {
      await expect(store.queryAudit({}, { cursor: 'bm9wZQ', limit: 10 })).rejects.toBeInstanceOf(InvalidCursorError);
      await expect(store.queryAudit({}, { cursor: Buffer.from('["x",1]').toString('base64url'), limit: 10 })).rejects.toBeInstanceOf(
        InvalidCursorError,
      );
      expect((await store.queryAudit({}, { cursor: encodeCursor({ at: '2026-01-01T00:00:00.000Z', seq: 1 }), limit: 10 })).records).toEqual(
        [],
      );
    });
  });

  describe('session events', () => {
    const signIn = {
      action: 'sign-in',
      actor: { sub: 'sub-ann', email: 'ann@example.com' },
      provider: 'oidc',
      sessionId: 'sid-1',
    } as const;

    it('records a sign-in and a sign-out final at once, found by their own action filter', async () => {
      const inId = await store.recordSessionEvent(signIn);
      await store.recordSessionEvent({ ...signIn, action: 'sign-out' });
      await store.insertPending(entry());
      const { records } = await store.queryAudit({ action: 'sign-in' }, { limit: 10 });
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({
        id: inId,
        action: 'sign-in',
        state: 'succeeded',
        method: null,
        actor: { sub: 'sub-ann', email: 'ann@example.com' },
        target: { id: 'sub-ann', userName: null },
        sessionId: 'sid-1',
        provider: 'oidc',
      });
      expect(records[0]!.finishedAt).toBe(records[0]!.createdAt);
      expect((await store.queryAudit({ action: 'sign-out' }, { limit: 10 })).records.map((r) => r.action)).toEqual(['sign-out']);
      expect((await store.queryAudit({ action: 'deactivate' }, { limit: 10 })).records.map((r) => r.action)).toEqual(['deactivate']);
      // Changes keep their session columns empty.
      expect((await store.queryAudit({ action: 'deactivate' }, { limit: 10 })).records[0]).toMatchObject({
        sessionId: null,
        provider: null,
      });
    });

    it("is never a user's history, and never changes", async () => {
      const id = await store.recordSessionEvent(signIn);
      expect(await store.listForTarget('sub-ann')).toEqual([]);
      await expect(db.updateTable('audit_records').set({ session_id: 'sid-2' }).where('id', '=', id).execute()).rejects.toThrow(
        /append-only/,
      );
      await expect(db.deleteFrom('audit_records').where('id', '=', id).execute()).rejects.toThrow(/append-only/);
      // 0006 added session_id and provider to the columns fixed at insert, even in the pending → final update.
      const pending = await store.insertPending(entry());
      await expect(
        db.updateTable('audit_records').set({ state: 'succeeded', provider: 'oidc' }).where('id', '=', pending).execute(),
      ).rejects.toThrow(/append-only/);
      await expect(
        db.updateTable('audit_records').set({ state: 'succeeded', session_id: 'sid-3' }).where('id', '=', pending).execute(),
      ).rejects.toThrow(/append-only/);
    });
  });

  describe('observations', () => {
    const bob = (version: string | null, active: boolean, lastModified: string | null = null) => ({
      id: 'u1',
      userName: 'bob',
      active,
      version,
      lastModified,
    });

    it('writes first-seen, then nothing while unchanged, then outside for a change the console did not make', async () => {
      expect((await store.observe([bob('W/"1"', true)])).map((o) => o.source)).toEqual(['first-seen']);
      t += 1000;
      expect(await store.observe([bob('W/"1"', true), bob('W/"1"', true)])).toEqual([]);
      const [outside] = await store.observe([bob('W/"2"', false)]);
      expect(outside).toMatchObject({
        source: 'outside',
        version: 'W/"2"',
        active: false,
        previous: { version: 'W/"1"', active: true },
        observedAt: '2026-01-01T00:00:01.000Z',
      });
      expect((await store.listObservations('u1')).map((o) => o.source)).toEqual(['outside', 'first-seen']);
    });

    it('notices a moved lastModified alone (README: meta.version, active or lastModified)', async () => {
      await store.observe([bob('W/"1"', true, '2026-01-01T00:00:00Z')]);
      t += 1000;
      expect(await store.observe([bob('W/"1"', true, '2026-01-01T00:00:01Z')])).toMatchObject([
        { source: 'outside', version: 'W/"1"', active: true, lastModified: '2026-01-01T00:00:01Z' },
      ]);
    });

    it("calls a version the console's own activation produced 'console'", async () => {
      await store.observe([bob('W/"1"', true)]);
      const id = await store.insertPending(entry());
      // Mid-call, a list read sees the new version: not classified until the outcome is in.
      expect(await store.observe([bob('W/"2"', false)])).toEqual([]);
      await store.recordOutcome(id, { state: 'succeeded', upstreamStatus: 200, after: { active: false, version: 'W/"2"' } });
      expect(await store.observe([bob('W/"2"', false)])).toMatchObject([
        { source: 'console', activationId: id, previous: { version: 'W/"1"' } },
      ]);
    });

    it('classifies without versions by the active value a finished activation left', async () => {
      await store.observe([bob(null, true, '2026-01-01T00:00:00Z')]);
      t += 1000;
      const id = await store.insertPending(entry({ before: { active: true, version: null } }));
      await store.recordOutcome(id, { state: 'succeeded', upstreamStatus: 204, after: { active: false, version: null } });
      expect(await store.observe([bob(null, false, '2026-01-01T00:00:01Z')])).toMatchObject([{ source: 'console', activationId: id }]);
      t += 1000;
      expect(await store.observe([bob(null, true, '2026-01-01T00:00:02Z')])).toMatchObject([{ source: 'outside' }]);
    });

    it('batches a page: one entry per changed user only', async () => {
      const page = Array.from({ length: 50 }, (_, i) => ({
        id: `p${i}`,
        userName: `p${i}`,
        active: true,
        version: 'W/"1"',
        lastModified: null,
      }));
      expect(await store.observe(page)).toHaveLength(50);
      page[7] = { ...page[7]!, version: 'W/"2"' };
      expect(await store.observe(page)).toMatchObject([{ target: { id: 'p7' }, source: 'outside' }]);
    });
  });

  describe('reconciliation', () => {
    it('lists pending records only once they are older than the timeout', async () => {
      const old = await store.insertPending(entry());
      t += 60_000;
      await store.insertPending(entry({ requestId: 'r2', target: { id: 'u2', userName: 'cy' } }));
      t += 60_001;
      expect((await store.listStalePending()).map((r) => r.id)).toEqual([old]);
      expect(await store.listStalePending({ targetId: 'u2' })).toEqual([]);
      t += 60_000;
      expect((await store.listStalePending()).length).toBe(2);
    });

    it('settles a record once, keeping who, what and why; a late outcome is refused', async () => {
      const id = await store.insertPending(entry({ reason: 'offboarding' }));
      t += 121_000;
      expect(await store.reconcile(id, { after: { active: false, version: 'W/"2"' }, detail: 'read back' })).toBe(true);
      expect(await store.reconcile(id, { after: null, detail: 'again' })).toBe(false);
      expect(await store.recordOutcome(id, { state: 'succeeded', upstreamStatus: 200 })).toBe(false);
      expect(await recordById(store, id)).toMatchObject({
        state: 'reconciled',
        reason: 'offboarding',
        actor: { sub: 'sub-ann' },
        before: { active: true, version: 'W/"1"' },
        after: { active: false, version: 'W/"2"' },
        errorDetail: 'read back',
        finishedAt: '2026-01-01T00:02:01.000Z',
      });
      expect(await store.listStalePending()).toEqual([]);
    });
  });
});
