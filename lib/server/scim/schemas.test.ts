import { describe, expect, it } from 'vitest';
import { ScimError } from './errors';
import { parseCapabilities, parseScimErrorBody, reshapeUser, reshapeUserPage } from './schemas';

// The response from the Salesforce help page (reference/salesforce-scim-deactivate-reactivate.txt).
const salesforceUser = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
  id: '0054W00000CVREkQAP',
  userName: 'scimuser@mycompany.com',
  externalId: 'scimUser',
  name: { formatted: 'User Scim', familyName: 'Scim', givenName: 'User' },
  displayName: 'User Scim',
  nickName: 'user2',
  emails: [{ type: 'work', primary: true, value: 'user@mycompany.com' }],
  active: false,
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Sales' },
  meta: {
    created: '2020-10-22T06:21:45Z',
    lastModified: '2020-10-25T15:18:57Z',
    location: 'https://mycompany.my.salesforce.com/services/scim/v2/Users/0054W00000CVREkQAP',
    resourceType: 'User',
    version: 'b5f45d87e1a39af1f10ef8d16fd7f61a30c171ed',
  },
};

describe('reshapeUser', () => {
  it('reads the Salesforce sample', () => {
    expect(reshapeUser(salesforceUser)).toEqual({
      id: '0054W00000CVREkQAP',
      userName: 'scimuser@mycompany.com',
      displayName: 'User Scim',
      givenName: 'User',
      familyName: 'Scim',
      email: 'user@mycompany.com',
      emails: ['user@mycompany.com'],
      externalId: 'scimUser',
      title: null,
      department: 'Sales',
      active: false,
      meta: {
        created: '2020-10-22T06:21:45Z',
        lastModified: '2020-10-25T15:18:57Z',
        version: 'b5f45d87e1a39af1f10ef8d16fd7f61a30c171ed',
        location: 'https://mycompany.my.salesforce.com/services/scim/v2/Users/0054W00000CVREkQAP',
        resourceType: 'User',
      },
    });
  });

  it('reads active as "True"/"False"/"true"', () => {
    expect(reshapeUser({ id: '1', userName: 'a', active: 'True' }).active).toBe(true);
    expect(reshapeUser({ id: '1', userName: 'a', active: 'False' }).active).toBe(false);
    expect(reshapeUser({ id: '1', userName: 'a', active: 'true' }).active).toBe(true);
  });

  it('fills missing meta, names and emails with null', () => {
    const u = reshapeUser({ id: 7, userName: 'bare' });
    expect(u.id).toBe('7');
    expect(u.meta).toEqual({ created: null, lastModified: null, version: null, location: null, resourceType: null });
    expect([u.displayName, u.email, u.givenName, u.department]).toEqual([null, null, null, null]);
    expect(reshapeUser({ id: '1', userName: 'a', meta: { version: 'W/"3"' } }).meta.version).toBe('W/"3"');
    expect(reshapeUser({ id: '1', userName: 'a', meta: 'garbage', name: 5 }).meta.created).toBeNull();
  });

  it('prefers the primary email, else the first, and builds a display name', () => {
    const u = reshapeUser({
      id: '1',
      userName: 'a',
      name: { givenName: 'Ann', familyName: 'Lee' },
      emails: [{ value: 'first@x' }, { value: 'primary@x', primary: 'true' }],
    });
    expect(u.email).toBe('primary@x');
    expect(u.displayName).toBe('Ann Lee');
    expect(reshapeUser({ id: '1', userName: 'a', emails: [{ value: 'first@x' }, { value: 'b@x' }] }).email).toBe('first@x');
    expect(reshapeUser({ id: '1', userName: 'a', name: { formatted: 'Dr Ann' } }).displayName).toBe('Dr Ann');
  });

  it('throws a typed 502 for a body that is not a user', () => {
    for (const body of [null, 'text', [], { id: '1' }, { userName: 'x' }, { id: '1', userName: 'a', active: 'yes' }]) {
      try {
        reshapeUser(body);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ScimError);
        expect((e as ScimError).status).toBe(502);
      }
    }
  });
});

describe('reshapeUserPage', () => {
  it('reads a list and tolerates string numbers and absent Resources', () => {
    const page = reshapeUserPage({ totalResults: '1', startIndex: 1, Resources: [salesforceUser] }, { startIndex: 1 });
    expect(page.totalResults).toBe(1);
    expect(page.itemsPerPage).toBe(1);
    expect(reshapeUserPage({ totalResults: 0 }, { startIndex: 5 })).toEqual({ users: [], totalResults: 0, startIndex: 5, itemsPerPage: 0 });
  });
});

describe('parseScimErrorBody', () => {
  it('reads the RFC 7644 error with status as string or number', () => {
    expect(
      parseScimErrorBody({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '409',
        scimType: 'uniqueness',
        detail: 'taken',
      }),
    ).toEqual({
      detail: 'taken',
      scimType: 'uniqueness',
    });
    expect(parseScimErrorBody({ status: 404, detail: 'no such user' }).detail).toBe('no such user');
  });

  it('reads Salesforce error arrays and Errors[]', () => {
    expect(parseScimErrorBody([{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }])).toEqual({
      detail: 'TotalRequests Limit exceeded.',
      code: 'REQUEST_LIMIT_EXCEEDED',
    });
    expect(parseScimErrorBody({ Errors: [{ description: 'Invalid user id', code: 404 }] })).toEqual({
      detail: 'Invalid user id',
      code: '404',
    });
  });

  it('gives no detail for garbage', () => {
    expect(parseScimErrorBody('<html>')).toEqual({ detail: null });
    expect(parseScimErrorBody(null)).toEqual({ detail: null });
    expect(parseScimErrorBody([42])).toEqual({ detail: null });
  });
});

describe('parseCapabilities', () => {
  it('reads etag, sort and maxResults, capped at 200', () => {
    expect(
      parseCapabilities({ etag: { supported: true }, sort: { supported: false }, filter: { supported: true, maxResults: 1000 } }, false),
    ).toEqual({
      etag: true,
      maxResults: 200,
      deleteDeactivates: false,
      sort: false,
    });
    expect(parseCapabilities({ filter: { maxResults: 50 }, etag: { supported: 'True' }, sort: { supported: 'true' } }, true)).toEqual({
      etag: true,
      maxResults: 50,
      deleteDeactivates: true,
      sort: true,
    });
  });

  it('assumes no sorting when the provider does not say', () => {
    expect(parseCapabilities({ etag: { supported: true } }, false).sort).toBe(false);
    expect(parseCapabilities({ sort: 'yes' }, false).sort).toBe(false);
  });

  it('falls back to safe defaults on garbage', () => {
    expect(parseCapabilities('nope', false)).toEqual({ etag: false, maxResults: 200, deleteDeactivates: false, sort: false });
  });
});
