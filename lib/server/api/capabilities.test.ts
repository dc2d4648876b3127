import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '@/lib/authz';
import { createCapabilitiesCache } from '@/lib/server/scim/capabilities';
import { sendJson, startTestUpstream, type TestUpstream } from '@/lib/server/scim/testing/upstream';
import type { ConsoleToken } from '@/lib/server/session';
import type { ApiError, CapabilitiesResponse } from '@/lib/users/types';
import { createScimClient } from '@/lib/server/scim/client';
import { createCapabilitiesRoute } from './capabilities';
import { callRoute, testDeps } from './testing/harness';

let upstream: TestUpstream;
let role: Role = 'helpdesk';
let tokenExtra: Partial<ConsoleToken> = {};
let cache = createCapabilitiesCache(() => undefined);

const GET = createCapabilitiesRoute(
  testDeps({
    upstream: () => upstream,
    role: () => role,
    token: () => tokenExtra,
    capabilities: (client) => cache.get(client),
    fallbackCapabilities: () => cache.fallback(),
  }),
);
const get = () => callRoute(GET, 'GET', '/api/capabilities', {});

/** A Salesforce-style provider: ETags, and the plural ServiceProviderConfigs path. */
function salesforceLike(status = 200) {
  upstream.handle((req, res) => {
    if (status !== 200) return sendJson(res, status, { status: String(status), detail: 'provider trouble' });
    return sendJson(res, 200, { etag: { supported: true }, filter: { supported: true, maxResults: 100 } });
  });
}

beforeAll(async () => {
  upstream = await startTestUpstream();
});
afterAll(() => upstream.close());
beforeEach(() => {
  role = 'helpdesk';
  tokenExtra = {};
  cache = createCapabilitiesCache(() => undefined);
  salesforceLike();
});

describe('GET /api/capabilities', () => {
  it('answers what the provider says, asked with the admin’s token', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(((await res.json()) as CapabilitiesResponse).capabilities).toEqual({
      etag: true,
      maxResults: 100,
      deleteDeactivates: true,
      sort: false,
    });
    expect(upstream.requests.every((r) => r.headers.authorization === 'Bearer tok')).toBe(true);
  });

  it('says what the profile adds: DELETE’s real effect, the status filter, IdP ownership, the service identity', async () => {
    const { provider } = (await (await get()).json()) as CapabilitiesResponse;
    // The test run's configuration: the sandbox, generic profile, the admin's own token, no service credential.
    expect(provider).toEqual({
      id: 'generic',
      label: 'SCIM 2.0 provider',
      deleteEffect: 'deactivates',
      activeFilter: true,
      idpManaged: false,
      scimAuth: 'user',
      serviceIdentity: false,
    });
    const github = createCapabilitiesRoute(
      testDeps({ upstream: () => upstream, role: () => role, capabilities: (client) => cache.get(client) }),
      () => ({ ...provider, id: 'github', deleteEffect: 'removes-irreversibly', activeFilter: false }),
    );
    const res = await callRoute(github, 'GET', '/api/capabilities', {});
    expect(((await res.json()) as CapabilitiesResponse).provider).toMatchObject({
      deleteEffect: 'removes-irreversibly',
      activeFilter: false,
    });
  });

  it('answers 401 without a usable token, calling nothing upstream', async () => {
    tokenExtra = { error: 'RefreshFailed', accessToken: undefined };
    expect((await get()).status).toBe(401);
    expect(upstream.requests).toHaveLength(0);
  });

  it('is closed to people without a role', async () => {
    role = 'none';
    expect((await get()).status).toBe(403);
    expect(upstream.requests).toHaveLength(0);
  });

  it('answers an error, never the fallback, when the provider cannot be asked; and caches nothing', async () => {
    salesforceLike(503);
    const res = await get();
    expect(res.status).toBe(502);
    expect(((await res.json()) as ApiError).error.message).toBe('provider trouble');
    salesforceLike();
    expect(((await (await get()).json()) as CapabilitiesResponse).capabilities.deleteDeactivates).toBe(true);
  });

  it('maps the provider refusing the token to 502, not the console’s 401', async () => {
    salesforceLike(401);
    const res = await get();
    expect(res.status).toBe(502);
    expect(((await res.json()) as ApiError).error.message).toBe("The SCIM provider refused the console's credentials: provider trouble");
  });
});

describe('the capabilities cache', () => {
  it('caches the provider’s answer, and treats "no ServiceProviderConfig" (404) as one', async () => {
    const client = createScimClient({ baseUrl: upstream.baseUrl, accessToken: 't', requestId: 'r', timeoutMs: 2000 });
    upstream.handle((_req, res) => sendJson(res, 404, { status: '404', detail: 'no such thing' }));
    expect(await cache.get(client)).toEqual({ etag: false, maxResults: 200, deleteDeactivates: false, sort: false });
    const asked = upstream.requests.length;
    await cache.get(client);
    expect(upstream.requests).toHaveLength(asked);
  });

  it('uses the configured DELETE meaning in the fallback', () => {
    expect(createCapabilitiesCache(() => true).fallback().deleteDeactivates).toBe(true);
    expect(createCapabilitiesCache(() => undefined).fallback()).toEqual({
      etag: false,
      maxResults: 200,
      deleteDeactivates: false,
      sort: false,
    });
  });
});
