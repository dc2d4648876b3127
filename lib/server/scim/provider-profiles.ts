// What a provider's SCIM API really does where discovery (ServiceProviderConfig)
// cannot say: what DELETE does to the account, whether `active` can be
// filtered, whether an identity provider owns every user, known rate limits.
// Sources per provider: docs/decisions/0051-provider-profiles.md. No
// `server-only`: lib/server/env.ts validates SCIM_PROVIDER against PROVIDER_IDS.

import type { DeleteEffect } from '@/lib/users/delete-effect';
import { SALESFORCE_REFUSAL_HINTS, type RefusalHint } from './refusal-hints';

export const PROVIDER_IDS = ['salesforce', 'okta', 'entra', 'github', 'atlassian', 'slack', 'better-auth', 'generic'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export type ProviderProfile = {
  id: ProviderId;
  label: string;
  /** What DELETE /Users/{id} does; null: not known, discovery and SCIM_DELETE_DEACTIVATES decide. */
  deleteEffect: DeleteEffect | null;
  /** Where the ServiceProviderConfig answers first. */
  discoveryPath: 'ServiceProviderConfig' | 'ServiceProviderConfigs';
  /** The PatchOp form the provider accepts for `active`: `value: {active}` without a path, or `path: "active"`. */
  patchShape: 'no-path' | 'path';
  /** Documented per-minute write limit, if any; the client still obeys 429 Retry-After. */
  writesPerMinute: number | null;
  /** Whether `filter=active eq …` works; false hides the status filter. */
  activeFilter: boolean;
  /** Every user is provisioned by an identity provider, which will undo a console change at its next sync. */
  idpManaged: boolean;
  /** How a too-deep startIndex is refused: a 400 naming the start index (any provider), or any 400 past row 1. */
  deepPagesRefusedAs: 'start-index-400' | 'any-400';
  /** One line of what to do after this provider's known refusals (its own words always come first). */
  refusalHints: readonly RefusalHint[];
};

const base: Omit<ProviderProfile, 'id' | 'label'> = {
  deleteEffect: null,
  discoveryPath: 'ServiceProviderConfig',
  patchShape: 'no-path',
  writesPerMinute: null,
  activeFilter: true,
  idpManaged: false,
  deepPagesRefusedAs: 'start-index-400',
  refusalHints: [],
};

export const PROVIDER_PROFILES: Record<ProviderId, ProviderProfile> = {
  generic: { ...base, id: 'generic', label: 'SCIM 2.0 provider' },
  salesforce: {
    ...base,
    id: 'salesforce',
    label: 'Salesforce',
    deleteEffect: 'deactivates',
    discoveryPath: 'ServiceProviderConfigs',
    // Past startIndex 2,000 it answers 400 (wording varies by release): continue by keyset.
    deepPagesRefusedAs: 'any-400',
    refusalHints: SALESFORCE_REFUSAL_HINTS,
  },
  okta: { ...base, id: 'okta', label: 'Okta', deleteEffect: 'removes-irreversibly', patchShape: 'path' },
  entra: { ...base, id: 'entra', label: 'Microsoft Entra ID', deleteEffect: 'removes', patchShape: 'path' },
  github: {
    ...base,
    id: 'github',
    label: 'GitHub Enterprise Managed Users',
    deleteEffect: 'removes-irreversibly',
    patchShape: 'path',
    activeFilter: false,
    idpManaged: true,
  },
  atlassian: {
    ...base,
    id: 'atlassian',
    label: 'Atlassian',
    deleteEffect: 'removes-irreversibly',
    patchShape: 'path',
    activeFilter: false,
    idpManaged: true,
  },
  slack: { ...base, id: 'slack', label: 'Slack', deleteEffect: 'deactivates', writesPerMinute: 180 },
  'better-auth': { ...base, id: 'better-auth', label: 'Better Auth', deleteEffect: 'removes-irreversibly', activeFilter: false },
};

/** SCIM_PROVIDER wins; else Salesforce from the sign-in preset or a `/services/scim` base path; else generic. */
export function resolveProviderId(env: { SCIM_PROVIDER?: ProviderId; AUTH_PROVIDER: string; SCIM_BASE_URL: string }): ProviderId {
  if (env.SCIM_PROVIDER) return env.SCIM_PROVIDER;
  if (env.AUTH_PROVIDER === 'salesforce') return 'salesforce';
  if (/\/services\/scim(\/|$)/i.test(new URL(env.SCIM_BASE_URL).pathname)) return 'salesforce';
  return 'generic';
}

/**
 * Whether DELETE deactivates, as far as configuration knows: SCIM_DELETE_DEACTIVATES
 * when set, else the profile; undefined leaves it to discovery (the plural-path probe,
 * docs/decisions/0015-delete-deactivates.md). The one decision: lib/server/scim/capabilities.ts
 * turns it into `capabilities.deleteDeactivates`, which the write path and the UI's words follow.
 */
export function configuredDeleteDeactivates(profile: ProviderProfile, deleteDeactivatesFlag: boolean | undefined): boolean | undefined {
  if (deleteDeactivatesFlag !== undefined) return deleteDeactivatesFlag;
  return profile.deleteEffect === null ? undefined : profile.deleteEffect === 'deactivates';
}

/** The UI's words for DELETE, from `capabilities.deleteDeactivates`; a removal the profile knows to be irreversible says so. */
export function deleteEffectOf(profile: ProviderProfile, deleteDeactivates: boolean): DeleteEffect {
  if (deleteDeactivates) return 'deactivates';
  return profile.deleteEffect === 'removes-irreversibly' ? 'removes-irreversibly' : 'removes';
}
