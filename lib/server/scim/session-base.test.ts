import { beforeEach, describe, expect, it, vi } from 'vitest';

const env = vi.hoisted(() => ({
  NODE_ENV: 'production',
  SCIM_BASE_URL: 'http://localhost:4010/scim/v2',
  SCIM_BASE_FROM_INSTANCE_URL: true,
}));
vi.mock('@/lib/server/env', () => ({ env }));

const { healthProbeBase, requireScimBase, scimBaseOf } = await import('./session-base');

describe('a session’s SCIM base', () => {
  beforeEach(() => {
    env.SCIM_BASE_FROM_INSTANCE_URL = true;
  });

  it('with SCIM_BASE_URL configured, is SCIM_BASE_URL whatever the session says', () => {
    env.SCIM_BASE_FROM_INSTANCE_URL = false;
    expect(scimBaseOf({ scimBaseUrl: 'https://acme.my.salesforce.com/services/scim/v2' })).toBe(env.SCIM_BASE_URL);
    expect(requireScimBase({})).toBe(env.SCIM_BASE_URL);
    expect(healthProbeBase()).toBe(env.SCIM_BASE_URL);
  });

  it('from instance_url, is the session’s own base and never the sandbox default', () => {
    expect(healthProbeBase()).toBeNull();
    expect(requireScimBase({ scimBaseUrl: 'https://acme.my.salesforce.com/services/scim/v2' })).toBe(
      'https://acme.my.salesforce.com/services/scim/v2',
    );
    // The health check probes the org a session last used.
    expect(healthProbeBase()).toBe('https://acme.my.salesforce.com/services/scim/v2');
  });

  it('refuses with a 401 (sign in again) a session without one, or with one the URL rules refuse', () => {
    for (const session of [{}, { scimBaseUrl: 42 }, { scimBaseUrl: 'http://evil.example.com/services/scim/v2' }]) {
      expect(scimBaseOf(session)).toBeNull();
      expect(() => requireScimBase(session)).toThrow(expect.objectContaining({ status: 401, kind: 'session' }));
    }
  });
});
