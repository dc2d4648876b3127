// The test hooks over real HTTP: who may call them (loopback only, own Host, JSON), standing
// faults, write counts, and group changes that the next refresh carries.
import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sandboxConfig } from './config';
import { startSandbox, type RunningSandbox } from './server';
import { tempDataDir, testConfig } from './testing/oidc-server';
import { discover, jwtPayload, machineToken, refreshTokens, signInAs, type TokenResponse } from './testing/tokens';

const data = tempDataDir();
let sandbox: RunningSandbox;
const port = () => Number(new URL(sandbox.url).port);

beforeAll(async () => {
  sandbox = await startSandbox(testConfig(data.dir, { SANDBOX_USERS: '10', SANDBOX_TEST_HOOKS: '1', SANDBOX_ACCESS_TOKEN_TTL: '2' }));
});
afterAll(async () => {
  await sandbox?.close();
  data.remove();
});

/** A raw request with exactly these headers (fetch would not let a test choose the Host). */
function raw(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: port(), method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const hook = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${sandbox.url}/__test${path}`, {
    method,
    headers: method === 'GET' ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
};

const scim = async (method: string, path: string, body?: unknown) => {
  const token = await machineToken(sandbox.issuer);
  const res = await fetch(`${sandbox.scimBase}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.text()) || undefined };
};

const deactivate = {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: [{ op: 'replace', value: { active: false } }],
};

beforeEach(async () => {
  expect((await hook('POST', '/reset')).status).toBe(204);
});

