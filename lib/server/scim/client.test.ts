import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScimClient, parseRetryAfter } from './client';
import { ScimError } from './errors';
import { sendJson, startTestUpstream, type TestUpstream } from './testing/upstream';

let upstream: TestUpstream;
const slept: number[] = [];
const client = (extra: Partial<Parameters<typeof createScimClient>[0]> = {}) =>
  createScimClient({
    baseUrl: upstream.baseUrl,
    accessToken: 'admin-token',
    timeoutMs: 2_000,
    requestId: 'req-1',
    // Record the wait instead of sleeping.
    sleep: async (ms) => {
      slept.push(ms);
    },
    ...extra,
  });
const user = { id: 'u1', userName: 'ann@example.com', active: true, meta: { version: 'W/"1"' } };

async function failure(p: Promise<unknown>): Promise<ScimError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ScimError);
    return e as ScimError;
  }
  throw new Error('expected a ScimError');
}

beforeAll(async () => {
  upstream = await startTestUpstream();
});
afterAll(() => upstream.close());

describe('createScimClient', () => {
  it('sends the admin token, SCIM Accept and the request id, and reads the user', async () => {
    upstream.handle((_req, res) => sendJson(res, 200, user, { ETag: 'W/"1"' }));
    const { user: got, etag } = await client().getUser('u1');
    expect(got.userName).toBe('ann@example.com');
    expect(etag).toBe('W/"1"');
    const seen = upstream.requests[0]!;
    expect(seen.path).toBe('/Users/u1');
    expect(seen.headers.authorization).toBe('Bearer admin-token');
    expect(seen.headers.accept).toBe('application/scim+json, application/json');
    expect(seen.headers['x-request-id']).toBe('req-1');
  });

  it('sends the PatchOp with content type and If-Match, and accepts 204', async () => {
    upstream.handle((_req, res) => {
      res.statusCode = 204;
      res.end();
    });
    const result = await client().setActive('u1', false, { ifMatch: 'W/"1"' });
    expect(result).toEqual({ user: null, status: 204 });
    const seen = upstream.requests[0]!;
    expect(seen.method).toBe('PATCH');
    expect(seen.headers['content-type']).toBe('application/scim+json');
    expect(seen.headers['if-match']).toBe('W/"1"');
    expect(JSON.parse(seen.body)).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
  });

  it('refuses to follow a redirect', async () => {
    upstream.handle((_req, res) => {
      res.writeHead(302, { Location: 'https://evil.example/steal' });
      res.end();
    });
    const e = await failure(client().getUser('u1'));
    expect(e.kind).toBe('redirect');
    expect(e.status).toBe(502);
    expect(upstream.requests).toHaveLength(1);
  });

  it('times out', async () => {
    upstream.handle(() => {
      /* never answers */
    });
    const e = await failure(client({ timeoutMs: 150 }).getUser('u1'));
    expect(e.kind).toBe('timeout');
    expect(e.status).toBe(504);
  });

  it('turns a garbage body into a typed 502', async () => {
    upstream.handle((_req, res) => sendJson(res, 200, '<html>oops</html>'));
    const e = await failure(client().getUser('u1'));
    expect([e.status, e.kind]).toEqual([502, 'bad-response']);
    upstream.handle((_req, res) => sendJson(res, 200, { unexpected: true }));
    expect((await failure(client().getUser('u1'))).status).toBe(502);
  });

  it('tolerates what real servers send: plain application/json, HTML or empty error bodies', async () => {
    upstream.handle((_req, res) => sendJson(res, 200, user, { 'Content-Type': 'application/json; charset=utf-8' }));
    expect((await client().getUser('u1')).user).toMatchObject({ id: 'u1', active: true });
    // A proxy's HTML error page, or no body at all: the status and a sentence, never a parse error.
    upstream.handle((_req, res) => sendJson(res, 404, '<html><body>Not Found</body></html>', { 'Content-Type': 'text/html' }));
    expect(await failure(client().getUser('u1'))).toMatchObject({
      status: 404,
      kind: 'upstream',
      detail: 'The SCIM provider answered 404.',
    });
    upstream.handle((_req, res) => sendJson(res, 403, ''));
    expect(await failure(client().setActive('u1', false))).toMatchObject({ status: 403, detail: 'The SCIM provider answered 403.' });
  });

  it('caps the response size', async () => {
    upstream.handle((_req, res) => sendJson(res, 200, { ...user, pad: 'x'.repeat(2000) }));
    const e = await failure(client({ maxBodyBytes: 1000 }).getUser('u1'));
    expect(e.detail).toMatch(/too large/);
  });

  it('retries a GET on 429, waiting as Retry-After says', async () => {
    slept.length = 0;
    let calls = 0;
    upstream.handle((_req, res) =>
      ++calls === 1 ? sendJson(res, 429, { status: '429', detail: 'slow down' }, { 'Retry-After': '2' }) : sendJson(res, 200, user),
    );
    const { user: got } = await client().getUser('u1');
    expect(got.id).toBe('u1');
    expect(upstream.requests).toHaveLength(2);
    expect(slept).toEqual([2000]);
  });

  it('gives up at once when Retry-After is longer than the cap', async () => {
    upstream.handle((_req, res) => sendJson(res, 429, { detail: 'later' }, { 'Retry-After': '120' }));
    const e = await failure(client().getUser('u1'));
    expect([e.status, e.retryAfter]).toEqual([429, 120]);
    expect(upstream.requests).toHaveLength(1);
  });

  it("treats Salesforce's 403 REQUEST_LIMIT_EXCEEDED as a rate limit", async () => {
    let calls = 0;
    upstream.handle((_req, res) =>
      ++calls === 1
        ? sendJson(res, 403, [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }])
        : sendJson(res, 200, user),
    );
    await client().getUser('u1');
    expect(upstream.requests).toHaveLength(2);
    // Without Retry-After, and for a write too: a 429 (retryable, "not processed"), never a 403 permission error.
    upstream.handle((_req, res) =>
      sendJson(res, 403, { Errors: [{ code: 'REQUEST_LIMIT_EXCEEDED', description: 'TotalRequests Limit exceeded.' }] }),
    );
    const e = await failure(client({ maxAttempts: 1 }).setActive('u1', false));
    expect([e.status, e.kind, e.retryAfter, e.detail]).toEqual([429, 'upstream', undefined, 'TotalRequests Limit exceeded.']);
  });

  it('retries a GET on 503 up to the attempt cap', async () => {
    upstream.handle((_req, res) => sendJson(res, 503, { status: 503, detail: 'down' }));
    const e = await failure(client({ maxAttempts: 3 }).getUser('u1'));
    expect(e.status).toBe(503);
    expect(upstream.requests).toHaveLength(3);
  });

  it('never retries a PATCH or DELETE on 500', async () => {
    upstream.handle((_req, res) => sendJson(res, 500, { status: '500', detail: 'boom' }));
    expect((await failure(client().setActive('u1', false))).detail).toBe('boom');
    expect(upstream.requests).toHaveLength(1);
    upstream.handle((_req, res) => sendJson(res, 502, {}));
    await failure(client().deleteUser('u1'));
    expect(upstream.requests).toHaveLength(1);
  });

  it('retries a PATCH on 429, which the server did not process', async () => {
    let calls = 0;
    upstream.handle((_req, res) =>
      ++calls === 1 ? sendJson(res, 429, {}, { 'Retry-After': '0' }) : sendJson(res, 200, { ...user, active: false }),
    );
    const { user: got } = await client().setActive('u1', false);
    expect(got?.active).toBe(false);
    expect(upstream.requests.map((r) => r.method)).toEqual(['PATCH', 'PATCH']);
  });

  it('maps SCIM and Salesforce error bodies into one ScimError', async () => {
    upstream.handle((_req, res) =>
      sendJson(res, 404, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: 'User not found' }),
    );
    expect(await failure(client().getUser('u1'))).toMatchObject({ status: 404, detail: 'User not found' });
    upstream.handle((_req, res) => sendJson(res, 400, { Errors: [{ description: 'bad value', code: 400 }] }));
    expect(await failure(client().getUser('u1'))).toMatchObject({ status: 400, detail: 'bad value' });
    upstream.handle((_req, res) => sendJson(res, 409, { status: 409, scimType: 'mutability', detail: 'no' }));
    expect(await failure(client().setActive('u1', true))).toMatchObject({ status: 409, scimType: 'mutability' });
  });

  it('never calls the upstream for an invalid id', async () => {
    upstream.handle((_req, res) => sendJson(res, 200, user));
    for (const id of ['..', '../Groups', 'a/b', '']) expect((await failure(client().getUser(id))).status).toBe(400);
    expect(upstream.requests).toHaveLength(0);
  });

  it('reads the ServiceProviderConfig at the plural path when the singular is missing', async () => {
    upstream.handle((req, res) =>
      req.path === '/ServiceProviderConfigs' ? sendJson(res, 200, { etag: { supported: true } }) : sendJson(res, 404, {}),
    );
    expect(await client().getServiceProviderConfig()).toEqual({ etag: { supported: true } });
    expect(await client().servesPluralServiceProviderConfig()).toBe(true);
  });

  it('asks the profile’s discovery path first', async () => {
    upstream.handle((req, res) => sendJson(res, 200, { path: req.path }));
    expect(await client({ discoveryPath: 'ServiceProviderConfigs' }).getServiceProviderConfig()).toEqual({
      path: '/ServiceProviderConfigs',
    });
    expect(upstream.requests).toHaveLength(1);
  });

  it('sends the PatchOp with `path` where the profile says so', async () => {
    upstream.handle((_req, res) => {
      res.statusCode = 204;
      res.end();
    });
    await client({ patchShape: 'path' }).setActive('u1', true);
    expect(JSON.parse(upstream.requests[0]!.body).Operations).toEqual([{ op: 'replace', path: 'active', value: true }]);
  });

  it('reports a network failure as a typed 502', async () => {
    const e = await failure(createScimClient({ baseUrl: 'http://127.0.0.1:1/scim', timeoutMs: 1000, maxAttempts: 1 }).getUser('u1'));
    expect([e.status, e.kind]).toEqual([502, 'network']);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 0)).toBe(10);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
