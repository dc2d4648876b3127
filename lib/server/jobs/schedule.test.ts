// Long on purpose: every case of scheduled changes and expiries, on each dialect, through one suite.
// Scheduled changes and reactivation expiries on the job machinery
// (docs/decisions/0110-scheduled-changes-are-jobs.md, 0111-time-boxed-reactivation.md), against a
// fake provider over HTTP and a real audit database: SQLite, PGlite, and a PostgreSQL server
// where TEST_POSTGRES_URL is set.
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXPIRY_REASON } from '@/lib/schedule/reactivation-policy';
import { createAuditDb, migrate, type AuditDatabase } from '@/lib/server/audit/db';
import { auditDialects } from '@/lib/server/audit/testing/dialects';
import { createAuditStore, type AuditStore } from '@/lib/server/audit/store';
import { SAFE_CAPABILITIES } from '@/lib/server/api/testing/harness';
import { createScimClient } from '@/lib/server/scim/client';
import { startTestUpstream, type TestUpstream } from '@/lib/server/scim/testing/upstream';
import { createJobStore, type JobStore, type NewJob } from './job-store';
import { recordScheduleExecuted } from './schedule';
import { createJobWorker } from './worker';
import { fakeScim } from './testing/fake-scim';

let upstream: TestUpstream;
beforeAll(async () => (upstream = await startTestUpstream()));
afterAll(() => upstream.close());

const ADMIN = { sub: 'sub-ann', email: 'ann@example.com' };
const HELPDESK = { sub: 'sub-hal', email: 'hal@example.com' };
const TICK_MS = 1000;

const serviceToken = { get: async () => 'svc', invalidate: () => {} };
const workerFor = (jobs: JobStore, audit: AuditStore) =>
  createJobWorker({
    jobs,
    audit,
    scimClient: () => {
      throw new Error('scheduled work never uses an admin token');
    },
    serviceClient: (requestId) =>
      createScimClient({ baseUrl: upstream.baseUrl, serviceToken, requestId, timeoutMs: 5000, sleep: async () => {} }),
    capabilities: async () => SAFE_CAPABILITIES,
    openToken: () => null,
    maxConcurrency: 4,
    leaseMs: 30_000,
    protectedUsers: [],
    scheduleTickMs: 0,
  });

// One set for both suites: PGlite is slow to start.
const dialects = auditDialects();