describe('who may call the test hooks', () => {
  it('refuses to start with test hooks on a non-loopback host, naming the variable', () => {
    expect(() => sandboxConfig({ SANDBOX_TEST_HOOKS: '1', SANDBOX_HOST: '0.0.0.0' })).toThrow(
      /SANDBOX_TEST_HOOKS=1 needs a loopback SANDBOX_HOST .* not "0\.0\.0\.0"/,
    );
    expect(() => sandboxConfig({ SANDBOX_TEST_HOOKS: '1', SANDBOX_HOST: '192.168.1.10' })).toThrow(/loopback/);
    for (const host of ['127.0.0.1', '::1', 'localhost']) {
      expect(sandboxConfig({ SANDBOX_TEST_HOOKS: '1', SANDBOX_HOST: host }).testHooks).toBe(true);
    }
    expect(sandboxConfig({ SANDBOX_HOST: '0.0.0.0' }).testHooks).toBe(false);
  });

  it('answers only to its own Host header (DNS rebinding), reads and writes alike', async () => {
    for (const host of [`localhost:${port()}`, `127.0.0.1:${port()}`, `[::1]:${port()}`]) {
      expect((await raw('GET', '/__test/requests', { Host: host })).status, host).toBe(200);
    }
    for (const host of [`attacker.example:${port()}`, 'localhost', `localhost:${port() + 1}`]) {
      expect((await raw('GET', '/__test/requests', { Host: host })).status, host).toBe(421);
      const reset = await raw('POST', '/__test/reset', { Host: host, 'Content-Type': 'application/json' }, '{}');
      expect(reset.status, host).toBe(421);
    }
  });

  it('changes anything only for Content-Type: application/json', async () => {
    expect((await hook('POST', '/faults', { kind: 'status', status: 503 })).status).toBe(204);
    const own = { Host: `localhost:${port()}` };
    // What a cross-site form or a simple fetch could send: refused, and the fault stays.
    for (const type of [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const headers = type ? { ...own, 'Content-Type': type } : own;
      expect((await raw('DELETE', '/__test/faults', headers)).status, type).toBe(415);
      expect((await raw('POST', '/__test/reset', headers, '{}')).status, type).toBe(415);
    }
    expect((await scim('GET', '/Users')).status).toBe(503);
    expect((await raw('DELETE', '/__test/faults', { ...own, 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(204);
    expect((await scim('GET', '/Users')).status).toBe(200);
  });
});

describe('faults until cleared, and write counts', () => {
  it('a fault without count applies to every matching request until DELETE /faults; a counted one goes first', async () => {
    expect((await hook('POST', '/faults', { kind: 'status', status: 503, method: 'GET' })).status).toBe(204);
    expect((await hook('POST', '/faults', { kind: 'rate-limit', count: 1, method: 'GET' })).status).toBe(204);
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await scim('GET', '/Users?count=1')).status);
    expect(statuses).toEqual([429, 503, 503, 503]);
    expect(
      (await scim('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'new@example.com' })).status,
    ).toBe(201);
    expect((await hook('DELETE', '/faults')).status).toBe(204);
    expect((await scim('GET', '/Users?count=1')).status).toBe(200);
  });

  it('a standing latency delays every request, and adds to a counted fault', async () => {
    expect((await hook('POST', '/faults', { kind: 'latency', latencyMs: 120 })).status).toBe(204);
    expect((await hook('POST', '/faults', { kind: 'status', status: 500, count: 1 })).status).toBe(204);
    const token = await machineToken(sandbox.issuer);
    const timed = async () => {
      const t0 = performance.now();
      const res = await fetch(`${sandbox.scimBase}/Users?count=1`, { headers: { Authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      return { status: res.status, ms: performance.now() - t0 };
    };
    const first = await timed();
    const second = await timed();
    const third = await timed();
    expect([first.status, second.status, third.status]).toEqual([500, 200, 200]);
    // Lower bounds only: each request waited at least the standing latency.
    for (const r of [first, second, third]) expect(r.ms).toBeGreaterThanOrEqual(110);
    expect((await hook('DELETE', '/faults')).status).toBe(204);
  });

  it('counts writes per user, and how many succeeded, with a time on every logged request', async () => {
    const list = JSON.parse((await scim('GET', '/Users?count=2&filter=active%20eq%20true')).body!) as { Resources: { id: string }[] };
    const [a, b] = list.Resources.map((u) => u.id) as [string, string];
    expect((await scim('PATCH', `/Users/${a}`, deactivate)).status).toBe(200);
    expect((await scim('PATCH', `/Users/${b}`, deactivate)).status).toBe(200);
    expect((await hook('POST', '/faults', { kind: 'status', status: 503, count: 1, method: 'DELETE' })).status).toBe(204);
    expect((await scim('DELETE', `/Users/${b}`)).status).toBe(503);
    expect((await scim('GET', `/Users/${a}`)).status).toBe(200);
    expect((await hook('GET', '/writes')).body).toEqual({ [a]: { writes: 1, succeeded: 1 }, [b]: { writes: 2, succeeded: 1 } });

    const log = (await hook('GET', '/requests')).body as { method: string; time: string }[];
    expect(log.map((e) => e.method)).toEqual(['GET', 'PATCH', 'PATCH', 'DELETE', 'GET']);
    expect(log.every((e) => !Number.isNaN(Date.parse(e.time)))).toBe(true);
    expect(JSON.stringify(log)).not.toMatch(/Bearer|eyJ/);

    expect((await hook('DELETE', '/requests')).status).toBe(204);
    expect((await hook('GET', '/writes')).body).toEqual({});
  });
});

describe('groups changed at the issuer', () => {
  const groupsIn = (t: TokenResponse) => jwtPayload(t.id_token!).groups;

  it('shows in the ID token and userinfo of the next refresh; reset restores them', async () => {
    const signedIn = await signInAs(sandbox.issuer, 'admin@example.com');
    expect(groupsIn(signedIn)).toEqual(['scim-admins']);
    // A short access token for tests (SANDBOX_ACCESS_TOKEN_TTL=2): the console refreshes, and re-derives roles, soon.
    expect(signedIn.expires_in).toBe(2);
    const at = jwtPayload(signedIn.access_token);
    expect(Number(at.exp) - Number(at.iat)).toBe(2);

    expect((await hook('POST', '/accounts/ADMIN%40example.com/groups', { groups: ['helpdesk'] })).status).toBe(204);
    const refreshed = (await (await refreshTokens(sandbox.issuer, signedIn.refresh_token!)).json()) as TokenResponse & {
      instance_url?: string;
    };
    expect(groupsIn(refreshed)).toEqual(['helpdesk']);
    // The salesforce flavor (the default) names its instance URL on refresh too.
    expect(refreshed.instance_url).toBe(sandbox.url);
    const { userinfo_endpoint } = await discover(sandbox.issuer);
    const userinfoToken = await signInAs(sandbox.issuer, 'admin@example.com', { scope: 'openid email profile groups' });
    const info = (await (
      await fetch(userinfo_endpoint, { headers: { Authorization: `Bearer ${userinfoToken.access_token}` } })
    ).json()) as {
      groups: string[];
    };
    expect(info.groups).toEqual(['helpdesk']);

    expect((await hook('POST', '/accounts/admin@example.com/groups', { groups: [] })).status).toBe(204);
    const emptied = (await (await refreshTokens(sandbox.issuer, refreshed.refresh_token!)).json()) as TokenResponse;
    expect(groupsIn(emptied)).toEqual([]);

    expect((await hook('POST', '/reset')).status).toBe(204);
    const restored = (await (await refreshTokens(sandbox.issuer, emptied.refresh_token!)).json()) as TokenResponse;
    expect(groupsIn(restored)).toEqual(['scim-admins']);
  });

  it('refuses an unknown account and a bad body', async () => {
    expect((await hook('POST', '/accounts/who@example.com/groups', { groups: [] })).status).toBe(404);
    expect((await hook('POST', '/accounts/admin@example.com/groups', { groups: 'scim-admins' })).status).toBe(400);
    expect((await hook('POST', '/accounts/admin@example.com/groups', { groups: [''] })).status).toBe(400);
  });
});
