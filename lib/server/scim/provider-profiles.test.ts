import { describe, expect, it } from 'vitest';
import { DELETE_EFFECT_LABELS } from '@/lib/users/delete-effect';
import {
  configuredDeleteDeactivates,
  deleteEffectOf,
  PROVIDER_IDS,
  PROVIDER_PROFILES,
  resolveProviderId,
  type ProviderProfile,
} from './provider-profiles';

const sandbox = 'http://localhost:4010/scim/v2';

/** As production composes them: configuration and profile, else what discovery found (lib/server/scim/capabilities.ts). */
const effect = (profile: ProviderProfile, flag: boolean | undefined, discovered: boolean) =>
  deleteEffectOf(profile, configuredDeleteDeactivates(profile, flag) ?? discovered);

describe('provider profiles', () => {
  it.each([
    ['salesforce', 'Deactivates the account and keeps it', true, false],
    ['slack', 'Deactivates the account and keeps it', true, false],
    ['entra', 'Removes the account; it can be restored', true, false],
    ['okta', 'Removes the account permanently; it cannot be restored', true, false],
    ['github', 'Removes the account permanently; it cannot be restored', false, true],
    ['atlassian', 'Removes the account permanently; it cannot be restored', false, true],
    ['better-auth', 'Removes the account permanently; it cannot be restored', false, false],
  ] as const)('%s: DELETE is labelled “%s”, active filter %s, IdP-managed %s', (id, label, activeFilter, idpManaged) => {
    const profile = PROVIDER_PROFILES[id];
    expect(DELETE_EFFECT_LABELS[effect(profile, undefined, false)]).toBe(label);
    expect(profile.activeFilter).toBe(activeFilter);
    expect(profile.idpManaged).toBe(idpManaged);
  });

  it('generic leaves DELETE to discovery', () => {
    const generic = PROVIDER_PROFILES.generic;
    expect(configuredDeleteDeactivates(generic, undefined)).toBeUndefined();
    expect(effect(generic, undefined, true)).toBe('deactivates');
    expect(effect(generic, undefined, false)).toBe('removes');
    expect(generic.activeFilter).toBe(true);
  });

  it('SCIM_DELETE_DEACTIVATES still wins over profile and discovery', () => {
    expect(effect(PROVIDER_PROFILES.github, true, false)).toBe('deactivates');
    expect(effect(PROVIDER_PROFILES.salesforce, false, true)).toBe('removes');
    // "false" means "removes"; an irreversible removal stays irreversible.
    expect(effect(PROVIDER_PROFILES.github, false, false)).toBe('removes-irreversibly');
  });

  it('Salesforce is known for its rate limit words, Slack for its documented write limit', () => {
    expect(PROVIDER_PROFILES.slack.writesPerMinute).toBe(180);
    expect(PROVIDER_PROFILES.salesforce.discoveryPath).toBe('ServiceProviderConfigs');
    expect(PROVIDER_PROFILES.github.patchShape).toBe('path');
  });

  it('every id has a profile with its own id', () => {
    for (const id of PROVIDER_IDS) expect(PROVIDER_PROFILES[id].id).toBe(id);
  });
});

describe('resolveProviderId', () => {
  it('SCIM_PROVIDER wins, else salesforce from the preset or the base path, else generic', () => {
    expect(resolveProviderId({ SCIM_PROVIDER: 'slack', AUTH_PROVIDER: 'salesforce', SCIM_BASE_URL: sandbox })).toBe('slack');
    expect(resolveProviderId({ AUTH_PROVIDER: 'salesforce', SCIM_BASE_URL: sandbox })).toBe('salesforce');
    expect(resolveProviderId({ AUTH_PROVIDER: 'oidc', SCIM_BASE_URL: 'https://acme.my.salesforce.com/services/scim/v2' })).toBe(
      'salesforce',
    );
    expect(resolveProviderId({ AUTH_PROVIDER: 'oidc', SCIM_BASE_URL: sandbox })).toBe('generic');
  });
});
