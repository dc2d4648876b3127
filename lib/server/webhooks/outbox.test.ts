// Long on purpose: the outbox's whole contract (written with the outcome, claimed with
// leases, fenced results) runs on SQLite, PGlite and, with TEST_POSTGRES_URL, PostgreSQL.
import type { Kysely } from 'kysely';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { migrate, type AuditDatabase } from '@/lib/server/audit/db';
import { createAuditStore, type AuditStore } from '@/lib/server/audit/store';
import { auditDialects } from '@/lib/server/audit/testing/dialects';
import { pendingAudit } from '@/lib/server/audit/testing/pending-audit';
import { createJobStore } from '@/lib/server/jobs/job-store';
import { createWebhookOutbox, enqueueWebhookEvent, type WebhookEvent, type WebhookOutbox } from './outbox';

const URLS = ['http://127.0.0.1:9/a', 'http://127.0.0.1:9/b'];
const LEASE = 30_000;

const event = (over: Partial<WebhookEvent['data']> = {}): WebhookEvent => ({
  type: 'schedule.executed',
  timestamp: '2026-01-01T00:00:00.000Z',
  data: {
    actor: { sub: 'sub-ann', email: 'ann@example.com' },
    target: { id: 'u1', userName: 'bob' },
    reasonCode: 'Leaver',
    ticket: 'HR-1',
    reason: null,
    method: 'PATCH',
    callIdentity: 'service-identity',
    auditRecordId: null,
    jobId: null,
    ...over,
  },
});

