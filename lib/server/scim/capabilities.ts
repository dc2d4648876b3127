import 'server-only';
// What the provider supports, from its ServiceProviderConfig, cached per
// process for a few minutes. Only the provider's own answers are cached: a
// failed read (timeout, 5xx, a caller's token refused) throws, so no caller is
// told the fallback as if it were the provider's word (GET /api/capabilities
// answers 502/504 instead; the console's own calls use fallbackCapabilities()).

import { env } from '@/lib/server/env';
import type { ProviderCapabilities } from '@/lib/users/types';
import type { ScimClient } from './client';
import { ScimError } from './errors';
import { configuredDeleteDeactivates, PROVIDER_PROFILES, resolveProviderId } from './provider-profiles';
import { fallbackCapabilities, parseCapabilities } from './schemas';

const TTL_MS = 5 * 60_000;

export type CapabilitiesCache = {
  /** The provider's answer (cached), or a throw when it cannot be asked (nothing cached). */
  get(client: ScimClient): Promise<ProviderCapabilities>;
  /** The safest assumptions: no If-Match, 200 rows, no sorting, DELETE as configured (else "removes"). */
  fallback(): ProviderCapabilities;
};

export function createCapabilitiesCache(known: () => boolean | undefined, now: () => number = Date.now): CapabilitiesCache {
  // Per SCIM base: with Salesforce's instance_url (docs/decisions/0055-salesforce-instance-url.md)
  // sessions of one console may talk to different orgs.
  const cached = new Map<string, { value: ProviderCapabilities; expires: number }>();
  const inflight = new Map<string, Promise<ProviderCapabilities>>();

  async function load(client: ScimClient, key: string): Promise<ProviderCapabilities> {
    let spc: unknown;
    try {
      spc = await client.getServiceProviderConfig();
    } catch (e) {
      // 404 at both paths is the provider's answer (it publishes no config), not a failure to ask.
      if (!(e instanceof ScimError && e.kind === 'upstream' && e.status === 404)) throw e;
      spc = null;
    }
    const deleteDeactivates = known() ?? (await client.servesPluralServiceProviderConfig());
    const value = parseCapabilities(spc, deleteDeactivates);
    cached.set(key, { value, expires: now() + TTL_MS });
    return value;
  }

  return {
    async get(client) {
      const key = client.baseUrl ?? '';
      const hit = cached.get(key);
      if (hit && hit.expires > now()) return hit.value;
      let pending = inflight.get(key);
      if (!pending) {
        pending = load(client, key).finally(() => inflight.delete(key));
        inflight.set(key, pending);
      }
      return pending;
    },
    fallback: () => fallbackCapabilities(known() ?? false),
  };
}

// Whether DELETE deactivates (docs/decisions/0015-delete-deactivates.md): configuration and the
// profile first; else a provider that also serves Salesforce's plural `/ServiceProviderConfigs`
// (as the sandbox's salesforce flavor does).
const cache = createCapabilitiesCache(() =>
  configuredDeleteDeactivates(PROVIDER_PROFILES[resolveProviderId(env)], env.SCIM_DELETE_DEACTIVATES),
);

export const getCapabilities = (client: ScimClient) => cache.get(client);
export const getFallbackCapabilities = () => cache.fallback();
