// The delivery loop with a fake receiver and a fake clock over a real (SQLite) outbox: what a
// receiver gets, signed per Standard Webhooks, and when a failed delivery is tried again.
import type { Kysely } from 'kysely';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAuditDb, migrate, type AuditDatabase } from '@/lib/server/audit/db';
import { createWebhookDeliverer } from './delivery';
import { createWebhookOutbox, enqueueWebhookEvent } from './outbox';

// The test vector every Standard Webhooks library checks against (standard-webhooks/standard-webhooks,
// libraries/*/ "sign function works"): this secret, id, time and body sign to exactly this.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const URL_A = 'http://127.0.0.1:9/hook?k=path-secret';
const POLICY = { baseMs: 5_000, maxMs: 3_600_000, windowMs: 24 * 3_600_000 };

/** The spec's scheme computed without the library: HMAC-SHA256 over `id.timestamp.body` with the base64 key after `whsec_`. */
const specSignature = (secret: string, id: string, timestamp: number, body: string) =>
  `v1,${createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64')}`;

type Sent = { url: string; init: RequestInit; headers: Record<string, string> };

const tmp = mkdtempSync(path.join(tmpdir(), 'webhooks-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('webhook delivery', () => {
  let db: Kysely<AuditDatabase>;
  let t: number;
  let sent: Sent[];
  let answers: (number | Error)[];
  const clock = () => new Date(t);
  const fakeFetch = (async (url: string, init: RequestInit) => {
    sent.push({ url, init, headers: Object.fromEntries(Object.entries(init.headers as Record<string, string>)) });
    const next = answers.shift() ?? 204;
    if (next instanceof Error) throw next;
    return new Response(next === 204 ? null : 'nope', {
      status: next,
      headers: next === 302 ? { location: 'http://169.254.169.254/' } : {},
    });
  }) as unknown as typeof fetch;

  const deliverer = (secret = VECTOR.secret) =>
    createWebhookDeliverer({
      outbox: createWebhookOutbox(db, clock),
      urls: [URL_A],
      secret,
      policy: POLICY,
      tickMs: 100,
      timeoutMs: 1_000,
      fetch: fakeFetch,
      now: clock,
      random: () => 1,
    });
  const state = async () => db.selectFrom('webhook_deliveries').selectAll().executeTakeFirstOrThrow();

  beforeEach(async () => {
    db = createAuditDb(`file:${path.join(tmp, `${Math.random().toString(36).slice(2)}.db`)}`);
    await migrate(db);
    t = Date.parse('2026-01-01T00:00:00Z');
    sent = [];
    answers = [];
  });
  afterEach(async () => {
    vi.useRealTimers();
    await db.destroy();
  });

  it('signs per the Standard Webhooks test vector, with the library and with the spec’s scheme alike', async () => {
    const at = new Date(VECTOR.timestamp * 1000);
    expect(new Webhook(VECTOR.secret).sign(VECTOR.id, at, VECTOR.payload)).toBe(VECTOR.signature);
    expect(specSignature(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.payload)).toBe(VECTOR.signature);

    // What the console itself sends for that event at that time carries exactly that signature.
    t = at.getTime();
    await db
      .insertInto('webhook_deliveries')
      .values({
        event_id: VECTOR.id,
        event_type: 'user.deactivated',
        url: URL_A,
        payload: VECTOR.payload,
        audit_record_id: null,
        created_at: clock().toISOString(),
        state: 'pending',
        attempts: 0,
        next_attempt_at: clock().toISOString(),
        lease_owner: null,
        lease_until: null,
        delivered_at: null,
        last_status: null,
        last_error: null,
      })
      .execute();
    expect(await deliverer().tick()).toBe(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers).toMatchObject({
      'webhook-id': VECTOR.id,
      'webhook-timestamp': String(VECTOR.timestamp),
      'webhook-signature': VECTOR.signature,
      'content-type': 'application/json',
    });
    expect(sent[0]!.init.body).toBe(VECTOR.payload);
    // A receiver with the library accepts it (its clock near the timestamp); another secret does not.
    vi.useFakeTimers({ now: at.getTime() + 60_000, toFake: ['Date'] });
    expect(new Webhook(VECTOR.secret).verify(VECTOR.payload, sent[0]!.headers)).toEqual({ test: 2432232314 });
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(VECTOR.payload, sent[0]!.headers)).toThrow(
      /No matching signature/,
    );
  });

  it('sends only the signed body: no token or cookie, no redirect followed, the answer unread', async () => {
    await enqueueWebhookEvent(
      db,
      { type: 'job.finished', timestamp: clock().toISOString(), data: emptyData() },
      { urls: [URL_A], now: clock() },
    );
    answers = [302];
    await deliverer().tick();
    const { init, headers } = sent[0]!;
    expect(init).toMatchObject({ method: 'POST', redirect: 'manual', credentials: 'omit' });
    expect(Object.keys(headers).sort()).toEqual(['content-type', 'user-agent', 'webhook-id', 'webhook-signature', 'webhook-timestamp']);
    expect(await state()).toMatchObject({ state: 'pending', last_status: 302, last_error: 'redirect 302 not followed', attempts: 1 });
  });

  it('retries with backoff on the fake clock, with the same id and body and a fresh signature, until a 2xx', async () => {
    const eventId = await enqueueWebhookEvent(
      db,
      { type: 'user.deactivated', timestamp: clock().toISOString(), data: emptyData() },
      { urls: [URL_A], now: clock() },
    );
    answers = [503, new TypeError('fetch failed'), 204];
    const d = deliverer();
    await d.tick();
    expect(await state()).toMatchObject({ state: 'pending', attempts: 1, last_status: 503, next_attempt_at: '2026-01-01T00:00:05.000Z' });
    t += 4_999;
    expect(await d.tick()).toBe(0);
    t += 1;
    await d.tick();
    // The second failure waits twice as long (random() = 1: the full delay).
    expect(await state()).toMatchObject({
      attempts: 2,
      last_status: null,
      last_error: 'could not connect',
      next_attempt_at: '2026-01-01T00:00:15.000Z',
    });
    t += 10_000;
    await d.tick();
    expect(await state()).toMatchObject({ state: 'delivered', attempts: 3, last_status: 204, delivered_at: '2026-01-01T00:00:15.000Z' });
    expect(await d.tick()).toBe(0);

    expect(sent.map((s) => s.headers['webhook-id'])).toEqual([eventId, eventId, eventId]);
    expect(new Set(sent.map((s) => s.init.body)).size).toBe(1);
    expect(sent.map((s) => s.headers['webhook-timestamp'])).toEqual(['1767225600', '1767225605', '1767225615']);
    for (const s of sent) {
      expect(s.headers['webhook-signature']).toBe(
        specSignature(VECTOR.secret, eventId!, Number(s.headers['webhook-timestamp']), String(s.init.body)),
      );
    }
  });

  it('gives up once the retry window is over, and says so without the secret or the URL’s path', async () => {
    await enqueueWebhookEvent(
      db,
      { type: 'user.reactivated', timestamp: clock().toISOString(), data: emptyData() },
      { urls: [URL_A], now: clock() },
    );
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    answers = [500];
    t += POLICY.windowMs;
    await deliverer().tick();
    expect(await state()).toMatchObject({ state: 'failed', last_status: 500 });
    const lines = errors.mock.calls.map((c) => String(c[0])).join('\n');
    expect(lines).toContain('given up');
    expect(lines).toContain('http://127.0.0.1:9');
    expect(lines).not.toMatch(/path-secret|MfKQ9r8/);
    errors.mockRestore();
  });
});

function emptyData() {
  return {
    actor: null,
    target: null,
    reasonCode: null,
    ticket: null,
    reason: null,
    method: null,
    callIdentity: null,
    auditRecordId: null,
    jobId: null,
  };
}
