import { describe, expect, it } from 'vitest';
import { pathWithSearch, safeCallbackUrl, signInErrorMessage, signInPath } from './sign-in-url';

describe('safeCallbackUrl', () => {
  it('keeps same-origin relative paths with their query and hash', () => {
    expect(safeCallbackUrl('/users?q=a%20b&status=inactive')).toBe('/users?q=a%20b&status=inactive');
    expect(safeCallbackUrl('/users/005Dn0000000001IAA#meta')).toBe('/users/005Dn0000000001IAA#meta');
  });

  it.each([
    ['absolute URL', 'https://evil.example/users'],
    ['protocol-relative', '//evil.example/users'],
    ['backslash trick', '/\\evil.example'],
    ['javascript', 'javascript:alert(1)'],
    ['the sign-in page itself', '/signin?callbackUrl=/users'],
    ['the API', '/api/users'],
    ['not a string', 42],
    ['empty', ''],
  ])('refuses %s', (_, value) => {
    expect(safeCallbackUrl(value)).toBe('/users');
  });
});

describe('signInPath', () => {
  it('leaves defaults out and encodes the rest', () => {
    expect(signInPath()).toBe('/signin');
    expect(signInPath({ callbackUrl: '/users' })).toBe('/signin');
    expect(signInPath({ callbackUrl: '/users?q=a&b', error: 'SessionExpired' })).toBe(
      '/signin?error=SessionExpired&callbackUrl=%2Fusers%3Fq%3Da%26b',
    );
  });
});

describe('pathWithSearch', () => {
  it('rebuilds repeated and single parameters', () => {
    expect(pathWithSearch('/users', {})).toBe('/users');
    expect(pathWithSearch('/users', { q: 'zoë', tag: ['a', 'b'], none: undefined })).toBe('/users?q=zo%C3%AB&tag=a&tag=b');
  });
});

describe('signInErrorMessage', () => {
  it('explains known codes, has a fallback, and nothing without a code', () => {
    expect(signInErrorMessage('SessionExpired')).toBe('Your session ended. Sign in again.');
    expect(signInErrorMessage('SomethingNew')).toBe('Sign-in failed. Try again.');
    expect(signInErrorMessage(undefined)).toBeNull();
  });
});
