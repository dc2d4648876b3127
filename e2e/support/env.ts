// Where the e2e run's processes listen: apart from the demo's 3000/4010 so both can run at once.
// E2E_PORT_BASE moves all three (console, crash console, sandbox) so two checkouts can test side by side.
const base = Number(process.env.E2E_PORT_BASE ?? 3100);
export const SANDBOX_PORT = base + 1010;
export const CONSOLE_PORT = base;
export const CONSOLE_URL = `http://localhost:${CONSOLE_PORT}`;
export const SANDBOX_URL = `http://localhost:${SANDBOX_PORT}`;
export const ISSUER = `${SANDBOX_URL}/oidc`;
const SCIM_BASE = `${SANDBOX_URL}/scim/v2`;
/** A second console the crash test starts, kills and restarts itself. */
export const CRASH_CONSOLE_URL = `http://localhost:${base + 1}`;
/** Another console beside the crash console: two instances on one database (e2e/bulk.spec.ts). */
export const PEER_CONSOLE_URL = `http://localhost:${base + 3}`;
/** A second sandbox, with short-lived access tokens, that the role-refresh spec starts. */
export const ROLE_SANDBOX_URL = `http://localhost:${SANDBOX_PORT + 1}`;
/** A console the production-configuration spec starts with bad settings; it must never listen. */
export const REFUSED_CONSOLE_PORT = base + 2;
/** A webhook receiver e2e/webhooks.spec.ts starts, stops and starts again (on 127.0.0.1). */
export const WEBHOOK_RECEIVER_PORT = base + 5;

export const ROLES = ['admin', 'helpdesk', 'auditor', 'nobody'] as const;
export type DemoRole = (typeof ROLES)[number];
export const storageStatePath = (role: DemoRole) => `e2e/.auth/${role}.json`;

/** The e2e console's PROTECTED_USERS: a seeded active user (index 484) outside every other spec's picks. */
export const PROTECTED_USER = 'wojciech.nowak484@example.com';

/** The environment of a console under test, against the e2e sandbox. */
export function consoleEnv(url: string, dataDir: string): Record<string, string> {
  return {
    NEXT_TELEMETRY_DISABLED: '1',
    // `next start` is production mode; the sandbox's demo client is allowed only on purpose.
    CONSOLE_DEMO: '1',
    CONSOLE_URL: url,
    SCIM_BASE_URL: SCIM_BASE,
    AUTH_OIDC_ISSUER: ISSUER,
    AUTH_OIDC_NAME: 'Sandbox',
    AUTH_OIDC_CLIENT_ID: 'scim-console',
    AUTH_OIDC_CLIENT_SECRET: 'scim-console-secret',
    AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123456789',
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${dataDir}/console.db`,
    // Tickets as a tracker numbers them; e2e/reasons.spec.ts checks the rule.
    TICKET_PATTERN: '^[A-Z]+-\\d+$',
    // A seeded user no other spec changes (e2e/lifecycle.spec.ts): the console must never deactivate it.
    PROTECTED_USERS: PROTECTED_USER,
  };
}
