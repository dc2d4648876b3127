// Tests only: the API routes' dependencies wired to an in-test SCIM server and
// audit store, and requests shaped as the console's own pages send them.
import { beforeEach } from 'vitest';
import type { Role } from '@/lib/authz';
import type { ReasonPolicy } from '@/lib/change-reason';
import { createAuditDb, migrate } from '@/lib/server/audit/db';
import { createAuditStore, type AuditStore } from '@/lib/server/audit/store';
import { createScimClient, type ScimClient } from '@/lib/server/scim/client';
import { testUpstreamForThisScope, type TestUpstream } from '@/lib/server/scim/testing/upstream';
import type { ConsoleToken } from '@/lib/server/session';
import type { ProviderCapabilities } from '@/lib/users/types';
import type { ApiDeps } from '../handler';

export const TEST_ORIGIN = 'http://console.test';

export const SAFE_CAPABILITIES: ProviderCapabilities = { etag: false, maxResults: 200, deleteDeactivates: false, sort: false };

type HarnessOptions = {
  /** Read at each call: tests start the upstream in beforeAll. */
  upstream: () => TestUpstream;
  role: () => Role;
  token?: () => Partial<ConsoleToken>;
  capabilities?: (client: ScimClient) => Promise<ProviderCapabilities>;
  fallbackCapabilities?: () => ProviderCapabilities;
  auditStore?: () => Promise<AuditStore>;
  /** Called on every session lookup, to count them. */
  onSession?: () => void;
  reasonPolicy?: ReasonPolicy;
  protectedUsers?: () => readonly string[];
};

/** ApiDeps for route tests: a signed-in 'sub-1' (admin@example.com) with the role the test sets. */
export function testDeps(opts: HarnessOptions): ApiDeps {
  return {
    async getSession() {
      opts.onSession?.();
      const token: ConsoleToken = {
        sub: 'sub-1',
        email: 'admin@example.com',
        name: 'Ada',
        role: opts.role(),
        provider: 'oidc',
        authTime: 0,
        accessToken: 'tok',
        ...opts.token?.(),
      };
      return { token, setCookies: [] };
    },
    scimClient: ({ accessToken, requestId }) =>
      createScimClient({ baseUrl: opts.upstream().baseUrl, accessToken, requestId, timeoutMs: 2000, sleep: async () => {} }),
    capabilities: opts.capabilities ?? (async () => SAFE_CAPABILITIES),
    fallbackCapabilities: opts.fallbackCapabilities ?? (() => SAFE_CAPABILITIES),
    auditStore: opts.auditStore ?? (() => Promise.reject(new Error('no audit store in this test'))),
    consoleOrigin: TEST_ORIGIN,
    reasonPolicy: opts.reasonPolicy,
    get protectedUsers() {
      return opts.protectedUsers?.() ?? [];
    },
  };
}

/**
 * A fake SCIM upstream for this test file (started once, closed after) and a fresh
 * in-memory audit store before each test. Call at the top level of a test file;
 * the file's own beforeEach hooks run after these.
 */
export function upstreamAndAuditForThisFile(): { upstream: () => TestUpstream; audit: () => AuditStore } {
  const upstream = testUpstreamForThisScope();
  let audit: AuditStore;
  beforeEach(async () => {
    const db = createAuditDb('file::memory:');
    await migrate(db);
    audit = createAuditStore(db);
  });
  return { upstream, audit: () => audit };
}

type RouteHandler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;
type RequestInit = { body?: string | object; headers?: Record<string, string> };

/**
 * Calls a route handler as the console's pages would: mutations carry a
 * same-origin Origin, Sec-Fetch-Site and a JSON body; `init.headers` override.
 */
export function callRoute<P>(
  handler: RouteHandler<P>,
  method: 'GET' | 'PATCH' | 'DELETE' | 'POST',
  path: string,
  params: P,
  init: RequestInit = {},
): Promise<Response> {
  const mutating = method !== 'GET';
  const headers = mutating
    ? { origin: TEST_ORIGIN, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', ...init.headers }
    : { ...init.headers };
  const body =
    init.body === undefined ? (mutating ? '{}' : undefined) : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
  return handler(new Request(`${TEST_ORIGIN}${path}`, { method, headers, body }), { params: Promise.resolve(params) });
}
