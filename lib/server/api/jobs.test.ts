// Long on purpose: one fake provider and one worker drive every jobs route case.
// The bulk jobs API through the shared route harness, with a real audit
// database and a fake provider; the worker is drained by hand.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '@/lib/authz';
import type { DryRun, JobDetail, JobList } from '@/lib/jobs/types';
import { createAuditDb, migrate } from '@/lib/server/audit/db';
import { createAuditStore, type AuditStore } from '@/lib/server/audit/store';
import { createJobStore, type JobStore } from '@/lib/server/jobs/job-store';
import { fakeScim } from '@/lib/server/jobs/testing/fake-scim';
import { createJobWorker } from '@/lib/server/jobs/worker';
import { createScimClient } from '@/lib/server/scim/client';
import { startTestUpstream, type TestUpstream } from '@/lib/server/scim/testing/upstream';
import type { ConsoleToken } from '@/lib/server/session';
import type { ProviderCapabilities } from '@/lib/users/types';
import { createJobRoutes } from './jobs';
import { callRoute, SAFE_CAPABILITIES, testDeps } from './testing/harness';

const tmp = mkdtempSync(path.join(tmpdir(), 'jobs-api-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let upstream: TestUpstream;
beforeAll(async () => (upstream = await startTestUpstream()));
afterAll(() => upstream.close());

let role: Role = 'admin';
let token: Partial<ConsoleToken> = {};
let caps: ProviderCapabilities = SAFE_CAPABILITIES;
let audit: AuditStore;
let store: JobStore;
let scim: ReturnType<typeof fakeScim>;
let wakes = 0;

const deps = testDeps({
  upstream: () => upstream,
  role: () => role,
  token: () => token,
  capabilities: async () => caps,
  auditStore: async () => audit,
});
const routes = createJobRoutes(deps, {
  jobStore: async () => store,
  seal: (jobId, accessToken) => `sealed:${jobId}:${accessToken}`,
  wake: () => wakes++,
  maxUsers: 10,
});

const drain = () =>
  createJobWorker({
    jobs: store,
    audit,
    scimClient: ({ accessToken, requestId }) => createScimClient({ baseUrl: upstream.baseUrl, accessToken, requestId, timeoutMs: 5000 }),
    capabilities: async () => caps,
    openToken: (jobId, sealed) => (sealed.startsWith(`sealed:${jobId}:`) ? { accessToken: sealed.slice(`sealed:${jobId}:`.length) } : null),
    maxConcurrency: 4,
    leaseMs: 30_000,
    protectedUsers: [],
  }).drain();

function post<P>(route: (r: Request, c: { params: Promise<P> }) => Promise<Response>, url: string, body: object, params?: P) {
  return callRoute(route, 'POST', url, params ?? ({} as P), { body });
}
const getJob = async (id: string, query = '') =>
  (await (await callRoute(routes.get, 'GET', `/api/jobs/${id}${query}`, { id })).json()) as JobDetail;

beforeEach(async () => {
  role = 'admin';
  token = {};
  caps = SAFE_CAPABILITIES;
  wakes = 0;
  const db = createAuditDb(`file:${path.join(tmp, `${Math.random().toString(36).slice(2)}.db`)}`);
  await migrate(db);
  audit = createAuditStore(db);
  store = createJobStore(db);
  scim = fakeScim(upstream);
  scim.seed(6, (i) => i >= 4); // u0000–u0003 active, u0004–u0005 inactive
});

describe('POST /api/jobs', () => {
  it('starts a job for a selection (202 { id }); the worker changes each user with one audit record carrying the job id', async () => {
    const res = await post(routes.create, '/api/jobs', {
      action: 'deactivate',
      reason: 'left',
      reasonCode: 'Leaver',
      ticket: 'HR-12',
      users: { ids: ['u0000', 'u0001', 'u0004'] },
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    expect(wakes).toBe(1);
    expect(scim.writes).toEqual([]); // nothing is sent by the request itself
    await drain();

    const detail = await getJob(id);
    expect(detail.job).toMatchObject({
      state: 'done',
      action: 'deactivate',
      method: 'PATCH',
      total: 3,
      counts: { succeeded: 2, skipped: 1 },
      reasonCode: 'Leaver',
      ticket: 'HR-12',
    });
    expect(detail.results.map((r) => [r.userName, r.state])).toEqual([
      ['user0@example.com', 'succeeded'],
      ['user1@example.com', 'succeeded'],
      ['user4@example.com', 'skipped'],
    ]);
    expect(detail.startedByViewer).toBe(true);
    const records = (await audit.queryAudit({}, { limit: 10 })).records;
    expect(records.map((r) => [r.target.id, r.jobId, r.reason, r.actor.email])).toEqual([
      expect.arrayContaining([expect.any(String), id, 'left', 'admin@example.com']),
      expect.arrayContaining([expect.any(String), id, 'left', 'admin@example.com']),
    ]);
    // Each user's change answers to the job's code and ticket.
    expect(records.map((r) => [r.reasonCode, r.ticket])).toEqual([
      ['Leaver', 'HR-12'],
      ['Leaver', 'HR-12'],
    ]);
    expect(JSON.stringify(detail)).not.toContain('tok');
  });

  it('resolves "all matching" on the server, page by page within the provider maximum', async () => {
    caps = { ...SAFE_CAPABILITIES, maxResults: 2 };
    const res = await post(routes.create, '/api/jobs', { action: 'reactivate', users: { query: { q: '', status: 'inactive' } } });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    await drain();
    expect((await getJob(id)).job).toMatchObject({ total: 2, counts: { succeeded: 2 }, method: 'PATCH' });
    expect([...scim.users.values()].every((u) => u.active)).toBe(true);
  });

  it('refuses a helpdesk deactivation job with 403 and creates nothing; helpdesk may reactivate', async () => {
    role = 'helpdesk';
    const refused = await post(routes.create, '/api/jobs', { action: 'deactivate', users: { ids: ['u0000'] } });
    expect(refused.status).toBe(403);
    expect(await store.list()).toEqual([]);
    const ok = await post(routes.create, '/api/jobs', { action: 'reactivate', users: { ids: ['u0004'] } });
    expect(ok.status).toBe(202);
  });

  it('runs a deactivation with DELETE when asked, skipping users already inactive; a reactivation is always PATCH', async () => {
    const res = await post(routes.create, '/api/jobs', { action: 'deactivate', method: 'DELETE', users: { ids: ['u0000', 'u0004'] } });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    await drain();
    expect((await getJob(id)).job).toMatchObject({ method: 'DELETE', counts: { succeeded: 1, skipped: 1 } });
    expect(scim.writes).toEqual([{ method: 'DELETE', id: 'u0000' }]);

    const back = await post(routes.create, '/api/jobs', { action: 'reactivate', method: 'DELETE', users: { ids: ['u0000'] } });
    const backId = ((await back.json()) as { id: string }).id;
    await drain();
    expect((await getJob(backId)).job).toMatchObject({ method: 'PATCH', counts: { succeeded: 1 } });
    expect(scim.writes.at(-1)).toEqual({ method: 'PATCH', id: 'u0000' });
  });

  // Only admin may deactivate in bulk, and admin may delete: the route's users:delete check has no role to refuse today.
  it('refuses more users than BULK_MAX_USERS with a message', async () => {
    const many = Array.from({ length: 11 }, (_, i) => `u${String(i).padStart(4, '0')}`);
    const res = await post(routes.create, '/api/jobs', { action: 'deactivate', users: { ids: many } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/11 users; one job may change at most 10/);
    expect(await store.list()).toEqual([]);
  });

  it('refuses an id that is not a SCIM id, for a job and for its dry run, before reading anyone', async () => {
    for (const [route, path] of [
      [routes.create, '/api/jobs'],
      [routes.dryRun, '/api/jobs/dry-run'],
    ] as const) {
      const res = await post(route, path, { action: 'deactivate', users: { ids: ['u0000', '../Groups'] } });
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe('users.ids: "../Groups" is not a valid id');
    }
    expect(upstream.requests).toEqual([]);
    expect(await store.list()).toEqual([]);
  });

  it('keeps the mutation guards: cross-site 403, non-JSON 415, no role 403', async () => {
    const body = { action: 'reactivate', users: { ids: ['u0004'] } };
    expect((await callRoute(routes.create, 'POST', '/api/jobs', {}, { body, headers: { origin: 'http://evil.test' } })).status).toBe(403);
    expect((await callRoute(routes.create, 'POST', '/api/jobs', {}, { body, headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    role = 'none';
    expect((await post(routes.create, '/api/jobs', body)).status).toBe(403);
    expect((await callRoute(routes.list, 'GET', '/api/jobs', {})).status).toBe(403);
    expect(await store.list()).toEqual([]);
  });
});

describe('POST /api/jobs/dry-run', () => {
  it('classifies pasted lines: case, duplicates, unknown, ids; writes nothing upstream', async () => {
    scim.users.get('u0003')!.email = 'user2@example.com'; // u0003's email is u0002's userName: ambiguous
    const res = await post(routes.dryRun, '/api/jobs/dry-run', {
      action: 'deactivate',
      users: {
        lines: [
          'USER0@example.com',
          'user0@example.com',
          'user1@mail.example.com',
          'user1@example.com',
          'nobody@x',
          'u0004',
          'user2@example.com',
          '',
        ],
      },
    });
    expect(res.status).toBe(200);
    const run = (await res.json()) as DryRun;
    expect(run.items.map((i) => [i.input, i.outcome])).toEqual([
      ['USER0@example.com', 'will deactivate'],
      ['user1@mail.example.com', 'will deactivate'],
      ['nobody@x', 'not found'],
      ['u0004', 'already inactive — skipped'],
      ['user2@example.com', 'ambiguous'],
    ]);
    expect(run.duplicates).toBe(2); // the same line twice, and user1 by email then userName
    expect(run.counts).toEqual({ 'will deactivate': 2, 'not found': 1, 'already inactive — skipped': 1, ambiguous: 1 });
    expect(run.ids).toEqual(['u0000', 'u0001']);
    expect(scim.writes).toEqual([]);
    expect(upstream.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('says "not allowed" for what the role may not do', async () => {
    role = 'helpdesk';
    const run = (await (
      await post(routes.dryRun, '/api/jobs/dry-run', { action: 'deactivate', users: { ids: ['u0000'] } })
    ).json()) as DryRun;
    expect(run.items.map((i) => i.outcome)).toEqual(['not allowed']);
    expect(run.ids).toEqual([]);
  });
});

describe('a job after it started', () => {
  async function started(body: object = { action: 'deactivate', users: { ids: ['u0000', 'u0001', 'u0002'] } }) {
    return ((await (await post(routes.create, '/api/jobs', body)).json()) as { id: string }).id;
  }

  it('pages its results, and answers 404 for an unknown job', async () => {
    const id = await started();
    const first = await getJob(id, '?limit=2');
    expect(first.results.map((r) => r.seq)).toEqual([0, 1]);
    expect(first.nextAfter).toBe(1);
    expect((await getJob(id, '?after=1&limit=2')).results.map((r) => r.seq)).toEqual([2]);
    expect((await callRoute(routes.get, 'GET', '/api/jobs/nope', { id: 'nope' })).status).toBe(404);
    expect(((await (await callRoute(routes.list, 'GET', '/api/jobs', {})).json()) as JobList).jobs.map((j) => j.id)).toEqual([id]);
  });

  it('cancels what was not sent; a second cancel is 409', async () => {
    const id = await started();
    expect((await post(routes.cancel, `/api/jobs/${id}/cancel`, {}, { id })).status).toBe(200);
    await drain();
    expect((await getJob(id)).job).toMatchObject({ state: 'cancelled', counts: { cancelled: 3 } });
    expect(scim.writes).toEqual([]);
    expect((await post(routes.cancel, `/api/jobs/${id}/cancel`, {}, { id })).status).toBe(409);
  });

  it('retries the failed users in the same job, for the admin who started it only', async () => {
    scim.fail('PATCH', 400, 'Cannot deactivate the last admin');
    const id = await started();
    await drain();
    const failed = await getJob(id);
    expect(failed.job.counts).toMatchObject({ succeeded: 2, failed: 1 });
    expect(failed.results.find((r) => r.state === 'failed')).toMatchObject({
      upstreamStatus: 400,
      detail: 'Cannot deactivate the last admin',
    });

    token = { sub: 'sub-2' };
    expect((await post(routes.retry, `/api/jobs/${id}/retry`, {}, { id })).status).toBe(403);
    token = {};
    expect((await post(routes.retry, `/api/jobs/${id}/retry`, {}, { id })).status).toBe(202);
    await drain();
    expect((await getJob(id)).job).toMatchObject({ state: 'done', counts: { succeeded: 3, failed: 0 } });
    expect((await post(routes.retry, `/api/jobs/${id}/retry`, {}, { id })).status).toBe(409);
  });

  it('reverts exactly the changes it made (admin only)', async () => {
    const id = await started({ action: 'deactivate', users: { ids: ['u0000', 'u0004'] } });
    await drain();
    role = 'helpdesk';
    expect((await post(routes.revert, `/api/jobs/${id}/revert`, {}, { id })).status).toBe(403);
    role = 'admin';
    const res = await post(routes.revert, `/api/jobs/${id}/revert`, {}, { id });
    expect(res.status).toBe(202);
    const revertId = ((await res.json()) as { id: string }).id;
    await drain();
    const revert = await getJob(revertId);
    expect(revert.job).toMatchObject({ action: 'reactivate', revertsJobId: id, total: 1, counts: { succeeded: 1 } });
    expect(scim.users.get('u0000')!.active).toBe(true);
    expect(scim.users.get('u0004')!.active).toBe(false); // it was already inactive: not this job's change
  });

  it('pauses when the token lapses and resumes when its admin opens it', async () => {
    token = { accessTokenExpiresAt: Math.floor(Date.now() / 1000) + 5 };
    const id = await started();
    await drain();
    expect((await store.get(id))!.state).toBe('paused');
    token = { accessTokenExpiresAt: Math.floor(Date.now() / 1000) + 3600 };
    expect((await getJob(id)).job.state).toBe('running');
    await drain();
    expect((await getJob(id)).job).toMatchObject({ state: 'done', counts: { succeeded: 3 } });
  });

  it('downloads its results as CSV with quoting', async () => {
    scim.fail('PATCH', 400, 'no, "never"');
    const id = await started({ action: 'deactivate', users: { ids: ['u0000'] } });
    await drain();
    const res = await callRoute(routes.resultsCsv, 'GET', `/api/jobs/${id}/results.csv`, { id });
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await res.text();
    expect(text.split('\r\n')[0]).toBe('"user_name","user_id","outcome","upstream_status","detail","finished_at","job_id"');
    // Started from ids, a user the provider refused has no userName to show: its id does.
    expect(text).toContain(`\r\n"","u0000","failed","400","no, ""never""",`);
  });
});
