import { describe, expect, it, vi } from 'vitest';
import { ScimError } from '@/lib/server/scim/errors';
import { PROVIDER_PROFILES } from '@/lib/server/scim/provider-profiles';
import type { ConsoleToken } from '@/lib/server/session';
import type { ApiError } from '@/lib/users/types';
import { apiRoute, type ApiDeps } from './handler';

const ORIGIN = 'http://console.test';
const deps: ApiDeps = {
  getSession: async () => ({
    token: { sub: 's', email: null, name: null, role: 'admin', provider: 'oidc', authTime: 0, accessToken: 'tok' },
    setCookies: [],
  }),
  scimClient: () => ({}) as never,
  capabilities: () => Promise.reject(new Error('not used')),
  fallbackCapabilities: () => ({ etag: false, maxResults: 200, deleteDeactivates: false, sort: false }),
  auditStore: () => Promise.reject(new Error('not used')),
  consoleOrigin: ORIGIN,
  refusalHints: PROVIDER_PROFILES.salesforce.refusalHints,
};

async function answerFor(error: unknown, routeDeps: ApiDeps = deps): Promise<{ status: number; body: ApiError; requestId: string | null }> {
  const route = apiRoute(routeDeps, {}, async () => {
    throw error;
  });
  const res = await route(new Request(`${ORIGIN}/api/x`), { params: Promise.resolve({}) });
  return { status: res.status, body: (await res.json()) as ApiError, requestId: res.headers.get('x-request-id') };
}

describe('refusals in plain words', () => {
  it('a known Salesforce refusal: the provider’s words verbatim, then what to do', async () => {
    const detail = 'FIELD_INTEGRITY_EXCEPTION: You cannot deactivate a user who is the Default Workflow User.';
    const { status, body, requestId } = await answerFor(new ScimError({ status: 400, detail }));
    expect(status).toBe(400);
    expect(body.error.message.startsWith(`${detail} Choose another Default Workflow User in Setup`)).toBe(true);
    expect(body.error.message).toMatch(/freeze the user in Setup/);
    expect(body.error.requestId).toBe(requestId);
  });

  it('an unknown refusal: its own message and the request id, never a generic one', async () => {
    const { status, body, requestId } = await answerFor(new ScimError({ status: 409, detail: 'userName is locked by policy P-7' }));
    expect(status).toBe(409);
    expect(body.error.message).toBe('userName is locked by policy P-7');
    expect(body.error.requestId).toBeTruthy();
    expect(body.error.requestId).toBe(requestId);
  });

  it('another provider’s console passes the same refusal on in its own words, without Salesforce’s Setup hint', async () => {
    const detail = 'You cannot deactivate the Default Workflow User';
    const generic = { ...deps, refusalHints: PROVIDER_PROFILES.generic.refusalHints };
    const { status, body } = await answerFor(new ScimError({ status: 400, detail }), generic);
    expect(status).toBe(400);
    expect(body.error.message).toBe(detail);
  });

  it('a rate limit gets no refusal hint', async () => {
    const { status, body } = await answerFor(new ScimError({ status: 429, detail: 'cannot deactivate right now' }));
    expect(status).toBe(429);
    expect(body.error.message).not.toMatch(/freeze/);
  });
});

function setup() {
  const token: ConsoleToken = { sub: 's', role: 'admin', provider: 'oidc', authTime: 0, accessToken: 'tok' };
  const deps = {
    getSession: vi.fn(async () => ({ token, setCookies: [] })),
    scimClient: vi.fn(),
    capabilities: vi.fn(),
    fallbackCapabilities: vi.fn(),
    auditStore: vi.fn(),
    consoleOrigin: ORIGIN,
  } as unknown as ApiDeps & { getSession: ReturnType<typeof vi.fn>; auditStore: ReturnType<typeof vi.fn> };
  const handler = vi.fn(async () => Response.json({ ok: true }));
  const route = apiRoute(deps, {}, handler);
  const call = (init: RequestInit) => route(new Request(`${ORIGIN}/api/audit`, init), { params: Promise.resolve({}) });
  return { deps, handler, call };
}

describe('apiRoute on reads', () => {
  it.each(['cross-site', 'same-site'])('refuses a GET with Sec-Fetch-Site: %s before the session, database or upstream', async (site) => {
    const { deps, handler, call } = setup();
    const res = await call({ headers: { 'sec-fetch-site': site } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Cross-site request refused.');
    expect(deps.getSession).not.toHaveBeenCalled();
    expect(deps.scimClient).not.toHaveBeenCalled();
    expect(deps.auditStore).not.toHaveBeenCalled();
    expect(handler).not.toHaveBeenCalled();
  });

  it.each(['same-origin', 'none', null])('serves a GET with Sec-Fetch-Site: %s', async (site) => {
    const { handler, call } = setup();
    const res = await call(site ? { headers: { 'sec-fetch-site': site } } : {});
    expect(res.status).toBe(200);
    expect(handler).toHaveBeenCalledOnce();
  });

  it('refuses HEAD, which would otherwise run the GET handler and its side effects', async () => {
    const { deps, handler, call } = setup();
    const res = await call({ method: 'HEAD' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect(deps.getSession).not.toHaveBeenCalled();
    expect(handler).not.toHaveBeenCalled();
  });
});

describe('a session’s own SCIM base (Salesforce instance_url)', () => {
  it('reaches the SCIM client and a job’s delegated token, never the response', async () => {
    const scimBaseUrl = 'https://acme.my.salesforce.com/services/scim/v2';
    const scimClient = vi.fn(() => ({}) as never);
    const route = apiRoute(
      {
        ...deps,
        scimClient,
        getSession: async () => ({
          token: { sub: 's', role: 'admin', provider: 'salesforce', authTime: 0, accessToken: 'tok', scimBaseUrl },
          setCookies: [],
        }),
      },
      {},
      async (ctx) => Response.json({ delegated: ctx.delegatedToken().scimBaseUrl === scimBaseUrl }),
    );
    const res = await route(new Request(`${ORIGIN}/api/x`), { params: Promise.resolve({}) });
    expect(await res.json()).toEqual({ delegated: true });
    expect(scimClient).toHaveBeenCalledWith(expect.objectContaining({ accessToken: 'tok', scimBaseUrl }));
  });

  it('a session without one answers 401, so the browser sends the admin to sign in', async () => {
    const { status, body } = await answerFor(new ScimError({ status: 401, kind: 'session', detail: 'Sign in again.' }));
    expect(status).toBe(401);
    expect(body.error.message).toBe('Sign in again.');
  });
});
