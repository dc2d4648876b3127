import { describe, expect, it } from 'vitest';
import { identityFromClaims, verifiedEmail } from './identity';

describe('verifiedEmail', () => {
  it('keeps an email the provider verified or says nothing about, and drops one it did not verify', () => {
    expect(verifiedEmail({ email: 'a@x', email_verified: true })).toBe('a@x');
    expect(verifiedEmail({ email: 'a@x', email_verified: 'true' })).toBe('a@x');
    expect(verifiedEmail({ email: 'a@x' })).toBe('a@x');
    expect(verifiedEmail({ email: 'a@x', email_verified: false })).toBeNull();
    expect(verifiedEmail({ email: 'a@x', email_verified: 'false' })).toBeNull();
    expect(verifiedEmail({ email: 'a@x', email_verified: null })).toBeNull();
    expect(verifiedEmail({ sub: 's' })).toBeNull();
  });
});

describe('identityFromClaims', () => {
  it('maps the groups claim to a role, and takes name and verified email', () => {
    expect(identityFromClaims({ sub: 's', name: 'Ada', email: 'a@x', email_verified: true, groups: ['scim-admins'] })).toEqual({
      role: 'admin',
      name: 'Ada',
      email: 'a@x',
    });
    expect(identityFromClaims({ sub: 's', preferred_username: 'ada', groups: ['other'] })).toEqual({
      role: 'none',
      name: 'ada',
      email: null,
    });
  });
});
