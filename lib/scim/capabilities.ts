import 'server-only';
// What the provider supports, from its ServiceProviderConfig, cached per
// process for a few minutes. Pages must render when the provider is down, so
// failures fall back to the safest defaults (no If-Match, no sort, 200 rows).

import { env } from '@/lib/env';
import { log } from '@/lib/log';
import type { ProviderCapabilities } from '@/lib/users/types';
import type { ScimClient } from './client';
import { isScimError } from './errors';
import { fallbackCapabilities, parseCapabilities } from './schemas';

const TTL_MS = 5 * 60_000;
const FAILURE_TTL_MS = 30_000;

type Entry = { value: ProviderCapabilities; expires: number };
let cached: Entry | null = null;
let inflight: Promise<ProviderCapabilities> | null = null;

/**
 * Whether DELETE deactivates rather than removes (docs/decisions/0015-delete-deactivates.md):
 * SCIM_DELETE_DEACTIVATES wins; else the Salesforce preset, a Salesforce-style
 * base path, or a provider that also serves Salesforce's plural
 * `/ServiceProviderConfigs` (as the sandbox's salesforce flavor does).
 */
export function staticDeleteDeactivates(): boolean | undefined {
  if (env.SCIM_DELETE_DEACTIVATES !== undefined) return env.SCIM_DELETE_DEACTIVATES;
  if (env.AUTH_PROVIDER === 'salesforce') return true;
  if (/\/services\/scim(\/|$)/i.test(new URL(env.SCIM_BASE_URL).pathname)) return true;
  return undefined;
}

export async function getCapabilities(client: ScimClient): Promise<ProviderCapabilities> {
  if (cached && cached.expires > Date.now()) return cached.value;
  inflight ??= load(client).finally(() => {
    inflight = null;
  });
  return inflight;
}

async function load(client: ScimClient): Promise<ProviderCapabilities> {
  const known = staticDeleteDeactivates();
  try {
    const spc = await client.getServiceProviderConfig();
    const deleteDeactivates = known ?? (await client.servesPluralServiceProviderConfig());
    const value = parseCapabilities(spc, deleteDeactivates);
    cached = { value, expires: Date.now() + TTL_MS };
    return value;
  } catch (e) {
    log.warn('ServiceProviderConfig unavailable; using safe defaults', { error: e });
    const value = fallbackCapabilities(known ?? false);
    // A 401/403 is about this caller's token, not the provider: do not let it stick for everyone.
    const callerSpecific = isScimError(e) && (e.status === 401 || e.status === 403);
    if (!callerSpecific) cached = { value, expires: Date.now() + FAILURE_TTL_MS };
    return value;
  }
}

/** Tests only: forget the cached capabilities. */
export function resetCapabilitiesCache() {
  cached = null;
  inflight = null;
}
