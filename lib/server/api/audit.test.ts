// Long on purpose: history, observations, reconciliation and the audit routes share
// one fake provider and one clock.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '@/lib/authz';
import { createAuditDb, migrate } from '@/lib/server/audit/db';
import { createAuditStore, type AuditStore } from '@/lib/server/audit/store';
import { pendingAudit } from '@/lib/server/audit/testing/pending-audit';
import { recordById } from '@/lib/server/audit/testing/record-by-id';
import type { AuditPage } from '@/lib/audit-log/types';
import { sendJson, startTestUpstream, type TestUpstream } from '@/lib/server/scim/testing/upstream';
import type { ApiError, HistoryResponse } from '@/lib/users/types';
import { createAuditRoutes } from './audit';
import { createHistoryRoutes } from './history';
import { changeActivation } from '@/lib/server/change-activation';
import { callRoute, testDeps, TEST_ORIGIN } from './testing/harness';
import { createUserRoutes } from './users';

let upstream: TestUpstream;
let audit: AuditStore;
let role: Role = 'admin';
let t = 0;
let storeBroken = false;

const deps = testDeps({
  upstream: () => upstream,
  role: () => role,
  capabilities: async () => ({ etag: true, maxResults: 200, deleteDeactivates: true, sort: false }),
  auditStore: async () => (storeBroken ? Promise.reject(new Error('database locked')) : audit),
});
const users = createUserRoutes(deps);
const history = createHistoryRoutes(deps);
const auditRoutes = createAuditRoutes(deps, () => new Date('2026-02-03T10:00:00Z'));

/** Who started a change the test leaves pending (a crashed console's, or anyone's). */
const someone = { requestId: 'r', actor: { sub: 's', email: null } };

type UserState = { id: string; userName: string; active: boolean; version: number };
let state: Map<string, UserState>;
const wire = (u: UserState) => ({
  id: u.id,
  userName: u.userName,
  active: u.active,
  meta: { version: `W/"${u.version}"`, lastModified: `2026-01-01T00:00:0${u.version}Z` },
});

type Handler = Parameters<typeof callRoute<{ id: string }>>[0];
function get(handler: unknown, path: string, id = '') {
  return callRoute(handler as Handler, 'GET', path, { id });
}
const historyOf = async (id: string) => {
  const res = await get(history.get, `/api/users/${id}/history`, id);
  expect(res.status).toBe(200);
  return ((await res.json()) as HistoryResponse).entries;
};

beforeAll(async () => {
  upstream = await startTestUpstream();
});
afterAll(() => upstream.close());
beforeEach(async () => {
  role = 'admin';
  storeBroken = false;
  t = Date.parse('2026-02-01T00:00:00Z');
  const db = createAuditDb('file::memory:');
  await migrate(db);
  audit = createAuditStore(db, () => new Date(t), { pendingTimeoutMs: 120_000 });
  state = new Map([
    ['u1', { id: 'u1', userName: 'ann@example.com', active: true, version: 1 }],
    ['u2', { id: 'u2', userName: 'bob@example.com', active: false, version: 4 }],
  ]);
  upstream.handle((req, res) => {
    if (req.path === '/Users')
      return sendJson(res, 200, {
        totalResults: state.size,
        startIndex: 1,
        itemsPerPage: state.size,
        Resources: [...state.values()].map(wire),
      });
    const u = state.get(req.path.split('/')[2] ?? '');
    if (!u) return sendJson(res, 404, { status: '404', detail: 'User not found' });
    if (req.method === 'PATCH') {
      u.active = JSON.parse(req.body).Operations[0].value.active;
      u.version++;
    }
    return sendJson(res, 200, wire(u));
  });
});

