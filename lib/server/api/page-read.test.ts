import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsoleToken } from '@/lib/server/session';
import type { ApiDeps } from './handler';

// The page's cookie and its decoded session: what readForPage reads before it asks a route.
let decoded: ConsoleToken | null = null;
vi.mock('next/headers', () => ({ cookies: async () => ({ getAll: () => [{ name: 'next-auth.session-token', value: 'jwt' }] }) }));
vi.mock('@/lib/server/session', async (importActual) => ({
  ...(await importActual<typeof import('@/lib/server/session')>()),
  decodeSession: async () => decoded,
}));

const { dehydratedAnswers, readForPage } = await import('./page-read');
const { providerHealth } = await import('@/lib/server/scim/provider-health');
const { ScimError } = await import('@/lib/server/scim/errors');

const now = () => Math.floor(Date.now() / 1000);
const token = (extra: Partial<ConsoleToken> = {}): ConsoleToken => ({
  sub: 's1',
  role: 'admin',
  provider: 'oidc',
  authTime: now(),
  sid: 'sid-1',
  accessToken: 'access-1',
  refreshToken: 'refresh-1',
  accessTokenExpiresAt: now() + 3600,
  ...extra,
});

/** A route that records the session it was given and answers `status`. */
function recordingRoute(status = 200) {
  const seen: { session: Awaited<ReturnType<ApiDeps['getSession']>>; url: string }[] = [];
  const route = (deps: ApiDeps) => async (request: Request) => {
    seen.push({ session: await deps.getSession(request), url: request.url });
    return Response.json({ ok: true }, { status });
  };
  return { route, seen };
}

describe('readForPage (a server render reads through the API route, never refreshing)', () => {
  beforeEach(() => {
    decoded = token();
    providerHealth.success();
  });

  it('asks the route with the session as the cookie has it, and nothing to set', async () => {
    const { route, seen } = recordingRoute();
    expect(await readForPage(route, '/api/users?q=ada')).toEqual({ ok: true });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.session).toEqual({ token: decoded, setCookies: [] });
    expect(new URL(seen[0]!.url).search).toBe('?q=ada');
  });

  it('leaves the read to the browser when the token would need a refresh, or failed one', async () => {
    for (const stale of [token({ accessTokenExpiresAt: now() + 30 }), token({ error: 'RefreshFailed', accessToken: undefined }), null]) {
      decoded = stale;
      const { route, seen } = recordingRoute();
      expect(await readForPage(route, '/api/users')).toBeNull();
      expect(seen).toEqual([]);
    }
  });

  it('leaves the read to the browser when the provider is known to be down', async () => {
    for (let i = 0; i < 3; i++) providerHealth.failure(new ScimError({ status: 0, kind: 'network', detail: 'connection refused' }));
    const { route, seen } = recordingRoute();
    expect(await readForPage(route, '/api/users')).toBeNull();
    expect(seen).toEqual([]);
  });

  it('gives nothing for an answer other than 2xx', async () => {
    const { route } = recordingRoute(502);
    expect(await readForPage(route, '/api/users')).toBeNull();
  });
});

describe('dehydratedAnswers', () => {
  it('puts each answer under its key and leaves null answers out', () => {
    const state = dehydratedAnswers([
      [['users', 'detail', 'a'], { id: 'a' }],
      [['users', 'detail', 'b'], null],
    ]);
    expect(state.queries.map((q) => [q.queryKey, q.state.data])).toEqual([[['users', 'detail', 'a'], { id: 'a' }]]);
  });
});
