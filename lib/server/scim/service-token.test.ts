import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScimClient } from './client';
import { ScimError } from './errors';
import { clientCredentialsFetcher, createServiceTokenSource, REFRESH_EARLY_MS, type FetchedToken } from './service-token';
import { sendJson, testUpstreamForThisScope } from './testing/upstream';

/** A fetcher whose calls the test counts and whose answers it releases by hand. */
function controlledFetcher() {
  const pending: { resolve(t: FetchedToken): void; reject(e: unknown): void }[] = [];
  let calls = 0;
  return {
    fetch: () =>
      new Promise<FetchedToken>((resolve, reject) => {
        calls++;
        pending.push({ resolve, reject });
      }),
    get calls() {
      return calls;
    },
    answer(t: FetchedToken) {
      pending.shift()!.resolve(t);
    },
    fail(e: unknown) {
      pending.shift()!.reject(e);
    },
  };
}

describe('createServiceTokenSource', () => {
  it('fetches once for many concurrent callers and shares the token', async () => {
    const f = controlledFetcher();
    const source = createServiceTokenSource(f.fetch);
    const all = Promise.all([source.get(), source.get(), source.get(), source.get()]);
    expect(f.calls).toBe(1);
    f.answer({ accessToken: 't1', expiresInS: 3600 });
    expect(await all).toEqual(['t1', 't1', 't1', 't1']);
    expect(await source.get()).toBe('t1');
    expect(f.calls).toBe(1);
  });

  it('fetches again shortly before expiry, once', async () => {
    let now = 1_000_000;
    const f = controlledFetcher();
    const source = createServiceTokenSource(f.fetch, () => now);
    const first = source.get();
    f.answer({ accessToken: 't1', expiresInS: 600 });
    expect(await first).toBe('t1');
    now += 600_000 - REFRESH_EARLY_MS - 1;
    expect(await source.get()).toBe('t1');
    now += 2;
    const again = Promise.all([source.get(), source.get()]);
    expect(f.calls).toBe(2);
    f.answer({ accessToken: 't2', expiresInS: 600 });
    expect(await again).toEqual(['t2', 't2']);
  });

  it('a failed fetch reaches every waiting caller as a ScimError, caches nothing, and the next call tries again', async () => {
    const f = controlledFetcher();
    const source = createServiceTokenSource(f.fetch);
    const both = Promise.allSettled([source.get(), source.get()]);
    f.fail(Object.assign(new Error('boom client-secret-value'), { error: 'invalid_client' }));
    const settled = await both;
    for (const s of settled) {
      expect(s.status).toBe('rejected');
      const e = (s as PromiseRejectedResult).reason as ScimError;
      expect(e).toBeInstanceOf(ScimError);
      expect(e.kind).toBe('service-token');
      expect(e.detail).toBe('The console could not get its service token from SCIM_TOKEN_URL (invalid_client).');
      expect(e.detail).not.toContain('client-secret-value');
    }
    expect(f.calls).toBe(1);
    const next = source.get();
    expect(f.calls).toBe(2);
    f.answer({ accessToken: 't2' });
    expect(await next).toBe('t2');
  });

  it('invalidate drops only the token it names', async () => {
    const f = controlledFetcher();
    const source = createServiceTokenSource(f.fetch);
    const first = source.get();
    f.answer({ accessToken: 't1', expiresInS: 3600 });
    await first;
    source.invalidate('other');
    expect(await source.get()).toBe('t1');
    source.invalidate('t1');
    const next = source.get();
    f.answer({ accessToken: 't2', expiresInS: 3600 });
    expect(await next).toBe('t2');
  });
});

describe('clientCredentialsFetcher (openid-client) against a token endpoint', () => {
  let server: Server;
  let url: string;
  const seen: { auth?: string; body: string }[] = [];
  let answer: { status: number; body: unknown } = { status: 200, body: {} };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ auth: req.headers.authorization, body });
        res.writeHead(answer.status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/token`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends the client credentials grant with basic auth, scope and resource', async () => {
    answer = { status: 200, body: { access_token: 'svc-1', token_type: 'Bearer', expires_in: 300 } };
    const fetch = clientCredentialsFetcher({
      tokenUrl: url,
      clientId: 'sandbox-cli',
      clientSecret: 'sandbox-cli-secret',
      scope: 'scim:read scim:write',
      resource: 'http://localhost:4010/scim/v2',
      timeoutMs: 2000,
    });
    expect(await fetch()).toEqual({ accessToken: 'svc-1', expiresInS: 300 });
    const req = seen.at(-1)!;
    expect(req.auth).toBe(`Basic ${Buffer.from('sandbox-cli:sandbox-cli-secret').toString('base64')}`);
    const form = new URLSearchParams(req.body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('scope')).toBe('scim:read scim:write');
    expect(form.get('resource')).toBe('http://localhost:4010/scim/v2');
  });

  it('a refusal becomes the source’s ScimError with the OAuth error code only', async () => {
    answer = { status: 401, body: { error: 'invalid_client', error_description: 'no such client' } };
    const source = createServiceTokenSource(clientCredentialsFetcher({ tokenUrl: url, clientId: 'x', clientSecret: 'y', timeoutMs: 2000 }));
    await expect(source.get()).rejects.toMatchObject({
      kind: 'service-token',
      status: 502,
      detail: expect.stringContaining('(invalid_client)'),
    });
  });
});

describe('the SCIM client with a service token', () => {
  const upstream = testUpstreamForThisScope();

  it('sends the service token instead of the admin’s and drops it when the provider answers 401', async () => {
    let n = 0;
    const source = createServiceTokenSource(async () => ({ accessToken: `svc-${++n}`, expiresInS: 3600 }));
    const client = createScimClient({ baseUrl: upstream().baseUrl, accessToken: 'admin-token', serviceToken: source, timeoutMs: 2000 });
    upstream().handle((req, res) =>
      req.headers.authorization === 'Bearer svc-1'
        ? sendJson(res, 401, { status: '401', detail: 'token revoked' })
        : sendJson(res, 200, { id: 'u1', userName: 'ann' }),
    );
    await expect(client.getUser('u1')).rejects.toMatchObject({ status: 401 });
    expect((await client.getUser('u1')).user.userName).toBe('ann');
    expect(upstream().requests.map((r) => r.headers.authorization)).toEqual(['Bearer svc-1', 'Bearer svc-2']);
  });
});
