// The sandbox issuer's demo accounts. Passwords are all `demo` on purpose: this
// is a local sandbox, and the README and login page say so.
import { timingSafeEqual } from 'node:crypto';

export type DemoAccount = {
  /** Stable `sub`: tokens and audit records stay attributable across restarts. */
  sub: string;
  email: string;
  name: string;
  groups: string[];
  /** SCIM scopes this person may be granted; the grant drops anything else they ask for. */
  scimScopes: ReadonlyArray<ScimScope>;
};

export type ScimScope = 'scim:read' | 'scim:write';
export const SCIM_SCOPES: ReadonlyArray<ScimScope> = ['scim:read', 'scim:write'];

export const DEMO_PASSWORD = 'demo';

export const DEMO_ACCOUNTS: ReadonlyArray<DemoAccount> = [
  { sub: 'demo-admin', email: 'admin@example.com', name: 'Ada Admin', groups: ['scim-admins'], scimScopes: ['scim:read', 'scim:write'] },
  {
    sub: 'demo-helpdesk',
    email: 'helpdesk@example.com',
    name: 'Hal Helpdesk',
    groups: ['helpdesk'],
    scimScopes: ['scim:read', 'scim:write'],
  },
  { sub: 'demo-auditor', email: 'auditor@example.com', name: 'Audrey Auditor', groups: ['auditors'], scimScopes: ['scim:read'] },
  { sub: 'demo-nobody', email: 'nobody@example.com', name: 'Nora Nobody', groups: [], scimScopes: [] },
];

export function findAccountBySub(sub: string): DemoAccount | undefined {
  return DEMO_ACCOUNTS.find((a) => a.sub === sub);
}

/** The account for these credentials, or undefined. Email is case-insensitive, as people type it. */
export function checkCredentials(email: string, password: string): DemoAccount | undefined {
  const account = findAccountByEmail(email);
  const given = Buffer.from(password);
  const expected = Buffer.from(DEMO_PASSWORD);
  const ok = given.length === expected.length && timingSafeEqual(given, expected);
  return ok ? account : undefined;
}

export function findAccountByEmail(email: string): DemoAccount | undefined {
  return DEMO_ACCOUNTS.find((a) => a.email === email.trim().toLowerCase());
}

/**
 * Groups changed at the issuer while it runs (a test hook: "removed from scim-admins"), per sandbox
 * instance and in memory; the next ID token and userinfo, e.g. at the next refresh, carry them.
 */
export type GroupOverrides = {
  groupsOf(account: DemoAccount): string[];
  set(account: DemoAccount, groups: string[]): void;
  clear(): void;
};

export function createGroupOverrides(): GroupOverrides {
  const bySub = new Map<string, string[]>();
  return {
    groupsOf: (account) => [...(bySub.get(account.sub) ?? account.groups)],
    set: (account, groups) => void bySub.set(account.sub, [...groups]),
    clear: () => bySub.clear(),
  };
}

/** Claims released for an account; oidc-provider filters them by the granted scopes. */
export function accountClaims(account: DemoAccount, groups: string[] = [...account.groups]): Record<string, unknown> & { sub: string } {
  return {
    sub: account.sub,
    email: account.email,
    email_verified: true,
    name: account.name,
    preferred_username: account.email,
    groups,
  };
}
