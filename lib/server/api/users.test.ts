// Long on purpose: one fake SCIM server drives every route and write-path case, and
// splitting the file would mean sharing its mutable state between files.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '@/lib/authz';
import { createAuditDb, migrate } from '@/lib/server/audit/db';
import { createAuditStore, type AuditStore } from '@/lib/server/audit/store';
import { sendJson, startTestUpstream, type TestUpstream } from '@/lib/server/scim/testing/upstream';
import type { ConsoleToken } from '@/lib/server/session';
import type { ApiError, ProviderCapabilities } from '@/lib/users/types';
import { changeActivation, STALE_MESSAGE, UNCONFIRMED_MESSAGE } from '@/lib/server/change-activation';
import { AUDIT_UNAVAILABLE_MESSAGE } from './observe-and-reconcile';
import { callRoute, testDeps, TEST_ORIGIN } from './testing/harness';
import { createUserRoutes } from './users';
import { createScimClient } from '@/lib/server/scim/client';

let upstream: TestUpstream;
let audit: AuditStore;
let role: Role = 'admin';
let tokenExtra: Partial<ConsoleToken> = {};
let caps: ProviderCapabilities = { etag: true, maxResults: 200, deleteDeactivates: true, sort: true };
let auditBroken = false;
let sessionLookups = 0;

const deps = testDeps({
  upstream: () => upstream,
  role: () => role,
  token: () => tokenExtra,
  capabilities: async () => caps,
  onSession: () => sessionLookups++,
  // A policy as a strict deployment sets it: a ticket pattern, codes from the default list.
  reasonPolicy: { reasonCodes: ['Leaver', 'Security incident', 'Other'], ticketPattern: '^[A-Z]+-\\d+$', ticketRequired: false },
  auditStore: async () =>
    auditBroken
      ? {
          ...audit,
          insertPending: async () => {
            throw new Error('disk full');
          },
        }
      : audit,
});
const routes = createUserRoutes(deps);

type UserState = { id: string; userName: string; active: boolean; version: number };
let users: Map<string, UserState>;
const wire = (u: UserState) => ({
  id: u.id,
  userName: u.userName,
  active: u.active,
  meta: { version: `W/"${u.version}"`, resourceType: 'User' },
});
/** What the upstream saw, with the newest audit record's state at the moment each write arrived. */
let writes: { method: string; auditStates: string[] }[];

/** A small SCIM server: GET/PATCH/DELETE on /Users/:id with ETags, and /Users lists. */
function scimServer(flavor: 'salesforce' | 'rfc' = 'salesforce') {
  upstream.handle(async (req, res) => {
    const id = req.path.split('/')[2] ?? '';
    const u = users.get(id);
    if (req.path === '/Users' && req.method === 'GET') {
      return sendJson(res, 200, {
        totalResults: users.size,
        startIndex: 1,
        itemsPerPage: users.size,
        Resources: [...users.values()].map(wire),
      });
    }
    if (!u) return sendJson(res, 404, { status: '404', detail: 'User not found' });
    if (req.method === 'GET') return sendJson(res, 200, wire(u), { ETag: `W/"${u.version}"` });
    writes.push({ method: req.method, auditStates: (await audit.listForTarget(id, 1)).map((r) => r.state) });
    const ifMatch = req.headers['if-match'];
    if (ifMatch && ifMatch !== `W/"${u.version}"`) return sendJson(res, 412, { status: '412', detail: 'stale' });
    if (req.method === 'PATCH') {
      u.active = JSON.parse(req.body).Operations[0].value.active;
      u.version++;
      return sendJson(res, 200, wire(u));
    }
    if (flavor === 'rfc') users.delete(id);
    else {
      u.active = false;
      u.version++;
    }
    res.statusCode = 204;
    res.end();
  });
}

function call(method: 'GET' | 'PATCH' | 'DELETE', path: string, init: { body?: string | object; headers?: Record<string, string> } = {}) {
  const id = decodeURIComponent(path.split('?')[0]!.split('/')[3] ?? '');
  const handler = method === 'GET' ? (id ? routes.get : routes.list) : method === 'PATCH' ? routes.patch : routes.remove;
  return callRoute(handler as Parameters<typeof callRoute<{ id: string }>>[0], method, path, { id }, init);
}

