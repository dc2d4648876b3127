import { describe, expect, it } from 'vitest';
import { compileFilter } from './filter-eval';
import { parseFilter, parsePatchPath } from './filter';
import type { Json } from './resource';
import { ENTERPRISE_SCHEMA } from './schema';
import { scimError } from './testing';

const bjensen: Json = {
  id: '005A',
  userName: 'BJensen@Example.com',
  displayName: 'Barbara "Babs" Jensen\\Admin',
  title: '',
  active: true,
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  [ENTERPRISE_SCHEMA]: { department: 'Tour Operations', manager: { value: '005Z' } },
  meta: { created: '2024-05-01T10:00:00.000Z', lastModified: '2025-02-03T04:05:06.000Z' },
};
const zoe: Json = {
  id: '005B',
  userName: 'zoe.obrien@example.com',
  displayName: "Zoë O'Brien",
  active: false,
  name: { givenName: 'Zoë', familyName: "O'Brien" },
  emails: [{ value: 'Zoe.OBrien@Example.com', type: 'work' }],
  meta: { created: '2023-01-01T00:00:00.000Z', lastModified: '2023-06-01T00:00:00.000Z' },
};

const matches = (filter: string, resource: Json) => compileFilter(parseFilter(filter))({ resource });
const which = (filter: string) => [bjensen, zoe].filter((r) => matches(filter, r)).map((r) => r.id);

describe('filter operators', () => {
  it.each([
    ['userName eq "bjensen@example.com"', ['005A']],
    ['userName ne "bjensen@example.com"', ['005B']],
    ['userName co "OBRIEN"', ['005B']],
    ['userName sw "bj"', ['005A']],
    ['userName ew "@EXAMPLE.COM"', ['005A', '005B']],
    ['userName gt "c"', ['005B']],
    ['userName ge "zoe.obrien@example.com"', ['005B']],
    ['userName lt "c"', ['005A']],
    ['userName le "bjensen@example.com"', ['005A']],
    ['title pr', []],
    ['displayName pr', ['005A', '005B']],
    ['emails pr', ['005A', '005B']],
    ['active eq true', ['005A']],
    ['active eq false', ['005B']],
    ['active ne true', ['005B']],
    ['active eq "False"', ['005B']],
  ])('%s', (filter, expected) => {
    expect(which(filter)).toEqual(expected);
  });

  it('treats attribute names and operators case-insensitively', () => {
    expect(which('USERNAME EQ "ZOE.OBRIEN@EXAMPLE.COM"')).toEqual(['005B']);
    expect(which('Name.FamilyName Sw "o\'b"')).toEqual(['005B']);
  });

  it('compares id exactly (caseExact) but userName and emails without case', () => {
    expect(which('id eq "005a"')).toEqual([]);
    expect(which('id eq "005A"')).toEqual(['005A']);
    expect(which('emails.value eq "zoe.obrien@example.com"')).toEqual(['005B']);
    expect(which('emails eq "BABS@JENSEN.ORG"')).toEqual(['005A']);
  });

  it('matches a multi-valued attribute if any value matches', () => {
    expect(which('emails.value ew "jensen.org"')).toEqual(['005A']);
    expect(which('emails.type eq "home"')).toEqual(['005A']);
  });

  it('compares dateTimes on meta', () => {
    expect(which('meta.created gt "2024-01-01T00:00:00Z"')).toEqual(['005A']);
    expect(which('meta.lastModified lt "2024-01-01T00:00:00+00:00"')).toEqual(['005B']);
    expect(which('meta.lastModified ge "2025-02-03T04:05:06Z"')).toEqual(['005A']);
    expect(which('meta.created eq "2023-01-01T00:00:00.000Z"')).toEqual(['005B']);
  });

  it('reads the enterprise extension by its URN prefix', () => {
    expect(which(`${ENTERPRISE_SCHEMA}:department eq "tour operations"`)).toEqual(['005A']);
    expect(which(`${ENTERPRISE_SCHEMA.toUpperCase()}:manager.value eq "005Z"`)).toEqual(['005A']);
    expect(which(`${ENTERPRISE_SCHEMA}:department pr`)).toEqual(['005A']);
    expect(which('urn:ietf:params:scim:schemas:core:2.0:User:userName sw "zoe"')).toEqual(['005B']);
  });
});

