// Protected accounts, "why is this user off?" and the Security incident rule,
// through the users and jobs routes (docs/decisions/0106-protected-accounts.md).
import { beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '@/lib/authz';
import type { DryRun } from '@/lib/jobs/types';
import { fakeScim } from '@/lib/server/jobs/testing/fake-scim';
import { protectedMessage, SECURITY_INCIDENT_MESSAGE, SELF_MESSAGE } from '@/lib/server/protection';
import type { ApiError, User, UserPage } from '@/lib/users/types';
import { createJobRoutes } from './jobs';
import { callRoute, testDeps, upstreamAndAuditForThisFile } from './testing/harness';
import { createUserRoutes } from './users';

const { upstream, audit } = upstreamAndAuditForThisFile();
let role: Role = 'admin';
let protectedUsers: string[] = [];
let scim: ReturnType<typeof fakeScim>;

const deps = testDeps({ upstream, role: () => role, auditStore: async () => audit(), protectedUsers: () => protectedUsers });
const users = createUserRoutes(deps);
const jobs = createJobRoutes(deps, { jobStore: () => Promise.reject(new Error('unused')), seal: () => '', wake: () => {}, maxUsers: 10 });

// The harness signs in sub-1, admin@example.com.
const SELF_EMAIL = 'admin@example.com';

beforeEach(() => {
  role = 'admin';
  protectedUsers = [];
  scim = fakeScim(upstream());
  scim.seed(4);
});

const user = (i: number) => [...scim.users.values()][i]!;
const patch = (id: string, body: object) => callRoute(users.patch, 'PATCH', `/api/users/${id}`, { id }, { body });
const remove = (id: string) => callRoute(users.remove, 'DELETE', `/api/users/${id}`, { id });
const list = async () => ((await (await callRoute(users.list, 'GET', '/api/users?count=50', {})).json()) as UserPage).users;
const read = async (id: string) => ((await (await callRoute(users.get, 'GET', `/api/users/${id}`, { id })).json()) as { user: User }).user;
const message = async (res: Response) => ((await res.json()) as ApiError).error.message;

describe('the signed-in admin’s own account', () => {
  it('is never deactivated through the console, by PATCH or DELETE: 403, nothing sent, nothing recorded', async () => {
    const me = user(1);
    me.email = SELF_EMAIL;
    for (const res of [await patch(me.id, { active: false }), await remove(me.id)]) {
      expect(res.status).toBe(403);
      expect(await message(res)).toBe(SELF_MESSAGE);
    }
    expect(scim.writes).toEqual([]);
    expect(await audit().listForTarget(me.id)).toEqual([]);
  });

  it('is matched by userName too, case-insensitively, and by the subject as id', async () => {
    const me = user(1);
    me.userName = 'Admin@Example.com';
    expect((await patch(me.id, { active: false })).status).toBe(403);
    scim.users.set('sub-1', { ...user(2), id: 'sub-1' });
    expect(await message(await patch('sub-1', { active: false }))).toBe(SELF_MESSAGE);
    expect(scim.writes).toEqual([]);
  });
});

describe('PROTECTED_USERS', () => {
  it('cannot be deactivated, named by userName, email or id; reactivating one is allowed', async () => {
    protectedUsers = [user(0).userName.toUpperCase(), user(1).email, user(2).id];
    for (const i of [0, 1, 2]) {
      const res = await patch(user(i).id, { active: false });
      expect(res.status).toBe(403);
      expect(await message(res)).toBe(protectedMessage(user(i).userName));
    }
    expect((await remove(user(0).id)).status).toBe(403);
    expect(scim.writes).toEqual([]);
    expect((await patch(user(3).id, { active: false })).status).toBe(200);

    user(0).active = false;
    const back = await patch(user(0).id, { active: true });
    expect(back.status).toBe(200);
    expect(user(0).active).toBe(true);
  });

  it('shows in the list and the read as the user’s protection, for the buttons', async () => {
    protectedUsers = [user(0).userName];
    user(1).email = SELF_EMAIL;
    expect((await list()).map((u) => u.lifecycle?.protection)).toEqual(['protected', 'self', null, null]);
    expect((await read(user(0).id)).lifecycle).toEqual({ protection: 'protected', lastDeactivation: null });
  });

  it('is its own planned change in a bulk dry run, next to "not allowed"', async () => {
    protectedUsers = [user(0).userName];
    user(1).email = SELF_EMAIL;
    const res = await callRoute(
      jobs.dryRun,
      'POST',
      '/api/jobs/dry-run',
      {},
      {
        body: { action: 'deactivate', users: { ids: [user(0).id, user(1).id, user(2).id] } },
      },
    );
    const run = (await res.json()) as DryRun;
    expect(run.items.map((i) => i.outcome)).toEqual(['protected', 'protected', 'will deactivate']);
    expect(run.ids).toEqual([user(2).id]);
    expect(run.counts).toEqual({ protected: 2, 'will deactivate': 1 });
  });
});

describe('why a user is off, on every user the API returns', () => {
  it('is the latest console deactivation with who, code, reason and ticket; none for an active user', async () => {
    const body = { active: false, reasonCode: 'Leaver', reason: 'moved on', ticket: 'HR-7' };
    const res = await patch(user(0).id, body);
    // The change's answer carries it already, so the row shows it at once.
    const changed = ((await res.json()) as { user: User }).user;
    expect(changed.lifecycle?.lastDeactivation).toMatchObject({ by: SELF_EMAIL, reasonCode: 'Leaver', reason: 'moved on', ticket: 'HR-7' });
    const listed = await list();
    expect(listed[0]!.lifecycle?.lastDeactivation).toEqual(changed.lifecycle?.lastDeactivation);
    expect(listed[1]!.lifecycle).toEqual({ protection: null, lastDeactivation: null });
    expect((await read(user(0).id)).lifecycle?.lastDeactivation).toEqual(changed.lifecycle?.lastDeactivation);
  });

  it('is "outside the console" when it was switched off there after the console’s deactivation', async () => {
    await patch(user(0).id, { active: false, reasonCode: 'Leaver' });
    user(0).active = true;
    user(0).version++;
    await list();
    user(0).active = false;
    user(0).version++;
    const [first] = await list();
    expect(first!.lifecycle?.lastDeactivation).toMatchObject({ by: null, reasonCode: null });
  });

  it('is null (no record) for a user inactive when the console first saw it', async () => {
    user(2).active = false;
    expect((await list())[2]!.lifecycle).toEqual({ protection: null, lastDeactivation: null });
  });
});

describe('a Security incident deactivation', () => {
  beforeEach(async () => {
    await patch(user(0).id, { active: false, reasonCode: 'Security incident', ticket: 'SEC-1' });
    await patch(user(1).id, { active: false, reasonCode: 'Leaver' });
  });

  it('is not undone by helpdesk: 403 with the reason, nothing sent', async () => {
    role = 'helpdesk';
    const writes = scim.writes.length;
    const res = await patch(user(0).id, { active: true });
    expect(res.status).toBe(403);
    expect(await message(res)).toBe(SECURITY_INCIDENT_MESSAGE);
    expect(scim.writes).toHaveLength(writes);
    expect(user(0).active).toBe(false);
    // Any other code is theirs to undo.
    expect((await patch(user(1).id, { active: true })).status).toBe(200);
  });

  it('is "not allowed" in a helpdesk’s bulk dry run, and a helpdesk’s job naming it is refused whole', async () => {
    role = 'helpdesk';
    const ids = [user(0).id, user(1).id];
    const dry = await callRoute(jobs.dryRun, 'POST', '/api/jobs/dry-run', {}, { body: { action: 'reactivate', users: { ids } } });
    expect(((await dry.json()) as DryRun).items.map((i) => i.outcome)).toEqual(['not allowed', 'will reactivate']);
    const job = await callRoute(jobs.create, 'POST', '/api/jobs', {}, { body: { action: 'reactivate', users: { ids } } });
    expect(job.status).toBe(403);
    expect(await message(job)).toMatch(
      /^1 of these users was deactivated for a Security incident: only an admin can reactivate it \(u0000\)/,
    );

    role = 'admin';
    const asAdmin = await callRoute(jobs.dryRun, 'POST', '/api/jobs/dry-run', {}, { body: { action: 'reactivate', users: { ids } } });
    expect(((await asAdmin.json()) as DryRun).items.map((i) => i.outcome)).toEqual(['will reactivate', 'will reactivate']);
  });

  it('is undone by an admin', async () => {
    expect((await patch(user(0).id, { active: true })).status).toBe(200);
    expect(user(0).active).toBe(true);
  });
});
