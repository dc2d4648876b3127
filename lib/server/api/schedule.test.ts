// Long on purpose: every schedule route and the time-boxed reactivation rules through one harness.
// The schedule API (docs/decisions/0110-scheduled-changes-are-jobs.md, 0111-time-boxed-reactivation.md)
// through the shared route harness, with a real audit database and a fake provider.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '@/lib/authz';
import type { ScheduleList } from '@/lib/schedule/types';
import { createAuditDb, migrate } from '@/lib/server/audit/db';
import { createAuditStore, type AuditStore } from '@/lib/server/audit/store';
import { createJobStore, type JobStore } from '@/lib/server/jobs/job-store';
import { fakeScim } from '@/lib/server/jobs/testing/fake-scim';
import { startTestUpstream, type TestUpstream } from '@/lib/server/scim/testing/upstream';
import type { HistoryResponse } from '@/lib/users/types';
import { createHistoryRoutes } from './history';
import { createJobRoutes } from './jobs';
import { createScheduleRoutes, type ScheduleDeps } from './schedule';
import { callRoute, testDeps } from './testing/harness';
import { createUserRoutes } from './users';

const tmp = mkdtempSync(path.join(tmpdir(), 'schedule-api-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let upstream: TestUpstream;
beforeAll(async () => (upstream = await startTestUpstream()));
afterAll(() => upstream.close());

const NOW = Date.parse('2026-03-29T12:00:00.000Z');
const HOUR = 3_600_000;
let role: Role = 'admin';
let audit: AuditStore;
let store: JobStore;
let scim: ReturnType<typeof fakeScim>;
const schedule: ScheduleDeps = {
  jobStore: async () => store,
  wake: () => {},
  maxUsers: 10,
  policy: { timeBoxed: true, helpdeskMaxHours: 24 },
  hourMs: HOUR,
  now: () => new Date(NOW),
};
const deps = testDeps({ upstream: () => upstream, role: () => role, auditStore: async () => audit });
const routes = createScheduleRoutes(deps, schedule);
const users = createUserRoutes(deps, schedule);
const history = createHistoryRoutes(deps, (id) => store.scheduledFor(id));
const jobs = createJobRoutes(deps, { jobStore: async () => store, seal: () => 'sealed', wake: () => {}, maxUsers: 10, schedule });

type Route<P> = (r: Request, c: { params: Promise<P> }) => Promise<Response>;
const send = <P>(route: Route<P>, method: 'POST' | 'PATCH' | 'DELETE', url: string, body: object, params: P) =>
  callRoute(route, method, url, params, { body });
const upcoming = async () => ((await (await callRoute(routes.list, 'GET', '/api/schedule', {})).json()) as ScheduleList).changes;
const scheduleBody = (over: object = {}) => ({
  action: 'deactivate',
  runAt: '2026-03-29T15:30:00.000Z',
  timeZone: 'Europe/Berlin',
  reasonCode: 'Leaver',
  ticket: 'HR-1',
  users: { ids: ['u0000', 'u0001'] },
  ...over,
});

beforeEach(async () => {
  role = 'admin';
  schedule.policy = { timeBoxed: true, helpdeskMaxHours: 24 };
  const db = createAuditDb(`file:${path.join(tmp, `${Math.random().toString(36).slice(2)}.db`)}`);
  await migrate(db);
  audit = createAuditStore(db);
  store = createJobStore(db, () => new Date(NOW));
  scim = fakeScim(upstream);
  scim.seed(4, (i) => i >= 2); // u0000, u0001 active; u0002, u0003 inactive
});

describe('POST /api/schedule, GET /api/schedule, POST /api/schedule/:id/cancel', () => {
  it('an admin schedules a deactivation for a selection; the list shows each user with when, who, code and ticket', async () => {
    const res = await send(routes.create, 'POST', '/api/schedule', scheduleBody(), {});
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(await upcoming()).toMatchObject([
      {
        jobId: id,
        seq: 0,
        userName: 'user0@example.com',
        action: 'deactivate',
        runAt: '2026-03-29T15:30:00.000Z',
        reasonCode: 'Leaver',
        ticket: 'HR-1',
        actor: { email: 'admin@example.com' },
        timeZone: 'Europe/Berlin',
      },
      { jobId: id, seq: 1, userName: 'user1@example.com' },
    ]);
    expect(scim.writes).toEqual([]);
    // Cancel one user: the other stays.
    expect((await send(routes.cancel, 'POST', `/api/schedule/${id}/cancel`, { seq: 0 }, { id })).status).toBe(200);
    expect((await upcoming()).map((c) => c.seq)).toEqual([1]);
    expect((await send(routes.cancel, 'POST', `/api/schedule/${id}/cancel`, { seq: 0 }, { id })).status).toBe(409);
    // History shows it was scheduled, and cancelled.
    const entries = ((await (await callRoute(history.get, 'GET', '/api/users/u0000/history', { id: 'u0000' })).json()) as HistoryResponse)
      .entries;
    expect(entries.map((e) => e.kind).sort()).toEqual(['schedule-ended', 'scheduled']);
    expect(entries.find((e) => e.kind === 'schedule-ended')).toMatchObject({
      schedule: { state: 'cancelled', detail: 'Cancelled by admin@example.com' },
    });
  });

  it.each([
    ['a time in the past', { runAt: '2026-03-29T11:59:00.000Z' }, 'Choose a time in the future.'],
    ['more than a year ahead', { runAt: '2027-04-30T12:00:00.000Z' }, 'Changes can be scheduled at most a year ahead.'],
    ['an unknown user', { users: { ids: ['u0000', 'nobody'] } }, 'No user with id "nobody".'],
    ['an unknown reason code', { reasonCode: 'Because' }, 'Reason code must be one of'],
    ['a time without an offset', { runAt: '2026-03-29T15:30' }, 'runAt'],
  ])('refuses %s with 400', async (_what, over, message) => {
    const res = await send(routes.create, 'POST', '/api/schedule', scheduleBody(over), {});
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(message);
    expect(await upcoming()).toEqual([]);
  });

  it('is for admins: helpdesk and auditors may see the list but not schedule or cancel; no role sees nothing', async () => {
    await send(routes.create, 'POST', '/api/schedule', scheduleBody(), {});
    const [change] = await upcoming();
    for (const r of ['helpdesk', 'auditor'] as const) {
      role = r;
      expect((await send(routes.create, 'POST', '/api/schedule', scheduleBody(), {})).status).toBe(403);
      expect((await send(routes.cancel, 'POST', '/api/schedule/x/cancel', { seq: 0 }, { id: change!.jobId })).status).toBe(403);
      expect(await upcoming()).toHaveLength(2);
    }
    role = 'none';
    expect((await callRoute(routes.list, 'GET', '/api/schedule', {})).status).toBe(403);
  });

  it('keeps the mutation guards: cross-site 403, non-JSON 415, oversized 413', async () => {
    const body = scheduleBody();
    expect((await callRoute(routes.create, 'POST', '/api/schedule', {}, { body, headers: { origin: 'http://evil.test' } })).status).toBe(
      403,
    );
    expect(
      (
        await callRoute(
          routes.create,
          'POST',
          '/api/schedule',
          {},
          { body, headers: { 'sec-fetch-site': 'cross-site', origin: 'http://console.test' } },
        )
      ).status,
    ).toBe(403);
    expect((await callRoute(routes.create, 'POST', '/api/schedule', {}, { body, headers: { 'content-type': 'text/plain' } })).status).toBe(
      415,
    );
    const huge = { ...body, reason: 'x'.repeat(2 * 1024 * 1024) };
    expect((await callRoute(routes.create, 'POST', '/api/schedule', {}, { body: huge })).status).toBe(413);
    const id = '00000000-0000-0000-0000-000000000000';
    expect(
      (
        await callRoute(
          routes.cancel,
          'POST',
          `/api/schedule/${id}/cancel`,
          { id },
          { body: { seq: 0 }, headers: { origin: 'http://evil.test' } },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await callRoute(
          users.patch,
          'PATCH',
          '/api/users/u0002',
          { id: 'u0002' },
          { body: { active: true, hours: 1 }, headers: { 'content-type': 'text/plain' } },
        )
      ).status,
    ).toBe(415);
    expect(
      (
        await callRoute(
          routes.extend,
          'PATCH',
          '/api/users/u0002/reactivation',
          { id: 'u0002' },
          { body: { hours: 1 }, headers: { origin: 'http://evil.test' } },
        )
      ).status,
    ).toBe(403);
    expect(
      (await callRoute(routes.makePermanent, 'DELETE', '/api/users/u0002/reactivation', { id: 'u0002' }, { body: 'x'.repeat(17_000) }))
        .status,
    ).toBe(413);
    expect(await upcoming()).toEqual([]);
  });

  it('without a service identity there is nothing to schedule with: 400 saying what to configure', async () => {
    schedule.policy = { timeBoxed: false, helpdeskMaxHours: 24 };
    const res = await send(routes.create, 'POST', '/api/schedule', scheduleBody(), {});
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('SCIM_CLIENT_ID');
  });
});

describe('time-boxed reactivation (PATCH /api/users/:id)', () => {
  const reactivate = (id: string, body: object) => send(users.patch, 'PATCH', `/api/users/${id}`, { active: true, ...body }, { id });

  it('helpdesk reactivates for an hour: an expiry by them, with their ticket, an hour from now', async () => {
    role = 'helpdesk';
    const res = await reactivate('u0002', { hours: 1, ticket: 'HD-9' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { until: string }).until).toBe(new Date(NOW + HOUR).toISOString());
    expect(scim.users.get('u0002')!.active).toBe(true);
    const [expiry] = await upcoming();
    expect(expiry).toMatchObject({ kind: 'expiry', targetId: 'u0002', runAt: new Date(NOW + HOUR).toISOString(), ticket: 'HD-9' });
    expect(expiry!.actor.email).toBe('admin@example.com'); // the harness's signed-in person
  });

  it('helpdesk may not reactivate permanently, nor longer than HELPDESK_MAX_REACTIVATION_HOURS; nothing changes', async () => {
    role = 'helpdesk';
    expect((await reactivate('u0002', {})).status).toBe(403);
    expect((await reactivate('u0002', { hours: 25 })).status).toBe(400);
    expect((await reactivate('u0002', { until: new Date(NOW + 48 * HOUR).toISOString() })).status).toBe(400);
    expect(scim.writes).toEqual([]);
    // Up to the limit, with Until…
    expect((await reactivate('u0002', { until: new Date(NOW + 24 * HOUR).toISOString() })).status).toBe(200);
  });

  it('HELPDESK_MAX_REACTIVATION_HOURS=0 lets helpdesk reactivate permanently', async () => {
    role = 'helpdesk';
    schedule.policy = { timeBoxed: true, helpdeskMaxHours: 0 };
    expect((await reactivate('u0002', {})).status).toBe(200);
    expect(await upcoming()).toEqual([]);
  });

  it('admins may reactivate permanently or for longer', async () => {
    expect((await reactivate('u0002', {})).status).toBe(200);
    expect((await reactivate('u0003', { hours: 72 })).status).toBe(200);
    expect((await upcoming()).map((c) => c.targetId)).toEqual(['u0003']);
  });

  it('without a service identity every reactivation is permanent, for every role; a time box is refused', async () => {
    schedule.policy = { timeBoxed: false, helpdeskMaxHours: 24 };
    role = 'helpdesk';
    expect((await reactivate('u0002', { hours: 1 })).status).toBe(400);
    expect((await reactivate('u0002', {})).status).toBe(200);
    expect(await upcoming()).toEqual([]);
  });

  it('a deactivation cannot be time-boxed', async () => {
    expect((await send(users.patch, 'PATCH', '/api/users/u0000', { active: false, hours: 1 }, { id: 'u0000' })).status).toBe(400);
  });

  it('Extend moves the end (same limits); Make permanent is for admins and removes it', async () => {
    role = 'helpdesk';
    await reactivate('u0002', { hours: 1 });
    expect((await send(routes.extend, 'PATCH', '/api/users/u0002/reactivation', { hours: 8 }, { id: 'u0002' })).status).toBe(200);
    expect((await upcoming())[0]!.runAt).toBe(new Date(NOW + 8 * HOUR).toISOString());
    expect((await send(routes.extend, 'PATCH', '/api/users/u0002/reactivation', { hours: 48 }, { id: 'u0002' })).status).toBe(400);
    expect((await send(routes.makePermanent, 'DELETE', '/api/users/u0002/reactivation', {}, { id: 'u0002' })).status).toBe(403);
    role = 'admin';
    expect((await send(routes.makePermanent, 'DELETE', '/api/users/u0002/reactivation', {}, { id: 'u0002' })).status).toBe(200);
    expect(await upcoming()).toEqual([]);
    expect((await send(routes.extend, 'PATCH', '/api/users/u0002/reactivation', { hours: 1 }, { id: 'u0002' })).status).toBe(404);
  });

  it('a deactivation through the console ends a waiting expiry', async () => {
    await reactivate('u0002', { hours: 1 });
    expect((await send(users.patch, 'PATCH', '/api/users/u0002', { active: false }, { id: 'u0002' })).status).toBe(200);
    expect(await upcoming()).toEqual([]);
  });

  it('a bulk reactivation by helpdesk is time-boxed too', async () => {
    role = 'helpdesk';
    const body = { action: 'reactivate', users: { ids: ['u0002'] } };
    expect((await send(jobs.create, 'POST', '/api/jobs', body, {})).status).toBe(403);
    expect((await send(jobs.create, 'POST', '/api/jobs', { ...body, hours: 4 }, {})).status).toBe(202);
  });

  it('GET /api/users/:id/schedule lists that user’s waiting changes', async () => {
    await reactivate('u0002', { hours: 1 });
    await send(routes.create, 'POST', '/api/schedule', scheduleBody(), {});
    const res = await callRoute(routes.forUser, 'GET', '/api/users/u0002/schedule', { id: 'u0002' });
    expect(((await res.json()) as ScheduleList).changes).toMatchObject([{ kind: 'expiry', targetId: 'u0002' }]);
    role = 'none';
    expect((await callRoute(routes.forUser, 'GET', '/api/users/u0002/schedule', { id: 'u0002' })).status).toBe(403);
  });
});
