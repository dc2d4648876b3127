import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildScimUrl, isValidScimId, userUrl } from './url';

const BASES = ['https://acme.my.salesforce.com/services/scim/v2', 'http://localhost:4010/scim/v2', 'https://scim.example.com'];

describe('isValidScimId', () => {
  it('accepts provider-style ids', () => {
    for (const id of ['0054W00000CVREkQAP', 'b3c1d2e4-5f60-4a7b-8c9d-0e1f2a3b4c5d', '4711', 'user_1.a~b-c'])
      expect(isValidScimId(id)).toBe(true);
  });

  it('rejects traversal, separators, escapes, unicode and empty', () => {
    for (const id of [
      '',
      '.',
      '..',
      '../Groups',
      '..%2FGroups',
      '%2F',
      'a/b',
      'a?b',
      'a#b',
      'a b',
      'é',
      'a\u0000',
      'x'.repeat(129),
      'a%20b',
      'a\\b',
    ]) {
      expect(isValidScimId(id), JSON.stringify(id)).toBe(false);
    }
    expect(isValidScimId(undefined)).toBe(false);
    expect(isValidScimId(42)).toBe(false);
  });

  it('never accepts an id containing a character outside the unreserved set', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        if (isValidScimId(s)) expect(s).toMatch(/^[A-Za-z0-9._~-]+$/);
      }),
    );
  });
});

// Strings built mostly from characters that are legal, plus the ones that would escape.
const nearMiss = fc.string({ unit: fc.constantFrom(...'aZ09._~-/%?#\\2Fe'.split('')), maxLength: 12 });

describe('userUrl', () => {
  it('never leaves the base origin and path for any accepted id', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BASES), fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), nearMiss), (base, id) => {
        if (!isValidScimId(id)) {
          expect(() => userUrl(base, id)).toThrow();
          return;
        }
        const url = userUrl(base, id);
        const b = new URL(base);
        expect(url.origin).toBe(b.origin);
        expect(url.pathname).toBe(`${b.pathname.replace(/\/$/, '')}/Users/${id}`);
        expect(url.search).toBe('');
        expect(url.hash).toBe('');
      }),
    );
  });

  it('rejects the classic escapes', () => {
    for (const id of ['..', '../../Groups', '..%2F..%2FGroups', '%2e%2e', 'a?filter=x', 'a#frag', '/etc']) {
      expect(() => userUrl(BASES[0]!, id)).toThrow(/not a valid user id/);
    }
  });
});

describe('buildScimUrl', () => {
  it('keeps the base path and encodes the query', () => {
    const url = buildScimUrl('https://x.example/services/scim/v2', ['Users'], {
      filter: 'userName eq "a&b"',
      count: 10,
      startIndex: undefined,
    });
    expect(url.pathname).toBe('/services/scim/v2/Users');
    expect(url.searchParams.get('filter')).toBe('userName eq "a&b"');
    expect(url.searchParams.has('startIndex')).toBe(false);
  });

  it('refuses dot segments even when passed directly', () => {
    expect(() => buildScimUrl('https://x.example/scim', ['..', 'admin'])).toThrow();
    expect(() => buildScimUrl('https://x.example/scim', [''])).toThrow();
  });
});
