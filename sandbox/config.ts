// The sandbox's one reader of process.env (it is its own process, apart from
// the console, whose reader is lib/server/env.ts).
import { z } from 'zod';
import { LOOPBACK_HOSTS } from './listen';
import { SALESFORCE_MAX_START_INDEX } from './scim/handler';

const schema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  /** What browsers and the console call the sandbox; the issuer and SCIM base derive from it. */
  SANDBOX_PUBLIC_URL: z.url().optional(),
  SANDBOX_DATA_DIR: z.string().min(1).default('.data'),
  SANDBOX_FLAVOR: z.enum(['salesforce', 'rfc']).default('salesforce'),
  /** `1`: filters on `active` answer 400 invalidFilter, like providers that cannot filter by it (Better Auth). */
  SANDBOX_NO_ACTIVE_FILTER: z
    .enum(['0', '1'])
    .default('0')
    .transform((v) => v === '1'),
  /** Salesforce flavor: a larger startIndex answers 400 "Start index too big" (Salesforce's own limit is 2000). */
  SANDBOX_MAX_START_INDEX: z.coerce.number().int().min(1).max(1_000_000).default(SALESFORCE_MAX_START_INDEX),
  SANDBOX_USERS: z.coerce.number().int().min(0).max(1_000_000).default(500),
  SANDBOX_TEST_HOOKS: z
    .enum(['0', '1'])
    .default('0')
    .transform((v) => v === '1'),
  SANDBOX_CONSOLE_CLIENT_ID: z.string().min(1).default('scim-console'),
  SANDBOX_CONSOLE_CLIENT_SECRET: z.string().min(1).default('scim-console-secret'),
  /** Origins of consoles allowed to sign in (redirect URIs are derived from them). */
  SANDBOX_CONSOLE_ORIGINS: z.string().default('http://localhost:3000,http://127.0.0.1:3000'),
  /** Seconds; as short as 2 so a test can see a refresh (and the groups it brings) within seconds. */
  SANDBOX_ACCESS_TOKEN_TTL: z.coerce.number().int().min(2).max(86_400).default(600),
});

export type SandboxConfig = {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  flavor: 'salesforce' | 'rfc';
  noActiveFilter: boolean;
  maxStartIndex: number;
  users: number;
  testHooks: boolean;
  consoleClientId: string;
  consoleClientSecret: string;
  consoleOrigins: string[];
  accessTokenTtl: number;
};

export function sandboxConfig(source: Record<string, string | undefined> = process.env): SandboxConfig {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid sandbox configuration:\n${lines.join('\n')}`);
  }
  const c = result.data;
  if (c.SANDBOX_TEST_HOOKS && !LOOPBACK_HOSTS.has(c.SANDBOX_HOST)) {
    // The hooks reset data and inject faults without a token: never reachable from another machine.
    throw new Error(
      `Invalid sandbox configuration:\n  SANDBOX_TEST_HOOKS=1 needs a loopback SANDBOX_HOST (127.0.0.1, ::1 or localhost), not "${c.SANDBOX_HOST}"`,
    );
  }
  return {
    port: c.SANDBOX_PORT,
    host: c.SANDBOX_HOST,
    publicUrl: (c.SANDBOX_PUBLIC_URL ?? `http://localhost:${c.SANDBOX_PORT}`).replace(/\/+$/, ''),
    dataDir: c.SANDBOX_DATA_DIR,
    flavor: c.SANDBOX_FLAVOR,
    noActiveFilter: c.SANDBOX_NO_ACTIVE_FILTER,
    maxStartIndex: c.SANDBOX_MAX_START_INDEX,
    users: c.SANDBOX_USERS,
    testHooks: c.SANDBOX_TEST_HOOKS,
    consoleClientId: c.SANDBOX_CONSOLE_CLIENT_ID,
    consoleClientSecret: c.SANDBOX_CONSOLE_CLIENT_SECRET,
    consoleOrigins: c.SANDBOX_CONSOLE_ORIGINS.split(',')
      .map((o) => o.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    accessTokenTtl: c.SANDBOX_ACCESS_TOKEN_TTL,
  };
}