describe('filter grammar', () => {
  it('binds and tighter than or', () => {
    // a or (b and c): bjensen matches through a even though c is false for her.
    expect(which('userName sw "bj" or userName sw "zoe" and active eq true')).toEqual(['005A']);
    expect(which('(userName sw "bj" or userName sw "zoe") and active eq false')).toEqual(['005B']);
  });

  it('negates with not (...)', () => {
    expect(which('not (active eq true)')).toEqual(['005B']);
    expect(which('not (userName sw "bj" or userName sw "zoe")')).toEqual([]);
    expect(which('NOT(active eq false) and not (title pr)')).toEqual(['005A']);
  });

  it('handles deep parentheses', () => {
    const deep = `${'('.repeat(40)}userName sw "zoe"${')'.repeat(40)}`;
    expect(which(deep)).toEqual(['005B']);
  });

  it('evaluates value paths with and/or inside', () => {
    expect(which('emails[type eq "work" and value co "example.com"]')).toEqual(['005A', '005B']);
    expect(which('emails[type eq "home" or primary eq true]')).toEqual(['005A']);
    // Both conditions must hold for the same email, not across emails.
    expect(which('emails[type eq "home" and value ew "example.com"]')).toEqual([]);
    expect(which('emails[TYPE eq "work"] and active eq false')).toEqual(['005B']);
  });

  it('decodes escapes and unicode in string values', () => {
    expect(which('displayName eq "Barbara \\"Babs\\" Jensen\\\\Admin"')).toEqual(['005A']);
    expect(which('displayName co "zoë"')).toEqual(['005B']);
    expect(which('displayName co "Zo\\u00eb"')).toEqual(['005B']);
    expect(which('displayName ew "o\'brien"')).toEqual(['005B']);
  });

  it('treats an empty string as an ordinary value (but not as present)', () => {
    expect(which('title eq ""')).toEqual(['005A']);
    expect(which('title pr')).toEqual([]);
    expect(which('userName co ""')).toEqual(['005A', '005B']);
  });

  it('matches eq null for absent attributes', () => {
    expect(which('title eq null')).toEqual(['005A', '005B']);
    expect(which('displayName ne null')).toEqual(['005A', '005B']);
  });

  it.each([
    '',
    '   ',
    'userName',
    'userName eq',
    'userName eq bjensen',
    'userName eq "unterminated',
    'userName eq "bad \\x escape"',
    'userName eq "bad \\u12 escape"',
    'userName xx "a"',
    'userName eq "a" and',
    'userName eq "a" or or userName eq "b"',
    '(userName eq "a"',
    'userName eq "a")',
    'not userName eq "a"',
    'nosuch eq "a"',
    'name.nosuch eq "a"',
    'urn:example:unknown:attr eq "a"',
    'emails[type eq "work"',
    'emails[type eq "work"]]',
    'emails[nosuch eq "x"]',
    'userName[value eq "x"]',
    'emails[type eq "work"].value eq "x"',
    'active gt true',
    'active eq "yes"',
    'meta.created gt "yesterday"',
    'meta.created co "2024"',
    'userName eq 42',
    'name eq "x"',
    'userName eq "a" userName eq "b"',
    '[',
    `${'('.repeat(60)}userName pr${')'.repeat(60)}`,
  ])('rejects %j with invalidFilter', (filter) => {
    const e = scimError(() => compileFilter(parseFilter(filter)));
    expect(e.status).toBe(400);
    expect(e.scimType).toBe('invalidFilter');
  });
});

describe('PATCH paths', () => {
  it('parses a value path with a sub-attribute', () => {
    const p = parsePatchPath('emails[type eq "work"].value');
    expect(p.path.keys).toEqual(['emails']);
    expect(p.sub?.keys).toEqual(['emails', 'value']);
    expect(p.filter?.kind).toBe('compare');
  });

  it('resolves URN paths to the extension key', () => {
    expect(parsePatchPath(`${ENTERPRISE_SCHEMA}:manager.value`).path.keys).toEqual([ENTERPRISE_SCHEMA, 'manager', 'value']);
    expect(parsePatchPath(ENTERPRISE_SCHEMA).path.keys).toEqual([ENTERPRISE_SCHEMA]);
  });

  it.each([
    '',
    'nosuch',
    'emails[type eq',
    'emails[type eq "work"]value',
    'emails[type eq "work"].nosuch',
    'name[givenName eq "x"]',
    'userName extra',
  ])('rejects %j with invalidPath', (path) => {
    const e = scimError(() => parsePatchPath(path));
    expect(e.scimType).toBe('invalidPath');
  });
});

describe('filter string values (property)', () => {
  it('any string, quoted JSON-style, matches itself', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const resource = { id: 'x', userName: 'u', displayName: s };
        expect(matches(`displayName eq ${JSON.stringify(s)}`, resource)).toBe(true);
        expect(matches(`displayName ne ${JSON.stringify(s)}`, resource)).toBe(false);
      }),
    );
  });
});
