import type { User } from '@/lib/users/types';

/** A User DTO for tests: only what a test names differs from an empty profile. */
export function makeUser(id: string, active: boolean, version: string | null = 'W/"1"'): User {
  return {
    id,
    userName: id,
    displayName: null,
    givenName: null,
    familyName: null,
    email: null,
    title: null,
    department: null,
    active,
    meta: { created: null, lastModified: null, version, location: null, resourceType: 'User' },
  };
}