describe('meta observations through the users API', () => {
  it('shows a change made outside the console, and not the console’s own', async () => {
    expect((await get(users.list, '/api/users')).status).toBe(200);
    expect(await historyOf('u1')).toEqual([]); // first seen is not an event
    t += 1000;
    // Someone else deactivates u1 at the provider.
    Object.assign(state.get('u1')!, { active: false, version: 2 });
    expect((await get(users.get, '/api/users/u1', 'u1')).status).toBe(200);
    t += 1000;
    // The console reactivates it.
    const res = await users.patch(
      new Request(`${TEST_ORIGIN}/api/users/u1`, {
        method: 'PATCH',
        headers: { origin: TEST_ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify({ active: true, reason: 'back' }),
      }),
      { params: Promise.resolve({ id: 'u1' }) },
    );
    expect(res.status).toBe(200);
    await get(users.list, '/api/users');
    const entries = await historyOf('u1');
    expect(entries.map((e) => [e.kind, e.actor?.email ?? null, e.versionBefore, e.versionAfter])).toEqual([
      ['reactivated', 'admin@example.com', 'W/"2"', 'W/"3"'],
      ['outside-change', null, 'W/"1"', 'W/"2"'],
    ]);
    expect(entries[0]).toMatchObject({
      method: 'PATCH',
      reason: 'back',
      activeBefore: false,
      activeAfter: true,
      at: '2026-02-01T00:00:02.000Z',
    });
    expect(entries[1]).toMatchObject({ method: null, activeBefore: true, activeAfter: false, at: '2026-02-01T00:00:01.000Z' });
    expect((await audit.listObservations('u1')).map((o) => o.source)).toEqual(['console', 'outside', 'first-seen']);
  });

  it('never fails a read because the audit store is down', async () => {
    storeBroken = true;
    expect((await get(users.list, '/api/users')).status).toBe(200);
    expect((await get(users.get, '/api/users/u1', 'u1')).status).toBe(200);
    expect((await get(history.get, '/api/users/u1/history', 'u1')).status).toBe(503);
  });
});

describe('crash between call and outcome', () => {
  it('settles the pending record by reading the user once it is older than the timeout, losing nothing', async () => {
    // The console wrote pending and called upstream, which applied the change; then it died.
    const id = await audit.insertPending(
      pendingAudit({
        requestId: 'r-crash',
        actor: { sub: 'sub-9', email: 'ops@example.com' },
        target: { id: 'u1', userName: 'ann@example.com' },
        reason: 'incident 42',
        before: { active: true, version: 'W/"1"' },
      }),
    );
    Object.assign(state.get('u1')!, { active: false, version: 2 });

    // Before the timeout it is left alone (the call may still be running), and reads do not misclassify it.
    t += 60_000;
    await get(users.list, '/api/users');
    expect((await historyOf('u1')).map((e) => e.kind)).toEqual(['pending']);
    expect(upstream.requests.filter((r) => r.path === '/Users/u1')).toHaveLength(0);

    t += 61_000;
    const entries = await historyOf('u1');
    expect(upstream.requests.filter((r) => r.path === '/Users/u1')).toHaveLength(1);
    expect(entries).toEqual([
      expect.objectContaining({
        id,
        kind: 'reconciled',
        action: 'deactivate',
        actor: { sub: 'sub-9', email: 'ops@example.com' },
        reason: 'incident 42',
        versionBefore: 'W/"1"',
        versionAfter: 'W/"2"',
        activeBefore: true,
        activeAfter: false,
      }),
    ]);
    expect(entries[0]!.error).toMatch(/No outcome was recorded.*inactive at version W\/"2"/);
    expect(await recordById(audit, id)).toMatchObject({
      state: 'reconciled',
      requestId: 'r-crash',
      finishedAt: '2026-02-01T00:02:01.000Z',
    });
    expect((await audit.listObservations('u1'))[0]).toMatchObject({ source: 'reconcile', activationId: id });
    // Settled once: the next look reads nothing upstream.
    await historyOf('u1');
    expect(upstream.requests.filter((r) => r.path === '/Users/u1')).toHaveLength(1);
  });

  it('is settled by the user detail read too, and as "not found" when the user is gone', async () => {
    const pending = (target: string) =>
      audit.insertPending(
        pendingAudit({ ...someone, target: { id: target, userName: null }, method: 'DELETE', before: { active: true, version: null } }),
      );
    const a = await pending('u2');
    const b = await pending('gone');
    t += 121_000;
    expect((await get(users.get, '/api/users/u2', 'u2')).status).toBe(200);
    expect(await recordById(audit, a)).toMatchObject({ state: 'reconciled', after: { active: false, version: 'W/"4"' } });
    expect((await get(users.get, '/api/users/gone', 'gone')).status).toBe(404);
    expect(await recordById(audit, b)).toMatchObject({
      state: 'reconciled',
      after: { active: null, version: null },
      errorDetail: expect.stringMatching(/not found/),
    });
  });

  it('is swept by the audit page, with the reader’s token', async () => {
    role = 'auditor';
    const id = await audit.insertPending(
      pendingAudit({
        ...someone,
        target: { id: 'u2', userName: 'bob@example.com' },
        action: 'reactivate',
        before: { active: false, version: 'W/"4"' },
      }),
    );
    t += 121_000;
    const page = (await (await get(auditRoutes.list, '/api/audit')).json()) as AuditPage;
    expect(page.entries).toMatchObject([{ id, outcome: 'reconciled', activeAfter: false }]);
  });

  it('is settled by a list page from that very read, only for the users it lists', async () => {
    const listed = await audit.insertPending(pendingAudit({ ...someone, target: { id: 'u1', userName: null } }));
    const unlisted = await audit.insertPending(pendingAudit({ ...someone, target: { id: 'gone', userName: null } }));
    t += 121_000;
    expect((await get(users.list, '/api/users')).status).toBe(200);
    expect(await recordById(audit, listed)).toMatchObject({ state: 'reconciled', after: { active: true, version: 'W/"1"' } });
    expect(await recordById(audit, unlisted)).toMatchObject({ state: 'pending' });
    expect(upstream.requests.map((r) => r.path)).toEqual(['/Users']);
  });

  it('is swept by the audit page at most five users per read, oldest first', async () => {
    role = 'auditor';
    const ids: string[] = [];
    for (let i = 0; i < 7; i++)
      ids.push(await audit.insertPending(pendingAudit({ ...someone, target: { id: `gone${i}`, userName: null } })));
    t += 121_000;
    expect((await get(auditRoutes.list, '/api/audit')).status).toBe(200);
    expect(upstream.requests.map((r) => r.path)).toEqual(['/Users/gone0', '/Users/gone1', '/Users/gone2', '/Users/gone3', '/Users/gone4']);
    const states = await Promise.all(ids.map(async (id) => (await recordById(audit, id))?.state));
    expect(states).toEqual(['reconciled', 'reconciled', 'reconciled', 'reconciled', 'reconciled', 'pending', 'pending']);
  });

  it('a late outcome after reconciliation is kept as an observation', async () => {
    const id = await audit.insertPending(pendingAudit({ ...someone, target: { id: 'u1', userName: null } }));
    await audit.reconcile(id, { after: { active: true, version: 'W/"1"' }, detail: 'x' });
    expect(await audit.recordOutcome(id, { state: 'succeeded', upstreamStatus: 200 })).toBe(false);
    // changeActivation's own path writes the after-state as a console observation whatever recordOutcome says.
    await changeActivation({
      scim: deps.scimClient({ accessToken: 't', requestId: 'r' }),
      audit,
      capabilities: await deps.capabilities(null!),
      actor: { sub: 's', email: null },
      protectedUsers: [],
      requestId: 'r2',
      id: 'u1',
      active: false,
      method: 'PATCH',
      reason: null,
    });
    expect((await audit.listObservations('u1'))[0]).toMatchObject({ source: 'console', version: 'W/"2"' });
  });
});

describe('GET /api/users/:id/history', () => {
  it('is open to helpdesk and auditors, closed to people without a role', async () => {
    for (const r of ['helpdesk', 'auditor', 'admin'] as const) {
      role = r;
      expect((await get(history.get, '/api/users/u1/history', 'u1')).status).toBe(200);
    }
    role = 'none';
    expect((await get(history.get, '/api/users/u1/history', 'u1')).status).toBe(403);
  });

  it('refuses a malformed id', async () => {
    expect((await get(history.get, '/api/users/../history', '..')).status).toBe(400);
  });
});

describe('GET /api/audit', () => {
  async function seed(n: number) {
    for (let i = 0; i < n; i++) {
      t += i % 3 === 0 ? 1000 : 0;
      const id = await audit.insertPending(
        pendingAudit({
          requestId: `r${i}`,
          actor: { sub: `s${i % 2}`, email: `p${i % 2}@example.com` },
          target: { id: `u${i}`, userName: `user${i}` },
          before: { active: true, version: null },
        }),
      );
      await audit.recordOutcome(
        id,
        i % 4 === 0
          ? { state: 'failed', upstreamStatus: 500, errorDetail: 'boom' }
          : { state: 'succeeded', upstreamStatus: 200, after: { active: false, version: null } },
      );
    }
  }

  it('pages with an opaque cursor and filters', async () => {
    role = 'auditor';
    await seed(25);
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const res = await get(auditRoutes.list, `/api/audit?actor=p1@example.com&limit=4${next ? `&cursor=${next}` : ''}&from=&to=`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as AuditPage;
      seen.push(...page.entries.map((e) => e.requestId));
      next = page.nextCursor;
    } while (next);
    expect(seen).toEqual(
      Array.from({ length: 25 }, (_, i) => 24 - i)
        .filter((i) => i % 2 === 1)
        .map((i) => `r${i}`),
    );
    const failed = (await (await get(auditRoutes.list, '/api/audit?outcome=failed')).json()) as AuditPage;
    expect(failed.entries.map((e) => e.requestId)).toEqual(['r24', 'r20', 'r16', 'r12', 'r8', 'r4', 'r0']);
    expect(failed.entries[0]).toMatchObject({
      outcome: 'failed',
      error: 'boom',
      upstreamStatus: 500,
      actor: { sub: 's0', email: 'p0@example.com' },
      target: { userName: 'user24' },
    });
  });

  it('answers 400 naming the field', async () => {
    const cases: [string, RegExp][] = [
      ['outcome=maybe', /^outcome:/],
      ['action=delete', /^action:/],
      ['from=yesterday', /^from:/],
      ['from=2026-02-02&to=2026-02-01', /^to:/],
      ['limit=0', /^limit:/],
      ['cursor=%27%3B--', /^cursor:/],
      [`cursor=${Buffer.from('nope').toString('base64url')}`, /^cursor:/],
    ];
    for (const [query, message] of cases) {
      const res = await get(auditRoutes.list, `/api/audit?${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as ApiError).error.message).toMatch(message);
    }
  });

  it('is for admins and auditors only', async () => {
    for (const r of ['helpdesk', 'none'] as const) {
      role = r;
      expect((await get(auditRoutes.list, '/api/audit')).status).toBe(403);
      expect((await get(auditRoutes.export, '/api/audit/export')).status).toBe(403);
    }
  });
});

describe('GET /api/audit/export', () => {
  it('streams every matching row as CSV, neutralising formulas', async () => {
    role = 'auditor';
    for (let i = 0; i < 2505; i++) {
      await audit.insertPending(
        pendingAudit({
          requestId: `r${i}`,
          actor: { sub: 's', email: i === 0 ? '=cmd|x' : 'a@x' },
          target: { id: 'u1', userName: 'ann' },
          reason: i === 0 ? 'a, "b"\nc' : null,
          before: { active: true, version: null },
        }),
      );
    }
    const res = await get(auditRoutes.export, '/api/audit/export?target=ann&limit=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="audit-2026-02-03.csv"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    const lines = text.split('\r\n');
    expect(lines[0]!.startsWith('"at","finished_at","actor_email"')).toBe(true);
    expect(lines).toHaveLength(1 + 2505 + 1);
    expect(text).toContain(`'=cmd|x`);
    expect(text).toContain('"a, ""b""\nc"');
    expect((await (await get(auditRoutes.export, '/api/audit/export?target=nobody')).text()).split('\r\n')).toHaveLength(2);
  });

  it('answers 400 for a bad filter before streaming', async () => {
    role = 'admin';
    expect((await get(auditRoutes.export, '/api/audit/export?to=2026-13-01')).status).toBe(400);
  });
});
