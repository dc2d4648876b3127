// The handler over real HTTP with a fake authenticate (tokens "rw", "ro", "none").
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSandboxDb, type SandboxDb } from '../db';
import { createScimHandler } from './handler';
import { PATCH_SCHEMA } from './patch';
import { ENTERPRISE_SCHEMA, USER_SCHEMA } from './schema';
import { openUserStore, type UserStore } from './store';

type Body = Record<string, unknown> & { Resources?: Record<string, unknown>[] };

const SCOPES: Record<string, string[]> = { rw: ['scim:read', 'scim:write'], ro: ['scim:read'], none: [] };
let server: Server;
let db: SandboxDb;
let store: UserStore;
let base = '';
let dir = '';
let flavor: 'salesforce' | 'rfc' = 'salesforce';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'scim-handler-'));
  db = openSandboxDb(dir);
  server = createServer((req, res) => {
    const url = req.url ?? '';
    const scim = createScimHandler({
      store,
      flavor,
      baseUrl: base,
      authenticate: async (r) => {
        const token = /^Bearer (\w+)$/.exec(r.headers.authorization ?? '')?.[1];
        const scopes = token ? SCOPES[token] : undefined;
        return scopes ? { scopes: new Set(scopes) } : null;
      },
    });
    void scim(req, res, url.slice('/scim/v2'.length));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`;
  store = openUserStore(db, { seedCount: 40, baseUrl: base });
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  store.reset();
  flavor = 'salesforce';
});

async function call(
  method: string,
  p: string,
  opts: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token !== '') headers.Authorization = `Bearer ${opts.token ?? 'rw'}`;
  const hasBody = opts.body !== undefined || opts.raw !== undefined;
  if (hasBody && !headers['Content-Type']) headers['Content-Type'] = 'application/scim+json';
  const res = await fetch(base + p, {
    method,
    headers,
    body: opts.raw ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as Body };
}

const q = (filter: string, extra = '') => `/Users?filter=${encodeURIComponent(filter)}${extra}`;
const patchBody = (...Operations: unknown[]) => ({ schemas: [PATCH_SCHEMA], Operations });
const firstId = () => store.all()[0]?.resource.id as string;
const snapshot = () => JSON.stringify(store.all().map((r) => r.resource));

describe('GET /Users', () => {
  it('pages 1-based with totalResults and the ListResponse shape', async () => {
    const r = await call('GET', '/Users?startIndex=3&count=5');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect(r.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 40,
      itemsPerPage: 5,
      startIndex: 3,
    });
    expect(r.body.Resources?.map((u) => u.id)).toEqual(
      store
        .all()
        .slice(2, 7)
        .map((u) => u.resource.id),
    );
  });

  it('caps count at 200, treats count=0 as totals only, and clamps negatives', async () => {
    store.reset();
    expect((await call('GET', '/Users?count=0')).body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 40,
      itemsPerPage: 0,
      startIndex: 1,
    });
    expect((await call('GET', '/Users?count=-5')).body.itemsPerPage).toBe(0);
    expect((await call('GET', '/Users?startIndex=-3&count=2')).body).toMatchObject({ startIndex: 1, itemsPerPage: 2 });
    expect((await call('GET', '/Users?count=5000')).body.itemsPerPage).toBe(40);
    const bad = await call('GET', '/Users?count=ten');
    expect(bad.status).toBe(400);
    expect(bad.body.scimType).toBe('invalidValue');
  });

  it('filters case-insensitively on userName and combines with active', async () => {
    const r = await call('GET', q('userName eq "ZOE.OBRIEN@EXAMPLE.COM"'));
    expect(r.body.totalResults).toBe(1);
    expect(r.body.Resources?.[0]?.displayName).toBe("Zoë O'Brien");
    const inactive = await call('GET', q('active eq false and userName sw "b"'));
    expect(inactive.body.Resources?.map((u) => u.userName)).toContain('bjorn.odegard@example.com');
    expect(inactive.body.Resources?.every((u) => u.active === false)).toBe(true);
  });

  it('sorts by userName, name.familyName, meta.lastModified and id', async () => {
    const names = (await call('GET', '/Users?sortBy=userName&count=200')).body.Resources?.map((u) => u.userName as string) ?? [];
    expect(names[0]).toBe('aaron.aaberg@example.com');
    expect(names).toEqual([...names].sort());
    const desc = (await call('GET', '/Users?sortBy=meta.lastModified&sortOrder=descending&count=200')).body.Resources ?? [];
    const times = desc.map((u) => (u.meta as { lastModified: string }).lastModified);
    expect(times).toEqual([...times].sort().reverse());
    const fam = (await call('GET', '/Users?sortBy=name.familyName&count=3')).body.Resources ?? [];
    expect(fam[0]?.name).toMatchObject({ familyName: 'Aaberg' });
    const ids = (await call('GET', '/Users?sortBy=id&sortOrder=descending&count=1')).body.Resources ?? [];
    expect(ids[0]?.id).toBe(store.all()[39]?.resource.id);
    expect((await call('GET', '/Users?sortBy=nosuch')).status).toBe(400);
  });

  it('projects attributes and excludedAttributes', async () => {
    const r = await call(
      'GET',
      `${q('userName eq "zoe.obrien@example.com"')}&attributes=userName,name.givenName,${ENTERPRISE_SCHEMA}:department`,
    );
    expect(r.body.Resources?.[0]).toEqual({
      schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
      id: store.all()[1]?.resource.id,
      userName: 'zoe.obrien@example.com',
      name: { givenName: 'Zoë' },
      [ENTERPRISE_SCHEMA]: { department: 'Engineering' },
    });
    const ex = await call('GET', `/Users/${firstId()}?excludedAttributes=emails,meta,id`);
    expect(ex.body.emails).toBeUndefined();
    expect(ex.body.meta).toBeUndefined();
    expect(ex.body.id).toBe(firstId());
  });

  it('answers a malformed filter with 400 invalidFilter', async () => {
    const r = await call('GET', q('userName eq'));
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'invalidFilter' });
  });

  it('searches with POST /Users/.search', async () => {
    const r = await call('POST', '/Users/.search', {
      token: 'ro',
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
        filter: 'userName sw "aaron"',
        attributes: ['userName'],
        count: 5,
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.Resources).toEqual([{ schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA], id: firstId(), userName: 'aaron.aaberg@example.com' }]);
    expect((await call('POST', '/Users/.search', { body: { filter: 'userName pr' } })).body.scimType).toBe('invalidSyntax');
  });
});

describe('single users', () => {
  it('creates with 201, Location and ETag, and refuses duplicates with 409', async () => {
    const body = { schemas: [USER_SCHEMA], userName: 'Nina.New@example.com', active: 'True', name: { givenName: 'Nina' } };
    const r = await call('POST', '/Users', { body, headers: { 'Content-Type': 'application/json' } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ userName: 'Nina.New@example.com', active: true, meta: { resourceType: 'User', version: 'W/"1"' } });
    expect(r.headers.get('location')).toBe(`${base}/Users/${r.body.id as string}`);
    expect(r.headers.get('etag')).toBe('W/"1"');
    const before = snapshot();
    const dup = await call('POST', '/Users', { body: { ...body, userName: 'NINA.NEW@EXAMPLE.COM' } });
    expect(dup.status).toBe(409);
    expect(dup.body.scimType).toBe('uniqueness');
    expect(snapshot()).toBe(before);
  });

  it('PATCHes, bumps the version and honours If-Match', async () => {
    const id = firstId();
    const r = await call('PATCH', `/Users/${id}`, {
      body: patchBody({ op: 'replace', value: { active: false } }),
      headers: { 'If-Match': 'W/"1"' },
    });
    expect(r.status).toBe(200);
    expect(r.body.active).toBe(false);
    expect(r.headers.get('etag')).toBe('W/"2"');
    const before = snapshot();
    const stale = await call('PATCH', `/Users/${id}`, {
      body: patchBody({ op: 'replace', path: 'active', value: true }),
      headers: { 'If-Match': 'W/"1"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.scimType).toBeUndefined();
    expect(stale.body.detail).toMatch(/W\/"2"/);
    expect(snapshot()).toBe(before);
    const star = await call('PATCH', `/Users/${id}`, {
      body: patchBody({ op: 'replace', path: 'active', value: true }),
      headers: { 'If-Match': '*' },
    });
    expect(star.headers.get('etag')).toBe('W/"3"');
  });

  it('answers a no-op PATCH with 200 and the full body, keeping the version', async () => {
    const r = await call('PATCH', `/Users/${firstId()}`, { body: patchBody({ op: 'replace', path: 'active', value: true }) });
    expect(r.status).toBe(200);
    expect(r.body.userName).toBe('aaron.aaberg@example.com');
    expect(r.headers.get('etag')).toBe('W/"1"');
  });

  it('replaces with PUT, keeping id and created', async () => {
    const id = firstId();
    const created = (store.get(id)?.resource.meta as { created: string }).created;
    const r = await call('PUT', `/Users/${id}`, {
      body: { schemas: [USER_SCHEMA], userName: 'aaron.aaberg@example.com', displayName: 'A. A.' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id, displayName: 'A. A.', meta: { created, version: 'W/"2"' } });
    expect(r.body.emails).toBeUndefined();
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const r = await call('GET', `/Users/${firstId()}`, { headers: { 'If-None-Match': 'W/"1"' } });
    expect(r.status).toBe(304);
  });

  it('DELETE deactivates in the salesforce flavor and removes in the rfc flavor', async () => {
    const id = firstId();
    expect((await call('DELETE', `/Users/${id}`)).status).toBe(204);
    const after = await call('GET', `/Users/${id}`);
    expect(after.body).toMatchObject({ active: false, meta: { version: 'W/"2"' } });
    flavor = 'rfc';
    expect((await call('DELETE', `/Users/${id}`)).status).toBe(204);
    expect((await call('GET', `/Users/${id}`)).status).toBe(404);
    expect((await call('GET', '/Users?count=0')).body.totalResults).toBe(39);
  });
});

describe('refusals change nothing', () => {
  const id = () => firstId();
  it.each([
    ['malformed JSON', () => call('PATCH', `/Users/${id()}`, { raw: '{"schemas": [' }), 400, 'invalidSyntax'],
    [
      'bad PATCH path',
      () => call('PATCH', `/Users/${id()}`, { body: patchBody({ op: 'replace', path: 'nosuch', value: 1 }) }),
      400,
      'invalidPath',
    ],
    [
      'bad PATCH value',
      () => call('PATCH', `/Users/${id()}`, { body: patchBody({ op: 'replace', path: 'active', value: 'perhaps' }) }),
      400,
      'invalidValue',
    ],
    [
      'later op fails',
      () =>
        call('PATCH', `/Users/${id()}`, {
          body: patchBody({ op: 'replace', path: 'active', value: false }, { op: 'remove', path: 'userName' }),
        }),
      400,
      'invalidValue',
    ],
    [
      'duplicate userName by PATCH',
      () => call('PATCH', `/Users/${id()}`, { body: patchBody({ op: 'replace', path: 'userName', value: 'ZOE.OBRIEN@example.com' }) }),
      409,
      'uniqueness',
    ],
    ['POST without userName', () => call('POST', '/Users', { body: { schemas: [USER_SCHEMA], displayName: 'x' } }), 400, 'invalidValue'],
    ['POST with a JSON null body', () => call('POST', '/Users', { raw: 'null' }), 400, 'invalidSyntax'],
    ['PUT with a JSON array body', () => call('PUT', `/Users/${id()}`, { raw: '[1]' }), 400, 'invalidSyntax'],
    ['POST without schemas', () => call('POST', '/Users', { body: { userName: 'x@example.com' } }), 400, 'invalidSyntax'],
    [
      'body over 1 MB',
      () => call('POST', '/Users', { body: { schemas: [USER_SCHEMA], userName: 'big@example.com', displayName: 'x'.repeat(1_100_000) } }),
      413,
      undefined,
    ],
    [
      'wrong content type',
      () => call('POST', '/Users', { raw: 'userName=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }),
      415,
      undefined,
    ],
    [
      'unknown id',
      () => call('PATCH', '/Users/005nosuch', { body: patchBody({ op: 'replace', value: { active: false } }) }),
      404,
      undefined,
    ],
    ['no token', () => call('DELETE', `/Users/${id()}`, { token: '' }), 401, undefined],
    ['garbage token', () => call('DELETE', `/Users/${id()}`, { token: 'garbage' }), 401, undefined],
    [
      'read-only token writing',
      () => call('PATCH', `/Users/${id()}`, { token: 'ro', body: patchBody({ op: 'replace', value: { active: false } }) }),
      403,
      undefined,
    ],
    ['write-only token reading', () => call('GET', '/Users', { token: 'none' }), 403, undefined],
    ['wrong method', () => call('PATCH', '/Users', { body: patchBody({ op: 'replace', value: { active: false } }) }), 405, undefined],
    ['unknown route', () => call('GET', '/Groups'), 404, undefined],
  ] as const)('%s → %i', async (_name, send, status, scimType) => {
    const before = snapshot();
    const r = await send();
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status) });
    expect(r.body.scimType).toBe(scimType);
    expect(snapshot()).toBe(before);
    if (status === 401) expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    if (status === 405) expect(r.headers.get('allow')).toBe('GET, POST');
  });
});

describe('body limit', () => {
  it('stops reading a chunked body past 1 MB and answers 413', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 4 MB in all unless the server gives up first.
        if (sent >= 64) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const before = snapshot();
    const res = await fetch(`${base}/Users`, {
      method: 'POST',
      headers: { Authorization: 'Bearer rw', 'Content-Type': 'application/scim+json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ status: '413' });
    expect(snapshot()).toBe(before);
  });
});

describe('discovery', () => {
  it('describes the service provider truthfully', async () => {
    const r = await call('GET', '/ServiceProviderConfig', { token: 'none' });
    expect(r.body).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
      sort: { supported: true },
      etag: { supported: true },
      changePassword: { supported: false },
      authenticationSchemes: [{ type: 'oauthbearertoken' }],
    });
    expect((await call('GET', '/ServiceProviderConfigs')).status).toBe(200);
    flavor = 'rfc';
    expect((await call('GET', '/ServiceProviderConfigs')).status).toBe(404);
    const schemas = await call('GET', '/Schemas');
    expect(schemas.body.Resources?.map((s) => s.id)).toEqual([USER_SCHEMA, ENTERPRISE_SCHEMA]);
    expect((await call('GET', `/Schemas/${USER_SCHEMA}`)).body.name).toBe('User');
    expect((await call('GET', '/ResourceTypes/User')).body.endpoint).toBe('/Users');
    expect((await call('GET', '/ResourceTypes', { token: '' })).status).toBe(401);
  });
});