describe.each(dialects)('scheduled changes on %s', (_name, open, fresh) => {
  let db: Kysely<AuditDatabase> | undefined;
  let audit: AuditStore;
  let jobs: JobStore;
  let t: number;
  let scim: ReturnType<typeof fakeScim>;

  const schedule = (over: Partial<NewJob> = {}) =>
    jobs.create({
      kind: 'scheduled',
      runAt: new Date(t + 60_000).toISOString(),
      timeZone: 'Europe/Berlin',
      actor: ADMIN,
      action: 'deactivate',
      method: 'PATCH',
      reason: 'last day',
      reasonCode: 'Leaver',
      ticket: 'HR-1',
      targets: [{ id: 'u0000', userName: 'user0@example.com' }],
      token: null,
      ...over,
    });

  // PGlite takes long to start on a busy machine: once, here, with room, rather than in the first beforeEach.
  beforeAll(async () => {
    if (!fresh) await open();
  }, 120_000);
  beforeEach(async () => {
    if (fresh) await db?.destroy();
    db = await open();
    await migrate(db);
    t = Date.parse('2026-03-29T15:00:00.000Z');
    audit = createAuditStore(db);
    jobs = createJobStore(db, () => new Date(t));
    scim = fakeScim(upstream);
    scim.seed(3);
  });
  afterAll(async () => {
    if (fresh) await db?.destroy();
  });

  it('waits until it is due, then runs once with the service identity, naming the admin who scheduled it', async () => {
    const id = await schedule();
    expect(await jobs.upcoming()).toMatchObject([
      { jobId: id, kind: 'scheduled', action: 'deactivate', reasonCode: 'Leaver', ticket: 'HR-1' },
    ]);
    await workerFor(jobs, audit).drain();
    expect(scim.writes).toHaveLength(0);
    expect(await jobs.get(id)).toMatchObject({ state: 'scheduled' });

    t += 60_000;
    await workerFor(jobs, audit).drain();
    await workerFor(jobs, audit).drain();
    expect(scim.writes).toEqual([{ method: 'PATCH', id: 'u0000' }]);
    expect(scim.users.get('u0000')!.active).toBe(false);
    expect(await jobs.get(id)).toMatchObject({ state: 'done', counts: { succeeded: 1 } });
    expect(await jobs.upcoming()).toEqual([]);
    const [record] = (await audit.queryAudit({}, { limit: 5 })).records;
    expect(record).toMatchObject({
      action: 'deactivate',
      state: 'succeeded',
      actor: ADMIN,
      jobId: id,
      reasonCode: 'Leaver',
      ticket: 'HR-1',
      identity: 'service-identity',
    });
    expect(await jobs.scheduledFor('u0000')).toMatchObject([{ jobId: id, state: 'succeeded', ranLate: false }]);
  });

  it('a change due while every instance was down runs when one comes back, marked late', async () => {
    const id = await schedule();
    // The console was stopped from before run_at until ten minutes after.
    t += 10 * 60_000;
    const released = await jobs.releaseDue(2 * TICK_MS);
    expect(released).toEqual([id]);
    expect(await jobs.releaseDue(2 * TICK_MS)).toEqual([]);
    await workerFor(jobs, audit).drain();
    expect(scim.writes).toHaveLength(1);
    expect(await jobs.scheduledFor('u0000')).toMatchObject([{ state: 'succeeded', ranLate: true }]);
  });

  it('released within two ticks of its time it is not late', async () => {
    await schedule();
    t += 60_000 + TICK_MS;
    await jobs.releaseDue(2 * TICK_MS);
    expect(await jobs.scheduledFor('u0000')).toMatchObject([{ ranLate: false }]);
  });

  it('skips a user already in the target state, and records that', async () => {
    scim.users.get('u0001')!.active = false;
    const id = await schedule({ targets: [{ id: 'u0001', userName: 'user1@example.com' }] });
    t += 60_000;
    await workerFor(jobs, audit).drain();
    expect(scim.writes).toHaveLength(0);
    expect(await jobs.scheduledFor('u0001')).toMatchObject([{ jobId: id, state: 'skipped', detail: 'already inactive' }]);
  });

  it('a bulk selection is one scheduled job; one user can be cancelled, the rest still run', async () => {
    const id = await schedule({
      targets: ['u0000', 'u0001', 'u0002'].map((u, i) => ({ id: u, userName: `user${i}@example.com` })),
    });
    expect(await jobs.upcoming()).toHaveLength(3);
    expect(await jobs.cancelScheduled(id, 1, 'cancelled by ann@example.com')).toBe(true);
    expect(await jobs.cancelScheduled(id, 1, 'again')).toBe(false);
    t += 60_000;
    await workerFor(jobs, audit).drain();
    expect(scim.writes.map((w) => w.id).sort()).toEqual(['u0000', 'u0002']);
    expect(await jobs.scheduledFor('u0001')).toMatchObject([{ state: 'cancelled', detail: 'cancelled by ann@example.com' }]);
    // Once it started, nothing of it can be cancelled any more.
    expect(await jobs.cancelScheduled(id, 0, 'late')).toBe(false);
  });

  it('cancelling every user cancels the job: nothing runs', async () => {
    const id = await schedule();
    await jobs.cancelScheduled(id, 0, 'cancelled');
    expect(await jobs.get(id)).toMatchObject({ state: 'cancelled' });
    t += 60_000;
    await workerFor(jobs, audit).drain();
    expect(scim.writes).toHaveLength(0);
  });

  it('queues its webhook event in the transaction that records the result', async () => {
    const id = await schedule();
    const job = {
      id,
      kind: 'expiry' as const,
      action: 'deactivate' as const,
      method: 'PATCH' as const,
      actor_sub: 'sub-ann',
      actor_email: 'ann@example.com',
      reason: null,
      reason_code: null,
      ticket: 'HD-7',
      run_at: new Date(t).toISOString(),
    };
    const item = { jobId: id, seq: 0, targetId: 'u0000', userName: 'user0@example.com', attempts: 1 };
    await db!
      .transaction()
      .execute((tx) =>
        recordScheduleExecuted(
          tx,
          { job, item, outcome: 'succeeded', detail: null, auditRecordId: 'rec-1' },
          { urls: ['https://hooks.example.com/in'] },
        ),
      );
    const rows = await db!.selectFrom('webhook_deliveries').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ event_type: 'reactivation.expired', url: 'https://hooks.example.com/in', audit_record_id: 'rec-1' });
    expect(JSON.parse(rows[0]!.payload)).toMatchObject({
      type: 'reactivation.expired',
      data: { target: { id: 'u0000' }, ticket: 'HD-7', callIdentity: 'service-identity', jobId: id, outcome: 'succeeded' },
    });
  });

  it('is not listed among bulk jobs', async () => {
    await schedule();
    expect(await jobs.list()).toEqual([]);
  });

  describe('expiry of a time-boxed reactivation', () => {
    /** A helpdesk reactivated u0001 (inactive) for an hour, with a ticket: the bulk path, with reactivate_until. */
    async function reactivateForAnHour() {
      scim.users.get('u0001')!.active = false;
      await jobs.create({
        actor: HELPDESK,
        action: 'reactivate',
        method: 'PATCH',
        reason: 'back from leave',
        reasonCode: 'Leave of absence',
        ticket: 'HD-7',
        targets: [{ id: 'u0001', userName: 'user1@example.com' }],
        // A bulk job keeps its admin's sealed token; with a service identity configured it runs with that instead.
        token: { seal: () => 'sealed', expiresAt: new Date(t + 600_000).toISOString() },
        reactivateUntil: new Date(t + 3_600_000).toISOString(),
      });
      await workerFor(jobs, audit).drain();
      expect(scim.users.get('u0001')!.active).toBe(true);
      const [expiry] = await jobs.upcoming({ targetId: 'u0001' });
      expect(expiry).toMatchObject({ kind: 'expiry', action: 'deactivate', actor: HELPDESK, ticket: 'HD-7' });
      return expiry!;
    }

    it('deactivates the user again at the end, as the original requester with the original ticket', async () => {
      const expiry = await reactivateForAnHour();
      t += 3_600_000;
      await workerFor(jobs, audit).drain();
      expect(scim.users.get('u0001')!.active).toBe(false);
      const [record] = (await audit.queryAudit({}, { limit: 5 })).records;
      expect(record).toMatchObject({
        action: 'deactivate',
        state: 'succeeded',
        actor: HELPDESK,
        ticket: 'HD-7',
        reason: EXPIRY_REASON,
        jobId: expiry.jobId,
        identity: 'service-identity',
      });
    });

    it('does nothing, and says so, when the user was changed outside the console meanwhile', async () => {
      await reactivateForAnHour();
      scim.users.get('u0001')!.version++;
      t += 3_600_000;
      await workerFor(jobs, audit).drain();
      expect(scim.users.get('u0001')!.active).toBe(true);
      const [item] = await jobs.scheduledFor('u0001');
      expect(item).toMatchObject({
        kind: 'expiry',
        state: 'skipped',
        detail: 'The user was changed outside the console since the reactivation; the expiry did nothing.',
      });
    });

    it('does nothing when the user was deactivated outside the console meanwhile', async () => {
      await reactivateForAnHour();
      const u = scim.users.get('u0001')!;
      u.active = false;
      u.version++;
      const writes = scim.writes.length;
      t += 3_600_000;
      await workerFor(jobs, audit).drain();
      expect(scim.writes).toHaveLength(writes);
      expect((await jobs.scheduledFor('u0001'))[0]).toMatchObject({
        state: 'skipped',
        detail: 'The user was deactivated outside the console meanwhile; the expiry did nothing.',
      });
    });

    it('a later reactivation replaces the waiting expiry; Extend moves it', async () => {
      const first = await reactivateForAnHour();
      const later = new Date(t + 2 * 3_600_000).toISOString();
      const second = await jobs.replaceExpiry({ ...first, ...expiryArgs(later) });
      const upcoming = await jobs.upcoming({ targetId: 'u0001' });
      expect(upcoming.map((u) => u.jobId)).toEqual([second]);
      expect(await jobs.reschedule(second, new Date(t + 3 * 3_600_000).toISOString())).toBe(true);
      t += 2 * 3_600_000;
      await workerFor(jobs, audit).drain();
      expect(scim.users.get('u0001')!.active).toBe(true);
      t += 3_600_000;
      await workerFor(jobs, audit).drain();
      expect(scim.users.get('u0001')!.active).toBe(false);
    });

    const expiryArgs = (runAt: string): NewJob & { kind: 'expiry'; runAt: string } => ({
      kind: 'expiry',
      runAt,
      actor: ADMIN,
      action: 'deactivate',
      method: 'PATCH',
      reason: EXPIRY_REASON,
      ticket: null,
      targets: [{ id: 'u0001', userName: 'user1@example.com', expectVersion: `W/"${scim.users.get('u0001')!.version}"` }],
      token: null,
    });
  });
});

