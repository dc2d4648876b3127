import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditStore } from '@/lib/server/audit/store';
import { createScimClient } from '@/lib/server/scim/client';
import { sendJson, startTestUpstream, type TestUpstream } from '@/lib/server/scim/testing/upstream';
import { createHealthRoute } from './health';

let upstream: TestUpstream;
beforeAll(async () => {
  upstream = await startTestUpstream();
});
afterAll(() => upstream.close());

const store = (ok: boolean) => ({ ping: async () => (ok ? undefined : Promise.reject(new Error('locked'))) }) as unknown as AuditStore;
const route = (dbOk: boolean, baseUrl = () => upstream.baseUrl) =>
  createHealthRoute({
    auditStore: async () => store(dbOk),
    scim: (requestId) => createScimClient({ baseUrl: baseUrl(), requestId, timeoutMs: 1000, maxAttempts: 1 }),
  });

describe('GET /api/health', () => {
  it('is ok when the database answers and the provider answers at all (even 401)', async () => {
    upstream.handle((_req, res) => sendJson(res, 401, { detail: 'token required' }));
    const res = await route(true)(new Request('http://c/api/health'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ console: 'ok', database: 'ok', scim: 'ok' });
    expect(upstream.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('is 503 naming the part that is down, and nothing else', async () => {
    upstream.handle((_req, res) => sendJson(res, 503, {}));
    const res = await route(false)(new Request('http://c/api/health'));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ console: 'ok', database: 'error', scim: 'error' });
    const unreachable = await route(true, () => 'http://127.0.0.1:1/scim')(new Request('http://c/api/health'));
    expect(await unreachable.json()).toMatchObject({ database: 'ok', scim: 'error' });
  });

  it('says scim "not-checked" (and stays 200) when there is no base to probe yet (Salesforce instance_url before any sign-in)', async () => {
    const route = createHealthRoute({ auditStore: async () => store(true), scim: () => null });
    const res = await route(new Request('http://c/api/health'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ console: 'ok', database: 'ok', scim: 'not-checked' });
  });

  it('answers a flood from one check for 10 seconds, then checks again', async () => {
    upstream.handle((_req, res) => sendJson(res, 200, {}));
    upstream.requests.length = 0;
    let t = 0;
    const get = createHealthRoute({
      auditStore: async () => store(true),
      scim: (requestId) => createScimClient({ baseUrl: upstream.baseUrl, requestId, timeoutMs: 1000, maxAttempts: 1 }),
      now: () => t,
    });
    const flood = await Promise.all(Array.from({ length: 20 }, () => get(new Request('http://c/api/health'))));
    expect(flood.every((r) => r.status === 200)).toBe(true);
    t = 9_999;
    await get(new Request('http://c/api/health'));
    expect(upstream.requests).toHaveLength(1);
    t = 10_000;
    await get(new Request('http://c/api/health'));
    expect(upstream.requests).toHaveLength(2);
  });
});
