// Where the e2e run's processes listen: apart from the demo's 3000/4010 so both can run at once.
export const CONSOLE_URL = 'http://localhost:3100';
export const SANDBOX_URL = 'http://localhost:4110';
export const ISSUER = `${SANDBOX_URL}/oidc`;
export const SCIM_BASE = `${SANDBOX_URL}/scim/v2`;

export const ROLES = ['admin', 'helpdesk', 'auditor', 'nobody'] as const;
export type DemoRole = (typeof ROLES)[number];
export const storageStatePath = (role: DemoRole) => `e2e/.auth/${role}.json`;