describe('two console instances, one due change each', () => {
  // On SQLite and PGlite the two workers share one handle (one process); a PostgreSQL server gets two pools.
  const instances: [string, () => Promise<[Kysely<AuditDatabase>, Kysely<AuditDatabase>]>][] = dialects.map(([name, open]) => [
    name,
    async () => open().then((db) => [db, db] as [Kysely<AuditDatabase>, Kysely<AuditDatabase>]),
  ]);
  const realPostgres = process.env.TEST_POSTGRES_URL;
  if (realPostgres) {
    instances.push([
      'PostgreSQL (server, two pools)',
      async () => {
        const a = createAuditDb(realPostgres);
        await sql`drop schema public cascade`.execute(a);
        await sql`create schema public`.execute(a);
        return [a, createAuditDb(realPostgres)];
      },
    ]);
  }

  it.each(instances)('on %s: released once and written exactly once per user', async (name, open) => {
    const [dbA, dbB] = await open();
    try {
      await migrate(dbA);
      const scim = fakeScim(upstream, { writeDelayMs: 10 });
      scim.seed(30);
      const storeA = createJobStore(dbA);
      const storeB = createJobStore(dbB);
      const past = new Date(Date.now() - 1000).toISOString();
      for (const u of scim.users.values()) {
        await storeA.create({
          kind: 'scheduled',
          runAt: past,
          actor: ADMIN,
          action: 'deactivate',
          method: 'PATCH',
          reason: null,
          targets: [{ id: u.id, userName: u.userName }],
          token: null,
        });
      }
      const [releasedA, releasedB] = await Promise.all([storeA.releaseDue(60_000), storeB.releaseDue(60_000)]);
      expect(releasedA.filter((id) => releasedB.includes(id))).toEqual([]);
      expect(releasedA.length + releasedB.length).toBe(30);
      await Promise.all([workerFor(storeA, createAuditStore(dbA)).drain(), workerFor(storeB, createAuditStore(dbB)).drain()]);
      expect(scim.writes).toHaveLength(30);
      expect(new Set(scim.writes.map((w) => w.id)).size).toBe(30);
      expect((await createAuditStore(dbA).queryAudit({ action: 'deactivate' }, { limit: 100 })).records).toHaveLength(30);
    } finally {
      if (dbA !== dbB) {
        await dbA.destroy();
        await dbB.destroy();
      } else if (name === 'SQLite') await dbA.destroy();
    }
  });
});
