import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildUserFilter, scimString } from './filter';

describe('scimString', () => {
  it('escapes quotes and backslashes as RFC 7644 string literals', () => {
    expect(scimString('a"b')).toBe('"a\\"b"');
    expect(scimString('a\\b')).toBe('"a\\\\b"');
    expect(scimString('x" or userName pr or "')).toBe('"x\\" or userName pr or \\""');
  });

  it('keeps unicode as is and escapes control characters', () => {
    expect(scimString('Zoë 日本')).toBe('"Zoë 日本"');
    expect(scimString('a\nb')).toBe('"a\\nb"');
  });

  it('always yields one literal that reads back to the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
        const lit = scimString(s);
        expect(lit.startsWith('"') && lit.endsWith('"')).toBe(true);
        expect(JSON.parse(lit)).toBe(s);
        // No unescaped quote inside: the literal cannot be broken out of.
        expect(/(^|[^\\])(\\\\)*"/.test(lit.slice(1, -1))).toBe(false);
      }),
    );
  });
});

describe('buildUserFilter', () => {
  it('is undefined when there is nothing to filter', () => {
    expect(buildUserFilter({})).toBeUndefined();
    expect(buildUserFilter({ q: '   ', status: 'all' })).toBeUndefined();
  });

  it('searches userName, emails and names', () => {
    expect(buildUserFilter({ q: 'ann' })).toBe(
      'userName co "ann" or emails.value co "ann" or name.familyName co "ann" or name.givenName co "ann"',
    );
  });

  it('requires every word to match somewhere, so a full name finds the person', () => {
    const clause = (w: string) => `userName co "${w}" or emails.value co "${w}" or name.familyName co "${w}" or name.givenName co "${w}"`;
    expect(buildUserFilter({ q: "  Zoë   O'Brien " })).toBe(`(${clause('Zoë')}) and (${clause("O'Brien")})`);
    expect(buildUserFilter({ q: 'a b c d e f g' })?.split(') and (')).toHaveLength(5);
  });

  it('adds the status and parenthesises combined clauses', () => {
    expect(buildUserFilter({ status: 'inactive' })).toBe('active eq false');
    expect(buildUserFilter({ q: 'a"b', status: 'active' })).toBe(
      '(userName co "a\\"b" or emails.value co "a\\"b" or name.familyName co "a\\"b" or name.givenName co "a\\"b") and (active eq true)',
    );
  });
});
