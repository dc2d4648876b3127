import 'server-only';
// The console's own SCIM identity, when configured (SCIM_BEARER_TOKEN, or
// SCIM_CLIENT_ID/SCIM_CLIENT_SECRET/SCIM_TOKEN_URL): what every SCIM call
// carries in SCIM_AUTH=service, and what unattended work uses in either mode.
// See docs/decisions/0050-service-identity.md.

import { env } from '@/lib/server/env';
import { createScimClient, type ScimClient, type ScimClientOptions } from './client';
import { PROVIDER_PROFILES, resolveProviderId } from './provider-profiles';
import { clientCredentialsFetcher, createServiceTokenSource, type ServiceTokenSource } from './service-token';
import { requireScimBase } from './session-base';

function configuredSource(): ServiceTokenSource | null {
  if (env.SCIM_BEARER_TOKEN) {
    const token = env.SCIM_BEARER_TOKEN;
    return { get: async () => token, invalidate: () => {} };
  }
  if (env.SCIM_CLIENT_ID && env.SCIM_CLIENT_SECRET && env.SCIM_TOKEN_URL) {
    return createServiceTokenSource(
      clientCredentialsFetcher({
        tokenUrl: env.SCIM_TOKEN_URL,
        clientId: env.SCIM_CLIENT_ID,
        clientSecret: env.SCIM_CLIENT_SECRET,
        scope: env.SCIM_SCOPE,
        resource: env.SCIM_RESOURCE,
        timeoutMs: env.SCIM_TIMEOUT_MS,
      }),
    );
  }
  return null;
}

const source = configuredSource();

/** Whether the console has a credential of its own (GET /api/capabilities says so). */
export const serviceIdentityAvailable = source !== null;

const profile = PROVIDER_PROFILES[resolveProviderId(env)];
// With a service identity SCIM_BASE_URL is always set (lib/server/env.ts refuses one with the instance-URL mode).
const common = (requestId: string, baseUrl = env.SCIM_BASE_URL): ScimClientOptions => ({
  baseUrl,
  requestId,
  timeoutMs: env.SCIM_TIMEOUT_MS,
  patchShape: profile.patchShape,
  discoveryPath: profile.discoveryPath,
});

/** A SCIM client that carries the console's own credential; null when none is configured. */
export function getServiceScimClient(requestId: string): ScimClient | null {
  if (!source) return null;
  return createScimClient({ ...common(requestId), serviceToken: source });
}

/**
 * The SCIM client for an admin's request (or a job it started): their own token, or the console's in
 * service mode; `scimBaseUrl` is what the session's sign-in learned (Salesforce's instance_url), if anything.
 */
export function scimClientFor(opts: { accessToken: string; requestId: string; scimBaseUrl?: string }): ScimClient {
  if (env.SCIM_AUTH === 'service') return getServiceScimClient(opts.requestId)!;
  return createScimClient({ ...common(opts.requestId, requireScimBase(opts)), accessToken: opts.accessToken });
}
