import 'server-only';
// The configured provider's profile (SCIM_PROVIDER, or inferred) and what
// GET /api/capabilities tells the UI about it beyond discovery.

import { env } from '@/lib/server/env';
import type { ProviderCapabilities, ProviderInfo } from '@/lib/users/types';
import { deleteEffectOf, PROVIDER_PROFILES, resolveProviderId } from './provider-profiles';
import { serviceIdentityAvailable } from './service-identity';

export const providerProfile = PROVIDER_PROFILES[resolveProviderId(env)];

export function providerInfo(capabilities: ProviderCapabilities): ProviderInfo {
  return {
    id: providerProfile.id,
    label: providerProfile.label,
    deleteEffect: deleteEffectOf(providerProfile, capabilities.deleteDeactivates),
    activeFilter: providerProfile.activeFilter,
    idpManaged: providerProfile.idpManaged,
    scimAuth: env.SCIM_AUTH,
    serviceIdentity: serviceIdentityAvailable,
  };
}