async function errorOf(res: Response): Promise<ApiError> {
  const body = (await res.json()) as ApiError;
  expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
  return body;
}

beforeAll(async () => {
  upstream = await startTestUpstream();
  const db = createAuditDb('file::memory:');
  await migrate(db);
  audit = createAuditStore(db);
});
afterAll(() => upstream.close());
beforeEach(() => {
  role = 'admin';
  tokenExtra = {};
  caps = { etag: true, maxResults: 200, deleteDeactivates: true, sort: true };
  auditBroken = false;
  sessionLookups = 0;
  writes = [];
  users = new Map([
    ['u1', { id: 'u1', userName: 'ann@example.com', active: true, version: 1 }],
    ['u2', { id: 'u2', userName: 'bob@example.com', active: false, version: 4 }],
  ]);
  scimServer();
});

describe('GET /api/users', () => {
  it('lists with the built filter, count capped by maxResults', async () => {
    caps = { ...caps, maxResults: 50 };
    const res = await call('GET', '/api/users?q=ann&status=active&count=200');
    expect(res.status).toBe(200);
    expect((await res.json()).totalResults).toBe(2);
    const q = new URLSearchParams(upstream.requests[0]!.query);
    expect(q.get('count')).toBe('50');
    expect(q.get('filter')).toBe(
      '(userName co "ann" or emails.value co "ann" or name.familyName co "ann" or name.givenName co "ann") and (active eq true)',
    );
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers 400 naming the field', async () => {
    const res = await call('GET', '/api/users?count=0');
    expect(res.status).toBe(400);
    expect((await errorOf(res)).error.message).toMatch(/^count:/);
    expect(upstream.requests).toHaveLength(0);
  });

  it('passes sortBy and sortOrder upstream where the provider sorts', async () => {
    const res = await call('GET', '/api/users?sortBy=meta.lastModified&sortOrder=descending');
    expect(res.status).toBe(200);
    const q = new URLSearchParams(upstream.requests[0]!.query);
    expect(q.get('sortBy')).toBe('meta.lastModified');
    expect(q.get('sortOrder')).toBe('descending');
  });

  it('sends no sortOrder without a sortBy', async () => {
    await call('GET', '/api/users?sortOrder=descending');
    const q = new URLSearchParams(upstream.requests[0]!.query);
    expect(q.has('sortBy')).toBe(false);
    expect(q.has('sortOrder')).toBe(false);
  });

  it('drops the sort silently where the provider does not sort', async () => {
    caps = { ...caps, sort: false };
    const res = await call('GET', '/api/users?sortBy=userName&sortOrder=ascending');
    expect(res.status).toBe(200);
    const q = new URLSearchParams(upstream.requests[0]!.query);
    expect(q.has('sortBy')).toBe(false);
    expect(q.has('sortOrder')).toBe(false);
  });

  it('answers 400 naming the field for a sort outside the whitelist', async () => {
    for (const [query, field] of [
      ['sortBy=password', 'sortBy'],
      ['sortBy=userName&sortOrder=sideways', 'sortOrder'],
    ] as const) {
      const res = await call('GET', `/api/users?${query}`);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).error.message).toMatch(new RegExp(`^${field}:`));
    }
    expect(upstream.requests).toHaveLength(0);
  });

  it('answers 401 signed out, and 401 with a clear message when the refresh failed', async () => {
    const signedOut = createUserRoutes({ ...deps, getSession: async () => null });
    const res = await signedOut.list(new Request(`${TEST_ORIGIN}/api/users`), { params: Promise.resolve({}) });
    expect(res.status).toBe(401);
    tokenExtra = { error: 'RefreshFailed', accessToken: undefined };
    const expired = await call('GET', '/api/users');
    expect(expired.status).toBe(401);
    expect((await errorOf(expired)).error.message).toMatch(/Sign in again/);
    expect(upstream.requests).toHaveLength(0);
  });

  it('answers 403 to a role without access', async () => {
    role = 'none';
    expect((await call('GET', '/api/users')).status).toBe(403);
    expect((await call('GET', '/api/users/u1')).status).toBe(403);
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('GET /api/users/counts', () => {
  const counts = (query: string) => callRoute(routes.counts, 'GET', `/api/users/counts${query}`, {});
  /** A provider that counts with count=0, filtering by active when asked. */
  function countingServer(canFilterActive = true) {
    upstream.handle((req, res) => {
      const filter = new URLSearchParams(req.query).get('filter') ?? '';
      if (filter.includes('active') && !canFilterActive)
        return sendJson(res, 400, { status: '400', scimType: 'invalidFilter', detail: 'no' });
      const matching = [...users.values()].filter((u) => !filter.includes('active eq false') || !u.active);
      return sendJson(res, 200, { totalResults: matching.length, startIndex: 1, itemsPerPage: 0, Resources: [] });
    });
  }

  it('answers all, active and inactive for a search, from count=0 reads', async () => {
    countingServer();
    const res = await counts('?q=example');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ all: 2, active: 1, inactive: 1 });
    const queries = upstream.requests.map((r) => new URLSearchParams(r.query));
    expect(queries.every((q) => q.get('count') === '0')).toBe(true);
    expect(queries.map((q) => q.get('filter'))).toContain(
      '(userName co "example" or emails.value co "example" or name.familyName co "example" or name.givenName co "example") and (active eq false)',
    );
  });

  it('still answers the total where the provider cannot filter by active', async () => {
    countingServer(false);
    expect(await (await counts('')).json()).toEqual({ all: 2, active: null, inactive: null });
  });

  it('is refused to people without a role', async () => {
    role = 'none';
    expect((await counts('')).status).toBe(403);
  });
});

