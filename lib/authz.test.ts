import { describe, expect, it } from 'vitest';
import { ACTIONS, can, roleFromGroups, ROLES, type Action, type Role } from './authz';

// The policy in words (README's accounts table and threat model), not a copy of the table in
// authz.ts: each rule below is what the product promises, and each action must fall under one.
const READS: Action[] = ['users:list', 'users:read', 'history:read', 'jobs:read', 'schedule:read'];
const AUDIT: Action[] = ['audit:read', 'audit:export'];
const WRITES: Action[] = [
  'users:deactivate',
  'users:delete',
  'users:reactivate',
  'jobs:deactivate',
  'jobs:reactivate',
  'jobs:revert',
  'schedule:manage',
];
const allowed = (role: Role, among: readonly Action[] = ACTIONS) => among.filter((action) => can(role, action));

describe('can', () => {
  it('knows every action as a read, an audit-log read or a write (a new action must be placed in the rules below)', () => {
    expect([...READS, ...AUDIT, ...WRITES].sort()).toEqual([...ACTIONS].sort());
  });

  it('lets an admin do everything and a person with no role nothing', () => {
    expect(allowed('admin')).toEqual(ACTIONS);
    expect(allowed('none')).toEqual([]);
  });

  it('lets every role but none list and read users, their History and jobs', () => {
    for (const role of ROLES) expect(allowed(role, READS)).toEqual(role === 'none' ? [] : READS);
  });

  it('keeps deactivation, deletion, revert and scheduling for admins alone', () => {
    const adminOnly: Action[] = ['users:deactivate', 'users:delete', 'jobs:deactivate', 'jobs:revert', 'schedule:manage'];
    for (const role of ROLES) {
      expect(allowed(role, adminOnly)).toEqual(role === 'admin' ? adminOnly : []);
    }
  });

  it('gives helpdesk reactivation as its one write, and keeps the audit log from it', () => {
    expect(allowed('helpdesk', WRITES)).toEqual(['users:reactivate', 'jobs:reactivate']);
    expect(allowed('helpdesk', AUDIT)).toEqual([]);
  });

  it('keeps the auditor read-only, with the audit log and its export', () => {
    expect(allowed('auditor', WRITES)).toEqual([]);
    expect(allowed('auditor', AUDIT)).toEqual(AUDIT);
  });

  it('allows a bulk job of an action exactly to the roles that may make that change to one user', () => {
    for (const role of ROLES) {
      expect(can(role, 'jobs:deactivate')).toBe(can(role, 'users:deactivate'));
      expect(can(role, 'jobs:reactivate')).toBe(can(role, 'users:reactivate'));
    }
  });

  it('never allows the export without the log', () => {
    for (const role of ROLES) if (can(role, 'audit:export')) expect(can(role, 'audit:read')).toBe(true);
  });

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
