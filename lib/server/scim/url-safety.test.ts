import { describe, expect, it } from 'vitest';
import { scimBaseFromInstanceUrl, scimUrlProblem } from './url-safety';

describe('scimUrlProblem', () => {
  it('accepts https anywhere and plain http to loopback in production, http anywhere otherwise', () => {
    expect(scimUrlProblem('https://acme.my.salesforce.com/services/scim/v2', true)).toBeNull();
    expect(scimUrlProblem('http://localhost:4010/scim/v2', true)).toBeNull();
    expect(scimUrlProblem('http://127.0.0.1:4010', true)).toBeNull();
    expect(scimUrlProblem('http://10.0.0.5/scim', true)).toMatch(/https:\/\/ in production/);
    expect(scimUrlProblem('http://10.0.0.5/scim', false)).toBeNull();
  });

  it('refuses other schemes, credentials, queries and fragments', () => {
    expect(scimUrlProblem('ftp://x', false)).toMatch(/http\(s\)/);
    expect(scimUrlProblem('javascript:alert(1)', false)).toMatch(/http\(s\)/);
    expect(scimUrlProblem('not a url', false)).toMatch(/http\(s\)/);
    expect(scimUrlProblem('https://user:pw@acme.example.com', false)).toMatch(/credentials/);
    expect(scimUrlProblem('https://user@acme.example.com', false)).toMatch(/credentials/);
    expect(scimUrlProblem('https://acme.example.com/?a=1', false)).toMatch(/query/);
    expect(scimUrlProblem('https://acme.example.com/#x', false)).toMatch(/fragment/);
    expect(scimUrlProblem('https://acme.example.com/?', false)).toMatch(/query/);
  });
});

describe('scimBaseFromInstanceUrl', () => {
  it('puts Salesforce’s SCIM path under the org’s instance_url', () => {
    expect(scimBaseFromInstanceUrl('https://acme.my.salesforce.com', true)).toEqual({
      base: 'https://acme.my.salesforce.com/services/scim/v2',
    });
    expect(scimBaseFromInstanceUrl('https://acme.my.salesforce.com/', true)).toEqual({
      base: 'https://acme.my.salesforce.com/services/scim/v2',
    });
    expect(scimBaseFromInstanceUrl('http://localhost:4110', true)).toEqual({ base: 'http://localhost:4110/services/scim/v2' });
  });

  it('refuses a missing, unsafe or non-origin instance_url', () => {
    expect(scimBaseFromInstanceUrl(undefined, true)).toEqual({ problem: 'the token response has no instance_url' });
    expect(scimBaseFromInstanceUrl(42, true)).toEqual({ problem: 'the token response has no instance_url' });
    expect(scimBaseFromInstanceUrl('http://evil.example.com', true)).toEqual({ problem: expect.stringMatching(/https:\/\//) });
    expect(scimBaseFromInstanceUrl('https://u:p@acme.my.salesforce.com', true)).toEqual({ problem: expect.stringMatching(/credentials/) });
    expect(scimBaseFromInstanceUrl('https://acme.my.salesforce.com/elsewhere', true)).toEqual({
      problem: 'instance_url must be an origin only (no path)',
    });
    expect(scimBaseFromInstanceUrl('https://acme.my.salesforce.com?x=1', true)).toEqual({ problem: expect.stringMatching(/query/) });
  });
});
