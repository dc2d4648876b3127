import { describe, expect, it } from 'vitest';
import { openToken, sealToken } from './token-seal';

const secret = 'a-secret-of-at-least-thirty-two-characters';

describe('sealed job tokens', () => {
  it('opens what it sealed, and the sealed text does not contain the token', () => {
    const sealed = sealToken(secret, 'job-1', 'eyJ.access.token');
    expect(sealed).not.toContain('access');
    expect(openToken(secret, 'job-1', sealed)).toEqual({ accessToken: 'eyJ.access.token' });
  });

  it('seals a session’s own SCIM base (Salesforce instance_url) with the token, so the row cannot redirect it', () => {
    const base = 'https://acme.my.salesforce.com/services/scim/v2';
    const sealed = sealToken(secret, 'job-1', 'eyJ.access.token', base);
    expect(sealed).not.toContain('salesforce');
    expect(openToken(secret, 'job-1', sealed)).toEqual({ accessToken: 'eyJ.access.token', scimBaseUrl: base });
    // The version is authenticated too: relabelled as a bare token it does not open.
    expect(openToken(secret, 'job-1', sealed.replace(/^v2\./, 'v1.'))).toBeNull();
  });

  it('refuses another job, another secret, or a changed byte', () => {
    const sealed = sealToken(secret, 'job-1', 'tok');
    expect(openToken(secret, 'job-2', sealed)).toBeNull();
    expect(openToken(`${secret}x`, 'job-1', sealed)).toBeNull();
    const [v, iv, body, tag] = sealed.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0]! ^= 1;
    expect(openToken(secret, 'job-1', [v, iv, flipped.toString('base64url'), tag].join('.'))).toBeNull();
    expect(openToken(secret, 'job-1', 'garbage')).toBeNull();
  });
});
