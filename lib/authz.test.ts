import { describe, expect, it } from 'vitest';
import { ACTIONS, can, roleFromGroups, ROLES, type Action, type Role } from './authz';

const expected: Record<Role, Action[]> = {
  admin: [
    'users:list',
    'users:read',
    'users:deactivate',
    'users:delete',
    'users:reactivate',
    'audit:read',
    'audit:export',
    'history:read',
    'jobs:read',
    'jobs:deactivate',
    'jobs:reactivate',
    'jobs:revert',
  ],
  helpdesk: ['users:list', 'users:read', 'users:reactivate', 'history:read', 'jobs:read', 'jobs:reactivate'],
  auditor: ['users:list', 'users:read', 'audit:read', 'audit:export', 'history:read', 'jobs:read'],
  none: [],
};

describe('can', () => {
  for (const role of ROLES) {
    for (const action of ACTIONS) {
      const allowed = expected[role].includes(action);
      it(`${role} ${allowed ? 'may' : 'may not'} ${action}`, () => {
        expect(can(role, action)).toBe(allowed);
      });
    }
  }

  it('refuses an unknown role', () => {
    expect(can('root' as Role, 'users:list')).toBe(false);
  });
});

describe('roleFromGroups', () => {
  const groups = { admin: ['scim-admins'], helpdesk: ['helpdesk'], auditor: ['auditors', 'compliance'] };

  it('maps each configured group', () => {
    expect(roleFromGroups(['scim-admins'], groups)).toBe('admin');
    expect(roleFromGroups(['helpdesk'], groups)).toBe('helpdesk');
    expect(roleFromGroups(['compliance'], groups)).toBe('auditor');
    expect(roleFromGroups(['everyone'], groups)).toBe('none');
  });

  it('picks admin, then auditor, then helpdesk when several match', () => {
    expect(roleFromGroups(['helpdesk', 'auditors', 'scim-admins'], groups)).toBe('admin');
    expect(roleFromGroups(['helpdesk', 'auditors'], groups)).toBe('auditor');
  });

  it('reads a string claim, and treats missing or odd claims as no role', () => {
    expect(roleFromGroups('helpdesk other', groups)).toBe('helpdesk');
    expect(roleFromGroups('a,scim-admins', groups)).toBe('admin');
    expect(roleFromGroups(undefined, groups)).toBe('none');
    expect(roleFromGroups({ admin: true }, groups)).toBe('none');
    expect(roleFromGroups([42, null], groups)).toBe('none');
  });

  it('matches group names exactly (case-sensitive)', () => {
    expect(roleFromGroups(['SCIM-ADMINS', 'scim-admins-old'], groups)).toBe('none');
  });
});
