import { describe, expect, it } from 'vitest';
import { isIdpManaged } from './idp-managed';

describe('isIdpManaged', () => {
  it('is true for a user with an externalId, on any provider', () => {
    expect(isIdpManaged({ externalId: '00u1abc' }, { idpManaged: false })).toBe(true);
    expect(isIdpManaged({ externalId: '00u1abc' }, undefined)).toBe(true);
  });

  it('is true for every user where the profile says an identity provider owns them all', () => {
    expect(isIdpManaged({}, { idpManaged: true })).toBe(true);
  });

  it('is false for a user the console alone manages', () => {
    expect(isIdpManaged({}, { idpManaged: false })).toBe(false);
    expect(isIdpManaged({ externalId: '' }, { idpManaged: false })).toBe(false);
    expect(isIdpManaged({}, undefined)).toBe(false);
  });
});