describe.each(auditDialects())('webhook outbox on %s', (_name, open, fresh) => {
  let db: Kysely<AuditDatabase>;
  let outbox: WebhookOutbox;
  let audit: AuditStore;
  let t: number;
  const clock = () => new Date(t);
  const rows = () => db.selectFrom('webhook_deliveries').selectAll().orderBy('seq').execute();

  beforeEach(async () => {
    if (db && fresh) await db.destroy();
    db = await open();
    await migrate(db);
    t = Date.parse('2026-01-01T00:00:00Z');
    outbox = createWebhookOutbox(db, clock);
    audit = createAuditStore(db, clock, { webhookUrls: URLS });
  });
  afterAll(() => (db && fresh ? db.destroy() : undefined));

  it('writes one row per URL with one event id, and nothing when its transaction rolls back', async () => {
    const id = await db.transaction().execute((tx) => enqueueWebhookEvent(tx, event(), { urls: URLS, now: clock() }));
    expect(id).toMatch(/^msg_[0-9a-f-]{36}$/);
    await expect(
      db.transaction().execute(async (tx) => {
        await enqueueWebhookEvent(tx, event(), { urls: URLS, now: clock() });
        throw new Error('the change it reports did not commit');
      }),
    ).rejects.toThrow('did not commit');
    const all = await rows();
    expect(all.map((r) => [r.event_id, r.url, r.state])).toEqual(URLS.map((u) => [id, u, 'pending']));
    expect(JSON.parse(all[0]!.payload)).toEqual(event());
    expect(await enqueueWebhookEvent(db, event(), { urls: [] })).toBeNull();
  });

  it('a change that happened is announced with its outcome; a failed one is not', async () => {
    const deactivated = await audit.insertPending(
      pendingAudit({ reason: 'left', reasonCode: 'Leaver', ticket: 'HR-7', identity: 'admin-token' }),
    );
    expect(await rows()).toEqual([]);
    t += 1000;
    await audit.recordOutcome(deactivated, { state: 'succeeded', upstreamStatus: 200, after: { active: false, version: 'W/"2"' } });
    const failed = await audit.insertPending(pendingAudit({ requestId: 'r2', action: 'reactivate' }));
    await audit.recordOutcome(failed, { state: 'failed', upstreamStatus: 400, errorDetail: 'no' });
    // Reconciliation settles later: the state asked for is a change that happened, anything else is not.
    const settledOn = await audit.insertPending(
      pendingAudit({ requestId: 'r3', action: 'reactivate', before: { active: false, version: 'W/"2"' } }),
    );
    await audit.reconcile(settledOn, { after: { active: true, version: 'W/"3"' }, detail: 'read back' });
    const settledOff = await audit.insertPending(pendingAudit({ requestId: 'r4', action: 'deactivate' }));
    await audit.reconcile(settledOff, { after: { active: true, version: 'W/"3"' }, detail: 'read back' });
    // A second outcome for a settled record changes nothing and announces nothing.
    expect(await audit.recordOutcome(settledOn, { state: 'succeeded', upstreamStatus: 200 })).toBe(false);

    const all = await rows();
    expect(all.map((r) => [r.event_type, r.audit_record_id])).toEqual([
      ['user.deactivated', deactivated],
      ['user.deactivated', deactivated],
      ['user.reactivated', settledOn],
      ['user.reactivated', settledOn],
    ]);
    expect(JSON.parse(all[0]!.payload)).toEqual({
      type: 'user.deactivated',
      timestamp: '2026-01-01T00:00:01.000Z',
      data: {
        actor: { sub: 'sub-ann', email: 'ann@example.com' },
        target: { id: 'u1', userName: 'bob' },
        reasonCode: 'Leaver',
        ticket: 'HR-7',
        reason: 'left',
        method: 'PATCH',
        callIdentity: 'admin-token',
        auditRecordId: deactivated,
        jobId: null,
        outcome: 'succeeded',
        activeAfter: false,
      },
    });
  });

  it('a job announces its end once, in the transaction that ends it', async () => {
    const jobs = createJobStore(db, clock, { webhookUrls: URLS.slice(0, 1) });
    const jobId = await jobs.create({
      actor: { sub: 'sub-ann', email: 'ann@example.com' },
      action: 'deactivate',
      method: 'PATCH',
      reason: 'offboarding',
      reasonCode: 'Contractor ended',
      ticket: 'HR-9',
      targets: [
        { id: 'u1', userName: 'bob' },
        { id: 'u2', userName: 'eve' },
      ],
      token: { seal: () => 'sealed', expiresAt: new Date(t + 3_600_000).toISOString() },
    });
    const [a, b] = await jobs.claim(jobId, 'w1', { want: 2, maxInFlight: 2, leaseMs: LEASE });
    await jobs.complete(a!, 'w1', { state: 'succeeded' });
    expect(await rows()).toEqual([]);
    await jobs.complete(b!, 'w1', { state: 'skipped', detail: 'already inactive' });
    expect(await jobs.cancel(jobId)).toBe(false);
    const all = await rows();
    expect(all).toHaveLength(1);
    expect(JSON.parse(all[0]!.payload)).toMatchObject({
      type: 'job.finished',
      data: {
        jobId,
        action: 'deactivate',
        state: 'done',
        total: 2,
        counts: { succeeded: 1, skipped: 1 },
        auditRecordId: null,
        reasonCode: 'Contractor ended',
        ticket: 'HR-9',
      },
    });
  });

  it('claims due rows once across owners, takes over a lapsed lease, and fences the late result', async () => {
    for (let i = 0; i < 20; i++) await enqueueWebhookEvent(db, event(), { urls: URLS, now: clock() });
    // Five instances at once (on a PostgreSQL server, five connections): no row twice.
    const [first, second, ...others] = await Promise.all(
      ['w1', 'w2', 'w5', 'w6', 'w7'].map((owner) => outbox.claim(owner, { limit: 6, leaseMs: LEASE, urls: URLS })),
    );
    const seqs = [first!, second!, ...others].flat().map((d) => d.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    const rest = await outbox.claim('w3', { limit: 40, leaseMs: LEASE, urls: URLS });
    expect(seqs.length + rest.length).toBe(40);
    expect(await outbox.claim('w3', { limit: 10, leaseMs: LEASE, urls: URLS })).toEqual([]);

    // w1 died holding its rows: after the lease another instance takes them, attempt 2.
    const held = first!.length > 0 ? first! : second!;
    const heldBy = first!.length > 0 ? 'w1' : 'w2';
    t += LEASE;
    const taken = await outbox.claim('w4', { limit: 40, leaseMs: LEASE, urls: URLS });
    expect(taken.map((d) => d.seq)).toEqual(expect.arrayContaining(held.map((d) => d.seq)));
    expect(taken.every((d) => d.attempts === 2)).toBe(true);
    expect(await outbox.delivered(held[0]!, heldBy, 204)).toBe(false);
    const mine = taken.find((d) => d.seq === held[0]!.seq)!;
    expect(await outbox.delivered(mine, 'w4', 204)).toBe(true);
    expect(await outbox.delivered(mine, 'w4', 204)).toBe(false);
  });

  it('a failed attempt waits until its retry time; a given-up delivery is never claimed again', async () => {
    await enqueueWebhookEvent(db, event(), { urls: URLS.slice(0, 1), now: clock() });
    const [d] = await outbox.claim('w1', { limit: 1, leaseMs: LEASE, urls: URLS });
    await outbox.attemptFailed(d!, 'w1', { status: 503, error: 'answered 503', retryAt: new Date(t + 5_000) });
    t += 4_999;
    expect(await outbox.claim('w1', { limit: 1, leaseMs: LEASE, urls: URLS })).toEqual([]);
    t += 1;
    const [again] = await outbox.claim('w1', { limit: 1, leaseMs: LEASE, urls: URLS });
    expect(again).toMatchObject({ event_id: d!.event_id, attempts: 2 });
    await outbox.attemptFailed(again!, 'w1', { status: null, error: 'could not connect', retryAt: null });
    t += 86_400_000;
    expect(await outbox.claim('w1', { limit: 1, leaseMs: LEASE, urls: URLS })).toEqual([]);
    expect((await rows())[0]).toMatchObject({ state: 'failed', attempts: 2, last_error: 'could not connect', last_status: null });
  });

  it('the audit log finds the changes whose event some receiver has not acknowledged', async () => {
    const ids: string[] = [];
    for (const requestId of ['r1', 'r2']) {
      const id = await audit.insertPending(pendingAudit({ requestId }));
      await audit.recordOutcome(id, { state: 'succeeded', upstreamStatus: 204 });
      ids.push(id);
    }
    const failed = await audit.insertPending(pendingAudit({ requestId: 'r3' }));
    await audit.recordOutcome(failed, { state: 'failed', upstreamStatus: 400 });
    const undelivered = async () => (await audit.queryAudit({ webhooks: 'undelivered' }, { limit: 50 })).records.map((r) => r.id);
    expect((await undelivered()).sort()).toEqual([...ids].sort());

    // r1 reached both receivers; r2 only one of them, and the other gave up on it.
    const claimed = await outbox.claim('w1', { limit: 10, leaseMs: LEASE, urls: URLS });
    for (const d of claimed) {
      const record = (await rows()).find((r) => r.seq === d.seq)!.audit_record_id;
      if (record === ids[0] || d.url === URLS[0]) await outbox.delivered(d, 'w1', 200);
      else await outbox.attemptFailed(d, 'w1', { status: 410, error: 'answered 410', retryAt: null });
    }
    expect(await undelivered()).toEqual([ids[1]]);
    // What the audit page shows of them: each receiver by its origin only.
    expect((await audit.webhookDeliveries([ids[1]!, failed])).get(ids[1]!)).toEqual([
      { receiver: 'http://127.0.0.1:9', state: 'delivered', attempts: 1, lastError: null },
      { receiver: 'http://127.0.0.1:9', state: 'failed', attempts: 1, lastError: 'answered 410' },
    ]);
    expect((await audit.queryAudit({}, { limit: 50 })).records).toHaveLength(3);
  });

  it('sends nothing more to a URL taken out of the configuration', async () => {
    await enqueueWebhookEvent(db, event(), { urls: URLS, now: clock() });
    const claimed = await outbox.claim('w1', { limit: 10, leaseMs: LEASE, urls: URLS.slice(1) });
    expect(claimed.map((d) => d.url)).toEqual(URLS.slice(1));
  });
});
