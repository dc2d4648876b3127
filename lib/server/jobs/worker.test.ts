// Long on purpose: every worker case runs on SQLite and PGlite through one suite.
// The job worker against a fake provider over HTTP and a real audit database
// (SQLite; PGlite; a PostgreSQL server where TEST_POSTGRES_URL is set).
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAuditDb, migrate, type AuditDatabase } from '@/lib/server/audit/db';
import { pgliteDialect } from '@/lib/server/audit/testing/pglite-dialect';
import { createAuditStore, type AuditStore } from '@/lib/server/audit/store';
import { createScimClient } from '@/lib/server/scim/client';
import { SCIM_MAX_ATTEMPTS } from '@/lib/server/scim/retry-policy';
import { startTestUpstream, type TestUpstream } from '@/lib/server/scim/testing/upstream';
import { SAFE_CAPABILITIES } from '@/lib/server/api/testing/harness';
import { createJobStore, type JobStore, type NewJob } from './job-store';
import { backoffMs, createJobWorker, writeIntervalMs } from './worker';
import { fakeScim } from './testing/fake-scim';

const tmp = mkdtempSync(path.join(tmpdir(), 'jobs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let upstream: TestUpstream;
beforeAll(async () => (upstream = await startTestUpstream()));
afterAll(() => upstream.close());

let pglite: Kysely<AuditDatabase> | null = null;
const sqliteFile = () => `file:${path.join(tmp, `${Math.random().toString(36).slice(2)}.db`)}`;
const dialects: [string, () => Promise<Kysely<AuditDatabase>>][] = [
  ['SQLite', async () => createAuditDb(sqliteFile())],
  [
    'PostgreSQL (PGlite)',
    async () => {
      pglite ??= new Kysely<AuditDatabase>({ dialect: pgliteDialect(new PGlite()) });
      await sql`drop schema public cascade`.execute(pglite);
      await sql`create schema public`.execute(pglite);
      return pglite;
    },
  ],
];
afterAll(() => pglite?.destroy());

const ADMIN = { sub: 'sub-ann', email: 'ann@example.com' };

describe.each(dialects)('job worker on %s', (_name, open) => {
  let db: Kysely<AuditDatabase>;
  let audit: AuditStore;
  let jobs: JobStore;
  let t: number;
  const clock = () => new Date(t);
  let scim: ReturnType<typeof fakeScim>;
  let tokenOpen = true;

  const worker = (over: { maxConcurrency?: number; jobs?: JobStore; protectedUsers?: string[]; writesPerMinute?: number } = {}) =>
    createJobWorker({
      jobs: over.jobs ?? jobs,
      writesPerMinute: over.writesPerMinute,
      // The fake clock: a sleep moves it on to the instant slept until.
      now: () => t,
      sleep: async (ms) => void (t += ms),
      audit,
      scimClient: ({ accessToken, requestId }) =>
        createScimClient({ baseUrl: upstream.baseUrl, accessToken, requestId, timeoutMs: 20_000, sleep: async () => {} }),
      capabilities: async () => ({ ...SAFE_CAPABILITIES, deleteDeactivates: true }),
      openToken: () => (tokenOpen ? { accessToken: 'tok' } : null),
      maxConcurrency: over.maxConcurrency ?? 4,
      leaseMs: 30_000,
      protectedUsers: over.protectedUsers ?? [],
      random: () => 0.5,
    });

  const newJob = (over: Partial<NewJob> = {}): Promise<string> =>
    jobs.create({
      actor: ADMIN,
      action: 'deactivate',
      method: 'PATCH',
      reason: 'offboarding',
      targets: [...scim.users.values()].map((u) => ({ id: u.id, userName: u.userName })),
      token: { seal: () => 'sealed', expiresAt: new Date(t + 3_600_000).toISOString() },
      ...over,
    });

  beforeEach(async () => {
    if (db && db !== pglite) await db.destroy();
    db = await open();
    await migrate(db);
    t = Date.parse('2026-01-01T00:00:00Z');
    audit = createAuditStore(db, clock);
    jobs = createJobStore(db, clock);
    scim = fakeScim(upstream);
    tokenOpen = true;
  });
  afterAll(() => (db && db !== pglite ? db.destroy() : undefined));

  it('changes every user once, at most the concurrency limit in flight, skipping those already done', async () => {
    scim = fakeScim(upstream, { holdFirst: 3 });
    scim.seed(12, (i) => i % 4 === 0);
    const id = await newJob();
    await worker({ maxConcurrency: 3 }).drain();

    const job = await jobs.get(id);
    expect(job).toMatchObject({ state: 'done', total: 12, counts: { succeeded: 9, skipped: 3, failed: 0, queued: 0, running: 0 } });
    expect(scim.maxInFlight).toBeLessThanOrEqual(3);
    expect(scim.maxInFlight).toBe(3);
    expect(scim.writes).toHaveLength(9);
    expect(new Set(scim.writes.map((w) => w.id)).size).toBe(9);
    expect([...scim.users.values()].every((u) => !u.active)).toBe(true);
    const records = await audit.queryAudit({}, { limit: 50 });
    expect(records.records).toHaveLength(9);
    expect(records.records.every((r) => r.jobId === id && r.reason === 'offboarding' && r.state === 'succeeded')).toBe(true);
    const { results } = await jobs.results(id, { after: -1, limit: 100, state: 'skipped' });
    expect(results.map((r) => r.detail)).toEqual(['already inactive', 'already inactive', 'already inactive']);
  });

  it('skips a protected account and the admin’s own, saying why, and sends nothing for them', async () => {
    scim.seed(4);
    const [first, second] = [...scim.users.values()];
    // The second user's email is the job admin's: their own account.
    second!.email = ADMIN.email;
    const id = await newJob();
    await worker({ protectedUsers: [first!.userName.toUpperCase()] }).drain();

    expect(await jobs.get(id)).toMatchObject({ state: 'done', counts: { succeeded: 2, skipped: 2, failed: 0 } });
    expect(new Set(scim.writes.map((w) => w.id))).toEqual(new Set([...scim.users.keys()].slice(2)));
    const { results } = await jobs.results(id, { after: -1, limit: 100, state: 'skipped' });
    expect(results.map((r) => [r.targetId, r.detail])).toEqual([
      [first!.id, `${first!.userName} is a protected account (PROTECTED_USERS): the console does not deactivate it.`],
      [second!.id, 'You cannot deactivate your own account through the console.'],
    ]);
  });

  // The SCIM client tries a rate-limited call SCIM_MAX_ATTEMPTS times (docs/decisions/0014-scim-retries.md),
  // unless Retry-After is longer than it waits: then the job waits instead.
  type Scim = ReturnType<typeof fakeScim>;
  it.each([
    ['a 429', (s: Scim) => Array.from({ length: SCIM_MAX_ATTEMPTS }, () => s.rateLimit('PATCH')), 1000],
    ['a 429 with a long Retry-After', (s: Scim) => s.rateLimit('PATCH', 7), 7000],
    [
      "Salesforce's 403 REQUEST_LIMIT_EXCEEDED",
      (s: Scim) => Array.from({ length: SCIM_MAX_ATTEMPTS }, () => s.salesforceLimit('PATCH')),
      1000,
    ],
  ])('backs the whole job off on %s and fails nobody for it', async (_label, limit, waitMs) => {
    scim.seed(3);
    limit(scim);
    const id = await newJob();
    await worker({ maxConcurrency: 1 }).drain();

    const waiting = await jobs.get(id);
    expect(waiting).toMatchObject({ state: 'running', counts: { succeeded: 0, failed: 0, queued: 3 } });
    expect(Date.parse(waiting!.notBefore!)).toBe(t + waitMs);
    // Still waiting: nothing is claimed before notBefore.
    await worker().drain();
    expect(scim.writes).toEqual([]);

    t = Date.parse(waiting!.notBefore!);
    await worker().drain();
    expect(await jobs.get(id)).toMatchObject({ state: 'done', counts: { succeeded: 3, failed: 0 } });
  });

  it('records a provider failure with its message, and Retry failed completes it', async () => {
    scim.seed(3);
    scim.fail('PATCH', 400, 'Cannot deactivate the last admin');
    const id = await newJob();
    await worker({ maxConcurrency: 1 }).drain();
    expect(await jobs.get(id)).toMatchObject({ state: 'done', counts: { succeeded: 2, failed: 1 } });
    const failed = await jobs.results(id, { after: -1, limit: 10, state: 'failed' });
    expect(failed.results[0]).toMatchObject({ upstreamStatus: 400, detail: 'Cannot deactivate the last admin' });

    expect(await jobs.retryFailed(id, { sealed: 'sealed', expiresAt: new Date(t + 3_600_000).toISOString() })).toBe(1);
    await worker().drain();
    expect(await jobs.get(id)).toMatchObject({ state: 'done', counts: { succeeded: 3, failed: 0 } });
  });

  it('cancels what was not sent yet', async () => {
    scim.seed(6);
    const id = await newJob();
    const w = worker({ maxConcurrency: 2 });
    await w.tick(); // two in flight
    expect(await jobs.cancel(id)).toBe(true);
    await w.drain();
    const job = await jobs.get(id);
    expect(job).toMatchObject({ state: 'cancelled', counts: { succeeded: 2, cancelled: 4 } });
    expect(job!.finishedAt).not.toBeNull();
    expect(scim.writes).toHaveLength(2);
  });

  it('after a crash, settles an item that was in flight by reading the user instead of sending it again', async () => {
    scim.seed(2);
    const id = await newJob();
    // A console claimed both items, wrote their pending records, sent one change, and died.
    const dead = await jobs.claim(id, 'dead-instance', { want: 2, maxInFlight: 4, leaseMs: 30_000 });
    for (const item of dead) {
      await audit.insertPending({
        requestId: `job-${id}-${item.seq}-1`,
        actor: ADMIN,
        target: { id: item.targetId, userName: item.userName },
        action: 'deactivate',
        method: 'PATCH',
        reason: 'offboarding',
        before: { active: true, version: 'W/"1"' },
        jobId: id,
      });
    }
    scim.users.get('u0000')!.active = false; // that change reached the provider

    await worker().drain();
    expect(scim.writes).toEqual([]); // the leases still hold
    t += 31_000;
    await worker().drain();

    expect(scim.writes).toEqual([{ method: 'PATCH', id: 'u0001' }]);
    expect(await jobs.get(id)).toMatchObject({ state: 'done', counts: { succeeded: 2 } });
    const records = (await audit.queryAudit({}, { limit: 10 })).records;
    expect(records.filter((r) => r.target.id === 'u0000').map((r) => r.state)).toEqual(['reconciled']);
    expect(
      records
        .filter((r) => r.target.id === 'u0001')
        .map((r) => r.state)
        .sort(),
    ).toEqual(['reconciled', 'succeeded']);
  });

  it("keeps a provider's known write rate over the whole job, waiting out each write's slot", async () => {
    // 6 per minute, planned at 90%: one write every 11,112 ms. One item in flight at a time, so the fake clock is exact.
    const interval = writeIntervalMs(6)!;
    expect(interval).toBe(11_112);
    scim.seed(14);
    const writesAt: number[] = [];
    for (let i = 0; i < 14; i++) scim.fault('PATCH', () => void writesAt.push(t) as unknown as boolean);
    const id = await newJob();
    const start = t;
    await worker({ maxConcurrency: 1, writesPerMinute: 6 }).drain();

    expect(await jobs.get(id)).toMatchObject({ state: 'done', counts: { succeeded: 14 } });
    expect(writesAt).toHaveLength(14);
    expect(writesAt[0]).toBe(start);
    expect(writesAt.slice(1).map((at, i) => at - writesAt[i]!)).toEqual(Array(13).fill(interval));
    // In any minute: at most the documented 6.
    expect(Math.max(...writesAt.map((from) => writesAt.filter((at) => at >= from && at < from + 60_000).length))).toBeLessThanOrEqual(6);
  });

  it('hands out write slots from one schedule in the job row to every claim, whichever instance claims', async () => {
    scim.seed(9);
    const id = await newJob();
    const other = createJobStore(db, clock);
    const opts = { want: 2, maxInFlight: 9, leaseMs: 30_000, writeIntervalMs: 1000 };
    const a = await jobs.claim(id, 'instance-a', opts);
    t += 300;
    const b = await other.claim(id, 'instance-b', opts);
    const slots = [...a, ...b].map((item) => Date.parse(item.sendAt!) - Date.parse('2026-01-01T00:00:00Z'));
    expect(slots).toEqual([0, 1000, 2000, 3000]);
    // A job idle longer than its schedule starts again from now, with no burst saved up.
    t += 60_000;
    const c = await jobs.claim(id, 'instance-a', opts);
    expect(c.map((item) => Date.parse(item.sendAt!) - t)).toEqual([0, 1000]);
    // Without a known rate, nothing waits.
    expect((await jobs.claim(id, 'instance-a', { ...opts, writeIntervalMs: undefined })).map((item) => item.sendAt)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('pauses a job whose token lapsed, and resumes when its admin brings a fresh one', async () => {
    scim.seed(2);
    const id = await newJob({ token: { seal: () => 'sealed', expiresAt: new Date(t + 10_000).toISOString() } });
    await worker().drain();
    expect(await jobs.get(id)).toMatchObject({ state: 'paused', counts: { queued: 2 } });
    await jobs.renewToken(id, { sealed: 'sealed2', expiresAt: new Date(t + 3_600_000).toISOString() });
    await worker().drain();
    expect(await jobs.get(id)).toMatchObject({ state: 'done', counts: { succeeded: 2 } });
  });

  it('with a service identity configured, runs with it and never pauses for the admin token', async () => {
    scim.seed(2);
    const id = await newJob({ token: { seal: () => 'sealed', expiresAt: new Date(t + 1000).toISOString() } });
    tokenOpen = false;
    await createJobWorker({
      jobs,
      audit,
      scimClient: () => {
        throw new Error('the admin token must not be used');
      },
      serviceClient: (requestId) =>
        createScimClient({ baseUrl: upstream.baseUrl, accessToken: 'service', requestId, timeoutMs: 20_000, sleep: async () => {} }),
      capabilities: async () => SAFE_CAPABILITIES,
      openToken: () => null,
      maxConcurrency: 2,
      leaseMs: 30_000,
      protectedUsers: [],
    }).drain();
    expect(await jobs.get(id)).toMatchObject({ state: 'done', counts: { succeeded: 2 } });
    expect(upstream.requests.every((r) => r.headers.authorization === 'Bearer service')).toBe(true);
  });

  it('a token that cannot be opened pauses the job and changes nothing', async () => {
    scim.seed(1);
    tokenOpen = false;
    const id = await newJob();
    await worker().drain();
    expect(await jobs.get(id)).toMatchObject({ state: 'paused', counts: { queued: 1 } });
    expect(scim.writes).toEqual([]);
  });
});

describe('two console instances on one database', () => {
  // Two handles on one SQLite file in one thread would block each other (better-sqlite3 waits synchronously):
  // on SQLite the two workers share one handle; several instances are a PostgreSQL deployment.
  const instances: [string, () => Promise<[Kysely<AuditDatabase>, Kysely<AuditDatabase>]>][] = [
    [
      'SQLite',
      async () => {
        const db = createAuditDb(sqliteFile());
        return [db, db];
      },
    ],
  ];
  const realPostgres = process.env.TEST_POSTGRES_URL;
  if (realPostgres) {
    instances.push([
      'PostgreSQL (server)',
      async () => {
        const a = createAuditDb(realPostgres);
        await sql`drop schema public cascade`.execute(a);
        await sql`create schema public`.execute(a);
        return [a, createAuditDb(realPostgres)];
      },
    ]);
  }

  it.each(instances)('on %s each user is written exactly once, within the concurrency limit overall', async (_name, open) => {
    const [dbA, dbB] = await open();
    try {
      await migrate(dbA);
      const scim = fakeScim(upstream, { writeDelayMs: 10 });
      scim.seed(60);
      const storeA = createJobStore(dbA);
      const storeB = createJobStore(dbB);
      const id = await storeA.create({
        actor: ADMIN,
        action: 'deactivate',
        method: 'PATCH',
        reason: null,
        targets: [...scim.users.values()].map((u) => ({ id: u.id, userName: u.userName })),
        token: { seal: () => 'sealed', expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
      });
      const make = (db: Kysely<AuditDatabase>, jobs: JobStore) =>
        createJobWorker({
          jobs,
          audit: createAuditStore(db),
          scimClient: ({ accessToken, requestId }) =>
            createScimClient({ baseUrl: upstream.baseUrl, accessToken, requestId, timeoutMs: 5000 }),
          capabilities: async () => SAFE_CAPABILITIES,
          openToken: () => ({ accessToken: 'tok' }),
          maxConcurrency: 4,
          leaseMs: 30_000,
          protectedUsers: [],
        });
      await Promise.all([make(dbA, storeA).drain(), make(dbB, storeB).drain()]);

      expect(await storeA.get(id)).toMatchObject({ state: 'done', counts: { succeeded: 60 } });
      expect(scim.writes).toHaveLength(60);
      expect(new Set(scim.writes.map((w) => w.id)).size).toBe(60);
      expect(scim.maxInFlight).toBeLessThanOrEqual(4);
    } finally {
      await dbA.destroy();
      if (dbB !== dbA) await dbB.destroy();
    }
  });
  // The race the full run above hits only sometimes: two instances ending a job's last two items at once.
  it.runIf(realPostgres)('on PostgreSQL (server) a job ends when two instances finish its last items at the same moment', async () => {
    const [dbA, dbB] = await instances[1]![1]();
    try {
      await migrate(dbA);
      const storeA = createJobStore(dbA);
      const storeB = createJobStore(dbB);
      const token = { seal: () => 'sealed', expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
      const claimOpts = { want: 1, maxInFlight: 2, leaseMs: 30_000 };
      const stuck: string[] = [];
      for (let round = 0; round < 25; round++) {
        const id = await storeA.create({
          actor: ADMIN,
          action: 'deactivate',
          method: 'PATCH',
          reason: null,
          targets: [
            { id: `u-${round}-a`, userName: 'a' },
            { id: `u-${round}-b`, userName: 'b' },
          ],
          token,
        });
        const [itemA] = await storeA.claim(id, 'owner-a', claimOpts);
        const [itemB] = await storeB.claim(id, 'owner-b', claimOpts);
        await Promise.all([
          storeA.complete(itemA!, 'owner-a', { state: 'succeeded' }),
          storeB.complete(itemB!, 'owner-b', { state: 'succeeded' }),
        ]);
        if ((await storeA.get(id))?.state !== 'done') stuck.push(id);
      }
      expect(stuck).toEqual([]);
    } finally {
      await dbA.destroy();
      await dbB.destroy();
    }
  });
});

describe('backoff', () => {
  it('doubles per rate limit in a row, up to a minute, and honours a longer Retry-After', () => {
    expect([1, 2, 3, 10].map((level) => backoffMs(level, undefined, () => 0.5))).toEqual([1000, 2000, 4000, 60_000]);
    expect(backoffMs(1, 7, () => 0.5)).toBe(7000);
    expect(backoffMs(1, 600, () => 0.5)).toBe(60_000);
  });
});

describe('the worker loop', () => {
  it('looks for work again at once when an item ends while it is claiming, not at the next poll', async () => {
    vi.useFakeTimers();
    try {
      let ticks = 0;
      const jobs = {
        pauseLapsed: async () => [],
        releaseDue: async () => [],
        runnable: async () => {
          ticks++;
          if (ticks === 1) w.wake(); // an item of this instance ended during the first tick
          return [];
        },
      } as unknown as JobStore;
      const w = createJobWorker({
        jobs,
        audit: {} as AuditStore,
        scimClient: () => {
          throw new Error('no job to run');
        },
        capabilities: async () => SAFE_CAPABILITIES,
        openToken: () => null,
        maxConcurrency: 1,
        leaseMs: 30_000,
        protectedUsers: [],
      });
      w.start();
      await vi.advanceTimersByTimeAsync(100); // well before the 500 ms poll
      expect(ticks).toBe(2);
      await w.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
