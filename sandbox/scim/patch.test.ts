import { describe, expect, it } from 'vitest';
import { applyPatch, PATCH_SCHEMA } from './patch';
import { normalizeUser, type Json } from './resource';
import { ENTERPRISE_SCHEMA } from './schema';
import { scimError } from './testing';

const base: Json = normalizeUser({
  userName: 'bjensen@example.com',
  displayName: 'Babs Jensen',
  active: true,
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@home.example.net', type: 'home' },
  ],
  [ENTERPRISE_SCHEMA]: { department: 'Tours' },
});

const patch = (...Operations: unknown[]) => applyPatch(base, { schemas: [PATCH_SCHEMA], Operations });

describe('applyPatch', () => {
  it('replaces active without a path (Salesforce style)', () => {
    expect(patch({ op: 'replace', value: { active: false } }).active).toBe(false);
  });

  it('accepts op names in any case and "True"/"False" strings (Azure style)', () => {
    expect(patch({ op: 'Replace', path: 'active', value: 'False' }).active).toBe(false);
    expect(patch({ op: 'REPLACE', path: 'ACTIVE', value: 'True' }).active).toBe(true);
  });

  it('merges a complex attribute, leaving unnamed sub-attributes alone', () => {
    const out = patch({ op: 'replace', path: 'name', value: { GivenName: 'Babs' } });
    expect(out.name).toEqual({ givenName: 'Babs', familyName: 'Jensen' });
  });

  it('sets a sub-attribute by dotted path and through a path-less value key', () => {
    expect((patch({ op: 'add', path: 'name.middleName', value: 'Q' }).name as Json).middleName).toBe('Q');
    expect((patch({ op: 'replace', value: { 'name.familyName': 'Jansen' } }).name as Json).familyName).toBe('Jansen');
  });

  it('replaces the value of a filtered email', () => {
    const out = patch({ op: 'replace', path: 'emails[type eq "work"].value', value: 'barbara@example.com' });
    expect(out.emails).toEqual([
      { value: 'barbara@example.com', type: 'work', primary: true },
      { value: 'babs@home.example.net', type: 'home' },
    ]);
  });

  it('creates the element when an eq filter matches nothing (Azure sends this for a new work email)', () => {
    const out = patch({ op: 'replace', path: 'emails[type eq "other"].value', value: 'x@example.org' });
    expect(out.emails).toContainEqual({ type: 'other', value: 'x@example.org' });
  });

  it('answers noTarget when a non-eq filter matches nothing', () => {
    const e = scimError(() => patch({ op: 'replace', path: 'emails[value co "nomatch"].value', value: 'x' }));
    expect(e.scimType).toBe('noTarget');
  });

  it('adds to and removes from multi-valued attributes', () => {
    const added = patch({ op: 'add', path: 'emails', value: [{ value: 'new@example.com', type: 'other' }] });
    expect((added.emails as Json[]).map((e) => e.value)).toEqual(['bjensen@example.com', 'babs@home.example.net', 'new@example.com']);
    const removed = patch({ op: 'remove', path: 'emails[type eq "home"]' });
    expect((removed.emails as Json[]).map((e) => e.value)).toEqual(['bjensen@example.com']);
    const byValue = patch({ op: 'Remove', path: 'emails', value: [{ value: 'BJENSEN@example.com' }] });
    expect((byValue.emails as Json[]).map((e) => e.value)).toEqual(['babs@home.example.net']);
  });

  it('removes a sub-attribute of the matching elements only', () => {
    const out = patch({ op: 'remove', path: 'emails[type eq "work"].primary' });
    expect(out.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work' },
      { value: 'babs@home.example.net', type: 'home' },
    ]);
  });

  it('writes the enterprise extension by URN path and by URN key with an object', () => {
    const byPath = patch({ op: 'replace', path: `${ENTERPRISE_SCHEMA}:department`, value: 'Sales' });
    expect((byPath[ENTERPRISE_SCHEMA] as Json).department).toBe('Sales');
    const byKey = patch({ op: 'add', value: { [ENTERPRISE_SCHEMA]: { costCenter: 'CC1' } } });
    expect(byKey[ENTERPRISE_SCHEMA]).toEqual({ department: 'Tours', costCenter: 'CC1' });
    // Azure sends the manager as a bare id string.
    const manager = patch({ op: 'Replace', path: `${ENTERPRISE_SCHEMA}:manager`, value: '005X' });
    expect((manager[ENTERPRISE_SCHEMA] as Json).manager).toEqual({ value: '005X' });
  });

  it('applies several operations in order', () => {
    const out = patch(
      { op: 'replace', path: 'displayName', value: 'One' },
      { op: 'replace', path: 'displayName', value: 'Two' },
      { op: 'remove', path: 'name.givenName' },
    );
    expect(out.displayName).toBe('Two');
    expect(out.name).toEqual({ familyName: 'Jensen' });
  });

  it('keeps quotes, backslashes and unicode in values', () => {
    const value = 'Zoë "Z" O\'Brien \\ 😀';
    expect(patch({ op: 'replace', path: 'displayName', value }).displayName).toBe(value);
    expect(patch({ op: 'replace', path: 'emails[value eq "BJENSEN@EXAMPLE.COM"].display', value }).emails).toContainEqual({
      value: 'bjensen@example.com',
      type: 'work',
      primary: true,
      display: value,
    });
  });

  it('is atomic: a failing later operation leaves the input untouched', () => {
    const before = structuredClone(base);
    const e = scimError(() => patch({ op: 'replace', path: 'displayName', value: 'Changed' }, { op: 'replace', path: 'nosuch', value: 1 }));
    expect(e.scimType).toBe('invalidPath');
    expect(base).toEqual(before);
  });

  it.each([
    [{ op: 'replace', path: 'active', value: 'maybe' }, 'invalidValue'],
    [{ op: 'replace', path: 'userName', value: 42 }, 'invalidValue'],
    [{ op: 'replace', path: 'name', value: 'x' }, 'invalidValue'],
    [{ op: 'replace', value: 'not an object' }, 'invalidValue'],
    [{ op: 'replace', path: 'displayName' }, 'invalidValue'],
    [{ op: 'remove', path: 'userName' }, 'invalidValue'],
    [{ op: 'replace', path: 'nosuch', value: 'x' }, 'invalidPath'],
    [{ op: 'replace', path: 'emails[type eq ]', value: 'x' }, 'invalidPath'],
    [{ op: 'replace', value: { nosuch: 1 } }, 'invalidPath'],
    [{ op: 'remove' }, 'noTarget'],
    [{ op: 'replace', path: 'id', value: 'x' }, 'mutability'],
    [{ op: 'replace', path: 'meta.created', value: '2020-01-01T00:00:00Z' }, 'mutability'],
    [{ op: 'move', path: 'displayName', value: 'x' }, 'invalidSyntax'],
    ['not an op', 'invalidSyntax'],
  ])('rejects %j with %s', (operation, scimType) => {
    expect(scimError(() => patch(operation)).scimType).toBe(scimType);
  });

  it.each([
    [null, 'invalidSyntax'],
    [{ Operations: [{ op: 'replace', value: { active: false } }] }, 'invalidSyntax'],
    [{ schemas: [PATCH_SCHEMA], Operations: [] }, 'invalidSyntax'],
    [{ schemas: [PATCH_SCHEMA] }, 'invalidSyntax'],
  ])('rejects the body %j', (body, scimType) => {
    expect(scimError(() => applyPatch(base, body)).scimType).toBe(scimType);
  });
});
