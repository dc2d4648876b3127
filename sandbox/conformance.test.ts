// Conformance of the REAL sandbox over HTTP: startSandbox, tokens from its own
// issuer (client_credentials), and the checks the Okta and Microsoft SCIM
// validators make, plus this project's refusals and test hooks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sandboxConfig } from './config';
import { startSandbox, type RunningSandbox } from './server';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const MACHINE = `Basic ${Buffer.from('sandbox-cli:sandbox-cli-secret').toString('base64')}`;

type Body = Record<string, unknown> & { Resources?: Record<string, unknown>[] };
type Target = { sandbox: RunningSandbox; dir: string; rw: string; ro: string };

async function token(issuer: string, scope: string): Promise<string> {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { token_endpoint: string };
  const res = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { Authorization: MACHINE, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!res.ok || !body.access_token) throw new Error(`token request failed: ${res.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

async function start(flavor: 'salesforce' | 'rfc'): Promise<Target> {
  const dir = mkdtempSync(path.join(tmpdir(), `scim-conformance-${flavor}-`));
  const sandbox = await startSandbox(
    sandboxConfig({ SANDBOX_PORT: '0', SANDBOX_DATA_DIR: dir, SANDBOX_USERS: '60', SANDBOX_TEST_HOOKS: '1', SANDBOX_FLAVOR: flavor }),
  );
  return { sandbox, dir, rw: await token(sandbox.issuer, 'scim:read scim:write'), ro: await token(sandbox.issuer, 'scim:read') };
}

async function stop(t: Target | undefined): Promise<void> {
  if (!t) return;
  await t.sandbox.close();
  rmSync(t.dir, { recursive: true, force: true });
}

function client(t: () => Target) {
  return async (
    method: string,
    p: string,
    opts: { auth?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = { Accept: 'application/scim+json', ...opts.headers };
    const auth = opts.auth === undefined ? t().rw : opts.auth;
    if (auth !== null) headers.Authorization = `Bearer ${auth}`;
    if (opts.body !== undefined || opts.raw !== undefined) headers['Content-Type'] ??= 'application/scim+json';
    const res = await fetch(t().sandbox.scimBase + p, {
      method,
      headers,
      body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as Body };
  };
}

/** A test hook call as the hooks require it: JSON content type on everything but reads. */
const hook = async (t: Target, method: string, p: string, body?: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${t.sandbox.url}/__test${p}`, {
    method,
    headers: { ...(method === 'GET' ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
};

const filter = (f: string) => `/Users?filter=${encodeURIComponent(f)}`;
const patchOf = (...Operations: unknown[]) => ({ schemas: [PATCH_SCHEMA], Operations });

describe('salesforce flavor (default)', () => {
  let t: Target | undefined;
  const target = () => t as Target;
  const call = client(target);
  /** The whole user list, to prove a refused request changed nothing. */
  const everything = async () => JSON.stringify((await call('GET', '/Users?count=200')).body.Resources);

  beforeAll(async () => {
    t = await start('salesforce');
  });
  afterAll(() => stop(t));
  beforeEach(async () => {
    expect((await hook(target(), 'POST', '/reset')).status).toBe(204);
  });

  it('lists with count=1 in the ListResponse shape', async () => {
    const r = await call('GET', '/Users?startIndex=1&count=1');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect(r.body).toMatchObject({ schemas: [LIST_SCHEMA], totalResults: 60, itemsPerPage: 1, startIndex: 1 });
    expect(r.body.Resources).toHaveLength(1);
    expect(r.body.Resources?.[0]?.userName).toBe('aaron.aaberg@example.com');
  });

  it('gets a user by id with meta and an ETag', async () => {
    const id = (await call('GET', '/Users?count=1')).body.Resources?.[0]?.id as string;
    const r = await call('GET', `/Users/${id}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('etag')).toBe('W/"1"');
    expect(r.body).toMatchObject({
      schemas: expect.arrayContaining([USER_SCHEMA]),
      id,
      meta: { resourceType: 'User', location: `${target().sandbox.scimBase}/Users/${id}`, version: 'W/"1"' },
    });
  });

  it('filters: a missing userName gives 0, UPPERCASE still matches', async () => {
    const none = await call('GET', filter('userName eq "nobody-here@example.com"'));
    expect(none.body).toMatchObject({ totalResults: 0, itemsPerPage: 0 });
    const upper = await call('GET', filter('userName eq "ZOE.OBRIEN@EXAMPLE.COM"'));
    expect(upper.body.totalResults).toBe(1);
    expect(upper.body.Resources?.[0]?.userName).toBe('zoe.obrien@example.com');
  });

  it('answers a bogus id with 404 in the Error schema', async () => {
    const r = await call('GET', '/Users/005bogusbogusbogus');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' });
  });

  it('PATCH disables; GET and a filter show active=false', async () => {
    const zoe = (await call('GET', filter('userName eq "zoe.obrien@example.com"'))).body.Resources?.[0] as Body;
    const r = await call('PATCH', `/Users/${zoe.id as string}`, {
      body: patchOf({ op: 'Replace', path: 'active', value: 'False' }),
      headers: { 'If-Match': 'W/"1"' },
    });
    expect(r.status).toBe(200);
    expect(r.body.active).toBe(false);
    expect(r.headers.get('etag')).toBe('W/"2"');
    expect((await call('GET', `/Users/${zoe.id as string}`)).body.active).toBe(false);
    const inactive = await call('GET', filter('userName eq "zoe.obrien@example.com" and active eq false'));
    expect(inactive.body.totalResults).toBe(1);
  });

  it('DELETE deactivates, answers 204 and keeps the user listed', async () => {
    const id = (await call('GET', filter('userName eq "zoe.obrien@example.com"'))).body.Resources?.[0]?.id as string;
    const r = await call('DELETE', `/Users/${id}`);
    expect(r.status).toBe(204);
    const after = await call('GET', `/Users/${id}`);
    expect(after.body).toMatchObject({ active: false, meta: { version: 'W/"2"' } });
    expect((await call('GET', '/Users?count=0')).body.totalResults).toBe(60);
    expect((await call('GET', '/ServiceProviderConfigs')).status).toBe(200);
  });

  it('answers a stale If-Match with 412 and changes nothing', async () => {
    const id = (await call('GET', '/Users?count=1')).body.Resources?.[0]?.id as string;
    await call('PATCH', `/Users/${id}`, { body: patchOf({ op: 'replace', value: { title: 'Changed once' } }) });
    const before = await everything();
    const r = await call('PATCH', `/Users/${id}`, {
      body: patchOf({ op: 'replace', value: { active: false } }),
      headers: { 'If-Match': 'W/"1"' },
    });
    expect(r.status).toBe(412);
    expect(r.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '412' });
    expect(await everything()).toBe(before);
  });

  it('answers 401 without a token and with a garbage token', async () => {
    for (const auth of [null, 'garbage.token.value']) {
      const r = await call('GET', '/Users', { auth });
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(r.body.schemas).toEqual([ERROR_SCHEMA]);
    }
  });

  it('reads with a read-only token but refuses its writes with 403', async () => {
    const id = (await call('GET', '/Users?count=1', { auth: target().ro })).body.Resources?.[0]?.id as string;
    const before = await everything();
    const writes = [
      call('PATCH', `/Users/${id}`, { auth: target().ro, body: patchOf({ op: 'replace', value: { active: false } }) }),
      call('DELETE', `/Users/${id}`, { auth: target().ro }),
      call('POST', '/Users', { auth: target().ro, body: { schemas: [USER_SCHEMA], userName: 'ro@example.com' } }),
    ];
    for (const r of await Promise.all(writes)) {
      expect(r.status).toBe(403);
      expect(r.body.schemas).toEqual([ERROR_SCHEMA]);
    }
    expect(await everything()).toBe(before);
  });

  it.each([
    ['malformed filter', 'GET', filter('userName eq'), undefined, 400, 'invalidFilter'],
    ['bad PATCH path', 'PATCH', 'ID', patchOf({ op: 'replace', path: 'emails[type eq', value: 'x' }), 400, 'invalidPath'],
    ['bad PATCH value', 'PATCH', 'ID', patchOf({ op: 'replace', path: 'active', value: 'sometimes' }), 400, 'invalidValue'],
    ['malformed JSON', 'PATCH', 'ID', '{"Operations": [', 400, 'invalidSyntax'],
    ['body over 1 MB', 'PUT', 'ID', { schemas: [USER_SCHEMA], userName: 'x@example.com', title: 'y'.repeat(1_200_000) }, 413, undefined],
    ['duplicate userName', 'POST', '/Users', { schemas: [USER_SCHEMA], userName: 'Zoe.OBrien@Example.com' }, 409, 'uniqueness'],
    ['unknown route', 'GET', '/Nothing', undefined, 404, undefined],
    ['wrong method', 'DELETE', '/Users', undefined, 405, undefined],
  ] as const)('%s is refused and changes nothing', async (_name, method, p, body, status, scimType) => {
    const id = (await call('GET', '/Users?count=1')).body.Resources?.[0]?.id as string;
    const before = await everything();
    const url = p === 'ID' ? `/Users/${id}` : p;
    const r = await call(method, url, typeof body === 'string' ? { raw: body } : { body });
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: String(status) });
    expect(r.body.scimType).toBe(scimType);
    expect(await everything()).toBe(before);
  });

  it('serves discovery to any valid token', async () => {
    const spc = await call('GET', '/ServiceProviderConfig', { auth: target().ro });
    expect(spc.body).toMatchObject({ patch: { supported: true }, filter: { supported: true, maxResults: 200 }, etag: { supported: true } });
    expect((await call('GET', '/Schemas')).body.totalResults).toBe(2);
    expect((await call('GET', '/ResourceTypes')).body.Resources?.[0]?.endpoint).toBe('/Users');
  });

  it('test hooks: a fault round trip and the request log', async () => {
    expect((await hook(target(), 'POST', '/faults', { kind: 'status', status: 503, count: 1, method: 'GET' })).status).toBe(204);
    expect((await hook(target(), 'POST', '/faults', { kind: 'rate-limit', count: 1, retryAfter: 7, method: 'PATCH' })).status).toBe(204);
    expect((await hook(target(), 'POST', '/faults', { kind: 'salesforce-limit', count: 1, method: 'DELETE' })).status).toBe(204);
    const failed = await call('GET', '/Users?count=1');
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '503' });
    expect((await call('GET', '/Users?count=1')).status).toBe(200);
    const id = (await call('GET', '/Users?count=1')).body.Resources?.[0]?.id as string;
    const limited = await call('PATCH', `/Users/${id}`, {
      body: patchOf({ op: 'replace', value: { active: false } }),
      headers: { 'If-Match': 'W/"1"' },
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    const sf = await call('DELETE', `/Users/${id}`);
    expect(sf.status).toBe(403);
    expect(sf.body).toEqual([expect.objectContaining({ errorCode: 'REQUEST_LIMIT_EXCEEDED' })]);
    expect((await call('GET', `/Users/${id}`)).body.active).toBe(true);

    const log = (await hook(target(), 'GET', '/requests')).body as Record<string, unknown>[];
    expect(log.map((e) => [e.method, e.status])).toEqual([
      ['GET', 503],
      ['GET', 200],
      ['GET', 200],
      ['PATCH', 429],
      ['DELETE', 403],
      ['GET', 200],
    ]);
    expect(log[0]).toEqual({
      method: 'GET',
      path: '/Users',
      base: '/scim/v2',
      query: { count: '1' },
      authorization: true,
      ifMatch: null,
      status: 503,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(log[3]?.ifMatch).toBe('W/"1"');
    expect(JSON.stringify(log)).not.toContain(target().rw);
  });

  it('test hooks: hang holds the request until the client gives up, latency delays', async () => {
    expect((await hook(target(), 'POST', '/faults', { kind: 'hang', count: 1 })).status).toBe(204);
    const aborted = await fetch(`${target().sandbox.scimBase}/Users?count=1`, {
      headers: { Authorization: `Bearer ${target().rw}` },
      signal: AbortSignal.timeout(300),
    }).then(
      () => 'answered',
      (e: Error) => e.name,
    );
    expect(aborted).toBe('TimeoutError');
    expect((await hook(target(), 'POST', '/faults', { kind: 'latency', latencyMs: 50, count: 1 })).status).toBe(204);
    expect((await call('GET', '/Users?count=1')).status).toBe(200);
    expect((await hook(target(), 'DELETE', '/requests')).status).toBe(204);
    expect((await hook(target(), 'GET', '/requests')).body).toEqual([]);
    expect((await hook(target(), 'POST', '/faults', { kind: 'nope', count: 1 })).status).toBe(400);
  });

  it('test hooks: slow-response applies a change the client gave up waiting for', async () => {
    const id = (await call('GET', filter('active eq true') + '&count=1')).body.Resources?.[0]?.id as string;
    expect((await hook(target(), 'POST', '/faults', { kind: 'slow-response', latencyMs: 2000, count: 1, method: 'PATCH' })).status).toBe(
      204,
    );
    const gaveUp = await fetch(`${target().sandbox.scimBase}/Users/${id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${target().rw}`, 'Content-Type': 'application/scim+json' },
      body: JSON.stringify(patchOf({ op: 'replace', value: { active: false } })),
      signal: AbortSignal.timeout(300),
    }).then(
      () => 'answered',
      (e: Error) => e.name,
    );
    expect(gaveUp).toBe('TimeoutError');
    expect((await call('GET', `/Users/${id}`)).body.active).toBe(false);
  });
});

describe('salesforce flavor: as Salesforce really is', () => {
  let t: Target | undefined;
  const target = () => t as Target;
  const call = client(target);
  const WORKFLOW = 'workflow.user@example.com';
  const workflowUser = async () => (await call('GET', filter(`userName eq "${WORKFLOW}"`))).body.Resources?.[0] as Body & { id: string };
  const deactivate = patchOf({ op: 'replace', value: { active: false } });

  beforeAll(async () => {
    t = await start('salesforce');
  });
  afterAll(() => stop(t));
  beforeEach(async () => {
    expect((await hook(target(), 'POST', '/reset')).status).toBe(204);
  });

  it('names the instance URL in token responses, and serves SCIM below it at /services/scim/v2', async () => {
    const res = await fetch(`${target().sandbox.issuer}/token`, {
      method: 'POST',
      headers: { Authorization: MACHINE, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'scim:read' }),
    });
    const body = (await res.json()) as { instance_url?: string; access_token: string };
    expect(body.instance_url).toBe(target().sandbox.url);
    const viaInstance = await fetch(`${body.instance_url}/services/scim/v2/Users?count=1`, {
      headers: { Authorization: `Bearer ${body.access_token}` },
    });
    expect(viaInstance.status).toBe(200);
    expect(((await viaInstance.json()) as Body).Resources?.[0]?.userName).toBe('aaron.aaberg@example.com');
    const log = (await hook(target(), 'GET', '/requests')).body as { path: string }[];
    expect(log.map((e) => e.path)).toEqual(['/Users']);
  });

  it('refuses a startIndex over 2,000 in its own error shape; id gt keyset paging reaches every user', async () => {
    const deep = await call('GET', '/Users?startIndex=2001&count=10');
    expect(deep.status).toBe(400);
    expect(deep.body).toEqual({ Errors: [{ description: 'Start index too big', code: 400 }] });
    expect((await call('POST', '/Users/.search', { body: { schemas: [SEARCH], startIndex: 2001 } })).status).toBe(400);
    expect((await call('GET', '/Users?startIndex=2000&count=10')).status).toBe(200);

    // Keyset: pages of 7 active users ordered by id, each after the last id of the one before.
    const all = (await call('GET', `${filter('active eq true')}&count=200`)).body.Resources?.map((u) => u.id as string) ?? [];
    expect(all.length).toBeGreaterThan(20);
    const seen: string[] = [];
    let last: string | undefined;
    for (let page = 0; page < 20; page += 1) {
      const f = last === undefined ? 'active eq true' : `id gt "${last}" and active eq true`;
      const r = await call('GET', `${filter(f)}&count=7`);
      const ids = r.body.Resources?.map((u) => u.id as string) ?? [];
      if (ids.length === 0) break;
      seen.push(...ids);
      last = ids.at(-1);
    }
    expect(seen).toEqual(all);
    expect([...seen].sort()).toEqual(seen);
  });

  it('refuses to deactivate the Default Workflow User by PATCH, PUT or DELETE, and changes nothing', async () => {
    const user = await workflowUser();
    expect(user).toMatchObject({ userName: WORKFLOW, active: true, displayName: 'Workflow User' });
    const refusal = { Errors: [{ description: 'You cannot deactivate the Default Workflow User', code: 400 }] };
    const patched = await call('PATCH', `/Users/${user.id}`, { body: deactivate });
    expect(patched.status).toBe(400);
    expect(patched.body).toEqual(refusal);
    const put = await call('PUT', `/Users/${user.id}`, { body: { ...user, active: false } });
    expect(put.status).toBe(400);
    expect(put.body).toEqual(refusal);
    const deleted = await call('DELETE', `/Users/${user.id}`);
    expect(deleted.status).toBe(400);
    expect(deleted.body).toEqual(refusal);
    expect(await workflowUser()).toEqual(user);
    // Anything else about the user may change.
    const retitled = await call('PATCH', `/Users/${user.id}`, { body: patchOf({ op: 'replace', path: 'title', value: 'Robot' }) });
    expect(retitled.status).toBe(200);
    expect(retitled.body).toMatchObject({ active: true, title: 'Robot' });
  });

  it('with maxStartIndex, refuses a smaller startIndex too, until reset', async () => {
    expect((await hook(target(), 'POST', '/options', { maxStartIndex: 10 })).status).toBe(204);
    expect((await call('GET', '/Users?startIndex=10&count=5')).status).toBe(200);
    const deep = await call('GET', '/Users?startIndex=11&count=5');
    expect(deep.status).toBe(400);
    expect(deep.body).toEqual({ Errors: [{ description: 'Start index too big', code: 400 }] });
    expect((await hook(target(), 'POST', '/reset')).status).toBe(204);
    expect((await call('GET', '/Users?startIndex=11&count=5')).status).toBe(200);
  });

  it('with noActiveFilter, refuses any filter on active with invalidFilter until reset', async () => {
    expect((await hook(target(), 'POST', '/options', { noActiveFilter: true })).status).toBe(204);
    for (const f of [
      'active eq true',
      'not (active eq false)',
      'userName sw "a" and urn:ietf:params:scim:schemas:core:2.0:User:active eq true',
    ]) {
      const r = await call('GET', filter(f));
      expect(r.status, f).toBe(400);
      expect(r.body).toMatchObject({ schemas: [ERROR_SCHEMA], scimType: 'invalidFilter' });
    }
    expect((await call('GET', filter('userName sw "a"'))).status).toBe(200);
    expect((await call('POST', '/Users/.search', { body: { schemas: [SEARCH], filter: 'active eq false' } })).status).toBe(400);
    expect((await hook(target(), 'POST', '/options', { bogus: true })).status).toBe(400);
    expect((await hook(target(), 'POST', '/reset')).status).toBe(204);
    expect((await call('GET', filter('active eq true'))).status).toBe(200);
  });
});

describe('rfc flavor', () => {
  let t: Target | undefined;
  const call = client(() => t as Target);
  beforeAll(async () => {
    t = await start('rfc');
  });
  afterAll(() => stop(t));

  it('DELETE removes the user; a later GET answers 404', async () => {
    const id = (await call('GET', '/Users?count=1')).body.Resources?.[0]?.id as string;
    expect((await call('DELETE', `/Users/${id}`)).status).toBe(204);
    expect((await call('GET', `/Users/${id}`)).status).toBe(404);
    expect((await call('GET', '/Users?count=0')).body.totalResults).toBe(59);
    expect((await call('GET', '/ServiceProviderConfigs')).status).toBe(404);
  });

  it('is not Salesforce: no instance_url, no /services/scim/v2, deep startIndex and the workflow user are fine', async () => {
    const res = await fetch(`${t!.sandbox.issuer}/token`, {
      method: 'POST',
      headers: { Authorization: MACHINE, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'scim:read' }),
    });
    expect(await res.json()).not.toHaveProperty('instance_url');
    expect((await fetch(`${t!.sandbox.url}/services/scim/v2/Users`, { headers: { Authorization: `Bearer ${t!.rw}` } })).status).toBe(404);
    expect((await call('GET', '/Users?startIndex=5000')).status).toBe(200);
    const id = (await call('GET', filter('userName eq "workflow.user@example.com"'))).body.Resources?.[0]?.id as string;
    expect((await call('PATCH', `/Users/${id}`, { body: patchOf({ op: 'replace', value: { active: false } }) })).body.active).toBe(false);
  });
});
