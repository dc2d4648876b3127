import { describe, expect, it } from 'vitest';
import type { Role } from '@/lib/authz';
import type { ProviderStatus } from '@/lib/users/types';
import type { ApiDeps } from './handler';
import { createScimStatusRoute } from './scim-status';

const ORIGIN = 'http://console.test';
let role: Role = 'helpdesk';
let scimCalls = 0;
const deps: ApiDeps = {
  getSession: async () => ({
    token: { sub: 's', email: null, name: null, role, provider: 'oidc', authTime: 0, accessToken: 'tok' },
    setCookies: [],
  }),
  scimClient: () => new Proxy({}, { get: () => () => (scimCalls++, Promise.reject(new Error('no upstream'))) }) as never,
  capabilities: () => Promise.reject(new Error('not used')),
  fallbackCapabilities: () => ({ etag: false, maxResults: 200, deleteDeactivates: false, sort: false }),
  auditStore: () => Promise.reject(new Error('not used')),
  consoleOrigin: ORIGIN,
};
const down: ProviderStatus = { available: false, lastError: 'maintenance', lastSuccessAt: '2026-01-01T10:00:00.000Z' };
const get = (r: Role) => {
  role = r;
  return createScimStatusRoute(deps, () => down)(new Request(`${ORIGIN}/api/scim-status`), { params: Promise.resolve({}) });
};

describe('GET /api/scim-status', () => {
  it('tells every role the provider’s state without calling it', async () => {
    for (const r of ['admin', 'helpdesk', 'auditor'] as const) {
      const res = await get(r);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(down);
    }
    expect(scimCalls).toBe(0);
  });

  it('is closed to people without a role', async () => {
    expect((await get('none')).status).toBe(403);
  });
});