describe('GET /api/users/:id', () => {
  it('returns the user with its ETag', async () => {
    role = 'auditor';
    const res = await call('GET', '/api/users/u1');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('W/"1"');
    expect((await res.json()).user).toMatchObject({ id: 'u1', active: true, meta: { version: 'W/"1"' } });
  });

  it('refuses a malformed id before the upstream', async () => {
    for (const id of ['..%2F..%2FGroups', '..', 'a%3Fb']) expect((await call('GET', `/api/users/${id}`)).status).toBe(400);
    expect(upstream.requests).toHaveLength(0);
  });

  it('passes a 404 through with the upstream message', async () => {
    const res = await call('GET', '/api/users/nope');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).error.message).toBe('User not found');
  });
});

describe('PATCH /api/users/:id', () => {
  it('writes the audit record before the upstream call, then completes it', async () => {
    const res = await call('PATCH', '/api/users/u1', { body: { active: false, reason: 'left' }, headers: { 'if-match': 'W/"1"' } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.user).toMatchObject({ id: 'u1', active: false, meta: { version: 'W/"2"' } });
    expect(writes).toEqual([{ method: 'PATCH', auditStates: ['pending'] }]);
    expect(upstream.requests.find((r) => r.method === 'PATCH')!.headers['if-match']).toBe('W/"1"');
    const [record] = await audit.listForTarget('u1');
    expect(record).toMatchObject({
      state: 'succeeded',
      action: 'deactivate',
      method: 'PATCH',
      reason: 'left',
      actor: { sub: 'sub-1', email: 'admin@example.com' },
      target: { id: 'u1', userName: 'ann@example.com' },
      before: { active: true, version: 'W/"1"' },
      after: { active: false, version: 'W/"2"' },
      upstreamStatus: 200,
    });
    expect(record!.finishedAt).not.toBeNull();
    // The answer names its audit record, so the page can offer Undo of exactly this change.
    expect(body.auditRecordId).toBe(record!.id);
  });

  it('does not call the upstream when the audit write fails', async () => {
    auditBroken = true;
    const res = await call('PATCH', '/api/users/u1', { body: { active: false } });
    expect(res.status).toBe(503);
    expect((await errorOf(res)).error.message).toBe(AUDIT_UNAVAILABLE_MESSAGE);
    expect(upstream.requests.map((r) => r.method)).toEqual(['GET']);
    expect(users.get('u1')!.active).toBe(true);
  });

  it('answers 412 with the fresh user when the version is stale, without writing', async () => {
    const res = await call('PATCH', '/api/users/u1', { body: { active: false }, headers: { 'if-match': 'W/"0"' } });
    expect(res.status).toBe(412);
    const body = await errorOf(res);
    expect(body.error.message).toBe(STALE_MESSAGE);
    expect(body.current).toMatchObject({ id: 'u1', meta: { version: 'W/"1"' } });
    expect(writes).toEqual([]);
  });

  it('maps an upstream 412 (changed between our read and write) and records the failure', async () => {
    upstream.handle(async (req, res) => {
      if (req.method === 'GET') return sendJson(res, 200, wire(users.get('u1')!));
      return sendJson(res, 412, { status: '412', detail: 'precondition failed' });
    });
    const res = await call('PATCH', '/api/users/u1', { body: { active: false }, headers: { 'if-match': 'W/"1"' } });
    expect(res.status).toBe(412);
    expect((await errorOf(res)).current?.id).toBe('u1');
    expect((await audit.listForTarget('u1'))[0]).toMatchObject({ state: 'failed', upstreamStatus: 412 });
  });

  it('sends no If-Match when the provider has no ETags', async () => {
    caps = { ...caps, etag: false };
    expect((await call('PATCH', '/api/users/u1', { body: { active: false }, headers: { 'if-match': 'W/"1"' } })).status).toBe(200);
    expect(upstream.requests.find((r) => r.method === 'PATCH')!.headers['if-match']).toBeUndefined();
  });

  it('lets helpdesk reactivate but not deactivate', async () => {
    role = 'helpdesk';
    const refused = await call('PATCH', '/api/users/u1', { body: { active: false } });
    expect(refused.status).toBe(403);
    expect(upstream.requests).toHaveLength(0);
    const ok = await call('PATCH', '/api/users/u2', { body: { active: true } });
    expect(ok.status).toBe(200);
    expect((await ok.json()).user.active).toBe(true);
    expect((await audit.listForTarget('u2'))[0]).toMatchObject({ action: 'reactivate', state: 'succeeded' });
  });

  it('refuses auditors and people without a role', async () => {
    for (const r of ['auditor', 'none'] as const) {
      role = r;
      expect((await call('PATCH', '/api/users/u2', { body: { active: true } })).status).toBe(403);
    }
    expect(upstream.requests).toHaveLength(0);
  });

  it('answers 400 naming the field for a bad body', async () => {
    const res = await call('PATCH', '/api/users/u1', { body: { active: 'no' } });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).error.message).toMatch(/^active:/);
    expect((await call('PATCH', '/api/users/u1', { body: '{not json' })).status).toBe(400);
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('mutation guards', () => {
  const refused: [string, { body?: string; headers: Record<string, string> }, number][] = [
    ['a foreign Origin', { headers: { origin: 'https://evil.example' } }, 403],
    ['Sec-Fetch-Site: cross-site', { headers: { 'sec-fetch-site': 'cross-site' } }, 403],
    ['Sec-Fetch-Site: same-site', { headers: { 'sec-fetch-site': 'same-site' } }, 403],
    ['text/plain', { headers: { 'content-type': 'text/plain' } }, 415],
    ['form posts', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415],
    ['an oversized body', { body: JSON.stringify({ active: false, reason: 'x'.repeat(17_000) }), headers: {} }, 413],
  ];
  for (const [name, init, status] of refused) {
    it(`refuses ${name} with ${status}, reaching nothing`, async () => {
      for (const method of ['PATCH', 'DELETE'] as const) {
        const res = await call(method, '/api/users/u1', { body: init.body ?? JSON.stringify({ active: false }), headers: init.headers });
        expect(res.status).toBe(status);
        await errorOf(res);
      }
      expect(upstream.requests).toHaveLength(0);
      expect(sessionLookups).toBe(0);
    });
  }

  it('refuses a request with neither Origin nor Sec-Fetch-Site', async () => {
    const request = new Request(`${TEST_ORIGIN}/api/users/u1`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: '{"active":false}',
    });
    expect((await routes.patch(request, { params: Promise.resolve({ id: 'u1' }) })).status).toBe(403);
    expect(upstream.requests).toHaveLength(0);
  });

  it('refuses an oversized body that under-declares its length', async () => {
    const big = new TextEncoder().encode(JSON.stringify({ active: false, reason: 'y'.repeat(20_000) }));
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(big);
        c.close();
      },
    });
    const request = new Request(`${TEST_ORIGIN}/api/users/u1`, {
      method: 'PATCH',
      headers: { origin: TEST_ORIGIN, 'content-type': 'application/json', 'content-length': '20' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect((await routes.patch(request, { params: Promise.resolve({ id: 'u1' }) })).status).toBe(413);
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('reason codes and tickets', () => {
  it('keeps the code, reason and ticket on the audit record', async () => {
    const res = await call('PATCH', '/api/users/u1', {
      body: { active: false, reasonCode: 'Leaver', reason: ' last day ', ticket: 'HR-7' },
    });
    expect(res.status).toBe(200);
    expect((await audit.listForTarget('u1'))[0]).toMatchObject({ reasonCode: 'Leaver', reason: 'last day', ticket: 'HR-7' });
    const del = await call('DELETE', '/api/users/u2', { body: { reasonCode: 'Security incident', ticket: 'SEC-1' } });
    expect(del.status).toBe(200);
    expect((await audit.listForTarget('u2'))[0]).toMatchObject({ method: 'DELETE', reasonCode: 'Security incident', ticket: 'SEC-1' });
  });

  it.each([
    [{ reasonCode: 'Vacation' }, 'Reason code must be one of: Leaver, Security incident, Other.'],
    [{ reasonCode: 'Other', reason: '  ' }, 'A reason is required when the reason code is Other.'],
    [{ reasonCode: 'Leaver', ticket: 'hr 7' }, 'Ticket must match ^[A-Z]+-\\d+$.'],
    [{ ticket: 'HR-1\u202E' }, 'ticket: must not contain control characters or bidirectional overrides (U+202A–U+202E, U+2066–U+2069)'],
  ])('refuses %j with 400 before anything is read, recorded or sent', async (why, message) => {
    const recorded = (await audit.listForTarget('u1')).length;
    const res = await call('PATCH', '/api/users/u1', { body: { active: false, ...why } });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).error.message).toBe(message);
    expect(upstream.requests).toHaveLength(0);
    expect(await audit.listForTarget('u1')).toHaveLength(recorded);
  });
});

describe('DELETE /api/users/:id', () => {
  it('on a Salesforce-style provider: 204, then the user read back inactive', async () => {
    const res = await call('DELETE', '/api/users/u1', { body: { reason: 'offboarding' } });
    expect(res.status).toBe(200);
    expect((await res.json()).user).toMatchObject({ id: 'u1', active: false });
    expect(upstream.requests.map((r) => r.method)).toEqual(['GET', 'DELETE', 'GET']);
    expect(writes).toEqual([{ method: 'DELETE', auditStates: ['pending'] }]);
    expect((await audit.listForTarget('u1'))[0]).toMatchObject({
      method: 'DELETE',
      action: 'deactivate',
      state: 'succeeded',
      upstreamStatus: 204,
      reason: 'offboarding',
      after: { active: false },
    });
  });

  it('on an RFC provider: the user is gone, so null', async () => {
    scimServer('rfc');
    caps = { ...caps, deleteDeactivates: false };
    const res = await call('DELETE', '/api/users/u1');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ user: null, auditRecordId: expect.any(String) });
    expect((await audit.listForTarget('u1'))[0]).toMatchObject({ state: 'succeeded', after: { active: null, version: null } });
  });

  it('is for admins only', async () => {
    role = 'helpdesk';
    expect((await call('DELETE', '/api/users/u1')).status).toBe(403);
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('a write whose outcome is unknown', () => {
  /** The upstream applies (or not) the write, then answers `status` instead of the result. */
  function failingWrite(opts: { apply: boolean; status?: number; dropConnection?: boolean }) {
    upstream.handle(async (req, res) => {
      const u = users.get('u1')!;
      if (req.method === 'GET') return sendJson(res, 200, wire(u));
      if (opts.apply) {
        u.active = false;
        u.version++;
      }
      if (opts.dropConnection) return void res.socket?.destroy();
      return sendJson(res, opts.status ?? 500, { status: String(opts.status ?? 500), detail: 'upstream exploded' });
    });
  }
  it('is a success when the read-back shows the requested state (5xx after applying)', async () => {
    failingWrite({ apply: true, status: 500 });
    const res = await call('PATCH', '/api/users/u1', { body: { active: false } });
    expect(res.status).toBe(200);
    expect((await res.json()).user).toMatchObject({ id: 'u1', active: false, meta: { version: 'W/"2"' } });
    const [record] = await audit.listForTarget('u1');
    expect(record).toMatchObject({ state: 'succeeded', upstreamStatus: 500, after: { active: false, version: 'W/"2"' } });
    expect(record!.errorDetail).toMatch(/did not confirm.*upstream exploded/);
    // The console's own change, not an outside one.
    expect((await audit.listObservations('u1'))[0]).toMatchObject({ source: 'console', activationId: record!.id });
  });

  it('is a success after a dropped connection too, for DELETE', async () => {
    failingWrite({ apply: true, dropConnection: true });
    const res = await call('DELETE', '/api/users/u1');
    expect(res.status).toBe(200);
    expect((await audit.listForTarget('u1'))[0]).toMatchObject({
      method: 'DELETE',
      state: 'succeeded',
      upstreamStatus: null,
      after: { active: false },
    });
  });

  it('is a success after a timeout once read back (the sandbox’s slow-response fault)', async () => {
    failingWrite({ apply: true, status: 200 });
    // A fetch that lets the write through, then times out before the answer.
    const slowWrites: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (init?.method === 'GET') return res;
      await res.body?.cancel();
      throw new DOMException('The operation timed out.', 'TimeoutError');
    };
    const scim = createScimClient({
      baseUrl: upstream.baseUrl,
      accessToken: 't',
      timeoutMs: 2000,
      fetch: slowWrites,
      sleep: async () => {},
    });
    const { user, auditRecordId } = await changeActivation({
      scim,
      audit,
      capabilities: caps,
      actor: { sub: 's', email: null },
      protectedUsers: [],
      requestId: 'r-slow',
      id: 'u1',
      active: false,
      method: 'PATCH',
      reason: null,
    });
    expect(user).toMatchObject({ active: false });
    expect((await audit.listForTarget('u1'))[0]).toMatchObject({
      id: auditRecordId,
      requestId: 'r-slow',
      state: 'succeeded',
      after: { active: false, version: 'W/"2"' },
    });
  });

  it('is a failure, with the upstream message, when the read-back shows it was not applied', async () => {
    failingWrite({ apply: false, status: 503 });
    const res = await call('PATCH', '/api/users/u1', { body: { active: false } });
    expect(res.status).toBe(502);
    expect((await errorOf(res)).error.message).toBe('upstream exploded');
    const [record] = await audit.listForTarget('u1');
    expect(record).toMatchObject({ state: 'failed', upstreamStatus: 503 });
    expect(record!.errorDetail).toMatch(/upstream exploded.*still active/);
  });

  it('stays pending, answering 502 "did not confirm", when the read-back fails too', async () => {
    let gets = 0;
    upstream.handle((req, res) => {
      const u = users.get('u1')!;
      if (req.method === 'GET')
        return gets++ === 0 ? sendJson(res, 200, wire(u)) : sendJson(res, 503, { status: '503', detail: 'read broken' });
      Object.assign(u, { active: false, version: u.version + 1 });
      return sendJson(res, 502, { status: '502', detail: 'upstream exploded' });
    });
    const res = await call('PATCH', '/api/users/u1', { body: { active: false } });
    expect(res.status).toBe(502);
    expect((await errorOf(res)).error.message).toBe(`${UNCONFIRMED_MESSAGE} (upstream exploded)`);
    expect((await audit.listForTarget('u1'))[0]).toMatchObject({ state: 'pending', finishedAt: null });
  });

  it('is a definite failure on a 4xx, without reading back', async () => {
    failingWrite({ apply: false, status: 400 });
    const res = await call('PATCH', '/api/users/u1', { body: { active: false } });
    expect(res.status).toBe(400);
    expect(upstream.requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
    expect((await audit.listForTarget('u1'))[0]).toMatchObject({ state: 'failed', upstreamStatus: 400, errorDetail: 'upstream exploded' });
  });
});

describe('If-Match on PATCH and DELETE', () => {
  it('a provider without ETags still gets 412 with the current user, and no upstream write', async () => {
    caps = { ...caps, etag: false };
    for (const method of ['PATCH', 'DELETE'] as const) {
      const res = await call(method, '/api/users/u1', {
        body: method === 'PATCH' ? { active: false } : {},
        headers: { 'if-match': 'W/"0"' },
      });
      expect(res.status).toBe(412);
      expect((await errorOf(res)).current).toMatchObject({ id: 'u1', meta: { version: 'W/"1"' } });
    }
    expect(writes).toEqual([]);
  });

  it('forwards If-Match on DELETE where the provider supports ETags, so a change in between is a 412', async () => {
    const ok = await call('DELETE', '/api/users/u1', { headers: { 'if-match': 'W/"1"' } });
    expect(ok.status).toBe(200);
    expect(upstream.requests.find((r) => r.method === 'DELETE')!.headers['if-match']).toBe('W/"1"');

    // Someone changes u2 between the console's read and its DELETE.
    const u2 = users.get('u2')!;
    Object.assign(u2, { active: true });
    scimServer();
    const inner = createScimClient({ baseUrl: upstream.baseUrl, accessToken: 't', timeoutMs: 2000, sleep: async () => {} });
    const racing = {
      ...inner,
      getUser: async (id: string) => {
        const read = await inner.getUser(id);
        u2.version++;
        return read;
      },
    };
    const failure = await changeActivation({
      scim: racing,
      audit,
      capabilities: caps,
      actor: { sub: 's', email: null },
      protectedUsers: [],
      requestId: 'r',
      id: 'u2',
      active: false,
      method: 'DELETE',
      reason: null,
      ifMatch: 'W/"4"',
    }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ status: 412, message: STALE_MESSAGE });
    expect(u2.active).toBe(true);
    expect((await audit.listForTarget('u2'))[0]).toMatchObject({ method: 'DELETE', state: 'failed', upstreamStatus: 412 });
  });

  it('sends no If-Match on DELETE when the provider has no ETags', async () => {
    caps = { ...caps, etag: false };
    expect((await call('DELETE', '/api/users/u1', { headers: { 'if-match': 'W/"1"' } })).status).toBe(200);
    expect(upstream.requests.find((r) => r.method === 'DELETE')!.headers['if-match']).toBeUndefined();
  });
});

describe('nothing to change', () => {
  it('a PATCH asking for the state the user already has sends nothing and records nothing', async () => {
    const recordsBefore = (await audit.listForTarget('u1')).length;
    const res = await call('PATCH', '/api/users/u1', { body: { active: true } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ user: { id: 'u1', active: true, meta: { version: 'W/"1"' } }, auditRecordId: null });
    expect(writes).toEqual([]);
    expect(await audit.listForTarget('u1')).toHaveLength(recordsBefore);
  });
});

describe('rate limits', () => {
  it('say when to try again, from Retry-After', async () => {
    upstream.handle((_req, res) => sendJson(res, 429, { status: '429', detail: 'Too many requests' }, { 'Retry-After': '30' }));
    const res = await call('GET', '/api/users/u1');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('30');
    expect((await errorOf(res)).error.message).toBe(
      'Too many requests The SCIM provider is rate-limiting the console; try again in 30 seconds.',
    );
  });

  it('turn Salesforce’s 403 REQUEST_LIMIT_EXCEEDED into a 429 that says what happened', async () => {
    upstream.handle((_req, res) => sendJson(res, 403, [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }]));
    const res = await call('GET', '/api/users/u1');
    expect(res.status).toBe(429);
    expect((await errorOf(res)).error.message).toBe(
      'TotalRequests Limit exceeded. The SCIM provider is rate-limiting the console; try again in a minute.',
    );
  });
});

describe('upstream 401', () => {
  it('is a 502 with the provider’s message, never the console’s own 401', async () => {
    upstream.handle((_req, res) => sendJson(res, 401, { status: '401', scimType: 'invalidToken', detail: 'audience mismatch' }));
    const res = await call('GET', '/api/users/u1');
    expect(res.status).toBe(502);
    const body = await errorOf(res);
    expect(body.error).toMatchObject({
      message: "The SCIM provider refused the console's credentials: audience mismatch",
      scimType: 'invalidToken',
    });
  });
});

describe('request ids', () => {
  it('are generated by the server: a client’s X-Request-Id reaches neither the audit log nor the upstream', async () => {
    const res = await call('PATCH', '/api/users/u1', { body: { active: false }, headers: { 'x-request-id': 'client-chosen-id' } });
    expect(res.status).toBe(200);
    const requestId = res.headers.get('x-request-id');
    expect(requestId).not.toBe('client-chosen-id');
    expect((await audit.listForTarget('u1'))[0]!.requestId).toBe(requestId);
    expect(upstream.requests.every((r) => r.headers['x-request-id'] === requestId)).toBe(true);
  });
});
