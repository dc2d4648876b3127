// The one reader of process.env. next.config.ts imports it, so a bad value
// fails `next build` and `next start` with a message naming the variable.
// No `import 'server-only'` here: that package throws outside React's server
// bundles, and next.config.ts loads this file in plain Node. The guard below
// keeps it out of the browser instead.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_REASON_CODES, REASON_CODE_MAX, type ReasonPolicy } from '../change-reason';
import { PROVIDER_IDS } from './scim/provider-profiles';
import { longestScimCallMs, SCIM_MAX_ATTEMPTS, SCIM_MAX_RETRY_DELAY_MS } from './scim/retry-policy';
import { LOOPBACK_HOST, scimUrlProblem } from './scim/url-safety';

if (typeof window !== 'undefined') {
  throw new Error('lib/server/env.ts is server-only');
}

const SANDBOX_ORIGIN = 'http://localhost:4010';
const SANDBOX_ISSUER = `${SANDBOX_ORIGIN}/oidc`;
const SANDBOX_SCIM = `${SANDBOX_ORIGIN}/scim/v2`;
/** The sandbox's console client secret: public (it is in this repository), so never for production. */
const SANDBOX_CLIENT_SECRET = 'scim-console-secret';

/** A comma-separated value as its trimmed, non-empty items; each variable adds its own rules with .pipe(). */
const commaSeparated = z.string().transform((s) =>
  s
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

const csv = commaSeparated.pipe(z.array(z.string()).min(1, 'needs at least one group name'));

/** Reason codes: at least one, at most 100 characters each. */
const nameList = commaSeparated.pipe(
  z.array(z.string().max(REASON_CODE_MAX, `each must be at most ${REASON_CODE_MAX} characters`)).min(1, 'needs at least one'),
);

/** userNames, emails or ids (PROTECTED_USERS); may be empty. */
const accountList = commaSeparated.pipe(z.array(z.string().max(320, 'each must be at most 320 characters')));

const compiles = (source: string) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
};

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).transform((u) => u.replace(/\/+$/, ''));

// A receiver URL is kept exactly as given (a trailing slash may matter to it). Credentials in
// it would be logged with it: refused. Its path may hold a secret, so logs name its origin only.
const webhookUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  // (zod runs this even after the URL check failed: an unparsable value is that check's to report.)
  .refine((u) => !URL.canParse(u) || (!new URL(u).username && !new URL(u).password), 'must not carry a user name or password');

const webhookUrls = commaSeparated
  .pipe(z.array(webhookUrl).max(10, 'at most 10 URLs'))
  .refine((urls) => new Set(urls).size === urls.length, 'lists a URL twice');

// Standard Webhooks' symmetric secret: `whsec_` and 24 to 64 random bytes in base64.
const webhookSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'must be whsec_ followed by base64 (Standard Webhooks)')
  .refine((s) => {
    const bytes = Buffer.from(s.slice('whsec_'.length), 'base64').length;
    return bytes >= 24 && bytes <= 64;
  }, 'must encode 24 to 64 bytes (e.g. `whsec_$(openssl rand -base64 32)`)');

const boolFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  CONSOLE_URL: httpUrl.default('http://localhost:3000'),
  SCIM_BASE_URL: httpUrl.default(SANDBOX_SCIM),
  SCIM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  SCIM_DELETE_DEACTIVATES: boolFlag.optional(),
  // Which provider profile applies (docs/decisions/0051-provider-profiles.md); unset: inferred, else generic.
  SCIM_PROVIDER: z.enum(PROVIDER_IDS).optional(),
  // Whose credential SCIM calls carry (docs/decisions/0050-service-identity.md).
  SCIM_AUTH: z.enum(['user', 'service']).default('user'),
  SCIM_BEARER_TOKEN: z.string().min(1).optional(),
  SCIM_CLIENT_ID: z.string().min(1).optional(),
  SCIM_CLIENT_SECRET: z.string().min(1).optional(),
  SCIM_TOKEN_URL: httpUrl.optional(),
  SCIM_SCOPE: z.string().min(1).optional(),
  SCIM_RESOURCE: httpUrl.optional(),
  AUTH_PROVIDER: z.enum(['oidc', 'salesforce']).default('oidc'),
  AUTH_OIDC_ISSUER: httpUrl.default(SANDBOX_ISSUER),
  // Defaults only for the sandbox issuer; a real one needs its own (checked in parseEnv).
  AUTH_OIDC_CLIENT_ID: z.string().min(1).optional(),
  AUTH_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  AUTH_OIDC_SCOPE: z.string().min(1).default('openid email profile groups offline_access scim:read scim:write'),
  AUTH_OIDC_NAME: z.string().min(1).max(60).optional(),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  // `npm run demo` and the e2e run set it: production mode against the sandbox on purpose.
  CONSOLE_DEMO: boolFlag.default(false),
  SESSION_MAX_AGE_HOURS: z.coerce.number().min(0.25).max(24).default(8),
  // Fractions allowed (0.05 = 3 s), so tests can wait seconds, not half an hour.
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .min(1 / 60, 'must be at least 1 second (0.0167)')
    .max(24 * 60)
    .default(30),
  ROLES_CLAIM: z.string().min(1).default('groups'),
  ROLE_ADMIN_GROUPS: csv.default(['scim-admins']),
  ROLE_HELPDESK_GROUPS: csv.default(['helpdesk']),
  ROLE_AUDITOR_GROUPS: csv.default(['auditors']),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: or postgres://')
    .default('file:.data/console.db'),
  DATA_DIR: z.string().min(1).default('.data'),
  // A record still pending this long is taken for a crash between call and
  // outcome and settled by reading the user (docs/decisions/0032-reconciliation.md).
  AUDIT_PENDING_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(120),
  // Bulk jobs (docs/decisions/0070-durable-jobs.md): upstream calls in flight per job, across instances.
  SCIM_MAX_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  BULK_MAX_USERS: z.coerce.number().int().min(1).max(10_000).default(5000),
  BULK_CONFIRM_THRESHOLD: z.coerce.number().int().min(1).max(10_000).default(25),
  // A job item claimed by an instance that stops renewing it (it died) is taken over after this long.
  JOB_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(30),
  // Scheduled changes and time-boxed reactivations (docs/decisions/0110-scheduled-changes-are-jobs.md,
  // 0111-time-boxed-reactivation.md): how often due ones are released; helpdesk's longest reactivation
  // (0: permanent allowed); the length of the `For` choices' hour (tests shorten it to seconds).
  SCHEDULER_TICK_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  HELPDESK_MAX_REACTIVATION_HOURS: z.coerce.number().int().min(0).max(8760).default(24),
  REACTIVATION_HOUR_SECONDS: z.coerce.number().int().min(1).max(3600).default(3600),
  // Why a change is made (docs/decisions/0105-reason-codes-and-tickets.md).
  REASON_CODES: nameList.default([...DEFAULT_REASON_CODES]),
  TICKET_PATTERN: z.string().max(500).refine(compiles, 'must be a valid regular expression').optional(),
  TICKET_REQUIRED: boolFlag.default(false),
  // Accounts the console never deactivates: break-glass admins, the SCIM integration user (docs/decisions/0106-protected-accounts.md).
  PROTECTED_USERS: accountList.default([]),
  // Signed webhooks (docs/decisions/0100-webhook-outbox.md). Tick and retry delays go down to
  // 100 ms so tests can watch a receiver come back; the retry window never below 24 hours.
  WEBHOOK_URLS: webhookUrls.default([]),
  WEBHOOK_SECRET: webhookSecret.optional(),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  WEBHOOK_TICK_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  WEBHOOK_RETRY_MAX_MS: z.coerce.number().int().min(100).max(86_400_000).default(3_600_000),
  WEBHOOK_RETRY_HOURS: z.coerce
    .number()
    .min(24)
    .max(24 * 14)
    .default(72),
});

export type Env = z.infer<typeof schema> & {
  AUTH_SECRET: string;
  AUTH_OIDC_CLIENT_ID: string;
  AUTH_OIDC_CLIENT_SECRET: string;
  AUTH_OIDC_NAME: string;
  usesSandbox: boolean;
  /**
   * AUTH_PROVIDER=salesforce without SCIM_BASE_URL: each session's SCIM base is
   * `<instance_url>/services/scim/v2` from its sign-in's token response, and
   * SCIM_BASE_URL (the sandbox default) is never used for SCIM calls
   * (docs/decisions/0055-salesforce-instance-url.md).
   */
  SCIM_BASE_FROM_INSTANCE_URL: boolean;
};

const REAL_IDP = 'required when signing in against a real identity provider';

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset", as in most .env files.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw invalid(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const env = result.data;
  const usesSandbox = env.AUTH_OIDC_ISSUER === SANDBOX_ISSUER;
  const fromInstanceUrl = env.AUTH_PROVIDER === 'salesforce' && !('SCIM_BASE_URL' in cleaned);
  const problems: string[] = [];
  const scimUrl = 'SCIM_BASE_URL' in cleaned ? scimUrlProblem(env.SCIM_BASE_URL, env.NODE_ENV === 'production') : null;
  if (scimUrl) problems.push(`SCIM_BASE_URL: ${scimUrl}`);
  if (env.NODE_ENV === 'production') problems.push(...productionProblems(env, cleaned, fromInstanceUrl));
  if (!usesSandbox) {
    if (!env.AUTH_OIDC_CLIENT_ID) problems.push(`AUTH_OIDC_CLIENT_ID: ${REAL_IDP} (the client id registered there)`);
    if (!env.AUTH_OIDC_CLIENT_SECRET) problems.push(`AUTH_OIDC_CLIENT_SECRET: ${REAL_IDP} (the client secret registered there)`);
    // In production without CONSOLE_DEMO the rule above has said so already.
    if (!env.AUTH_SECRET && !(env.NODE_ENV === 'production' && !env.CONSOLE_DEMO))
      problems.push(`AUTH_SECRET: ${REAL_IDP} (32+ characters)`);
  }
  // A record pending longer than this is taken for a crash and reconciled: it must
  // outlast the upstream write, retries included, or a reconciliation could read
  // the user before the write lands (docs/decisions/0032-reconciliation.md).
  const clientCredentials = [env.SCIM_CLIENT_ID, env.SCIM_CLIENT_SECRET].filter(Boolean).length;
  if (clientCredentials === 1) problems.push('SCIM_CLIENT_ID, SCIM_CLIENT_SECRET: set both, or neither');
  if (clientCredentials === 2 && !env.SCIM_TOKEN_URL && !usesSandbox)
    problems.push('SCIM_TOKEN_URL: required with SCIM_CLIENT_ID (the token endpoint of the client credentials grant)');
  if (env.SCIM_BEARER_TOKEN && clientCredentials > 0)
    problems.push('SCIM_BEARER_TOKEN: set it or SCIM_CLIENT_ID/SCIM_CLIENT_SECRET, not both');
  if (env.SCIM_AUTH === 'service' && !env.SCIM_BEARER_TOKEN && clientCredentials === 0)
    problems.push('SCIM_AUTH: service needs SCIM_BEARER_TOKEN, or SCIM_CLIENT_ID + SCIM_CLIENT_SECRET (+ SCIM_TOKEN_URL)');
  // The console's own credential is used where no admin's sign-in says which org: it needs a fixed base.
  if (fromInstanceUrl && (env.SCIM_BEARER_TOKEN || clientCredentials > 0))
    problems.push('SCIM_BASE_URL: required with a service identity (SCIM_BEARER_TOKEN or SCIM_CLIENT_ID) and AUTH_PROVIDER=salesforce');
  const writeMs = longestScimCallMs(env.SCIM_TIMEOUT_MS);
  if (env.AUDIT_PENDING_TIMEOUT_SECONDS * 1000 <= writeMs) {
    problems.push(
      `AUDIT_PENDING_TIMEOUT_SECONDS: must be more than ${writeMs / 1000} s with SCIM_TIMEOUT_MS=${env.SCIM_TIMEOUT_MS} ` +
        `(a write takes up to ${SCIM_MAX_ATTEMPTS} attempts of SCIM_TIMEOUT_MS with up to ${SCIM_MAX_RETRY_DELAY_MS / 1000} s between them); raise it or lower SCIM_TIMEOUT_MS`,
    );
  }
  if (env.WEBHOOK_URLS.length > 0 && !env.WEBHOOK_SECRET)
    problems.push('WEBHOOK_SECRET: required with WEBHOOK_URLS (whsec_ and 24 to 64 random bytes in base64)');
  if (env.WEBHOOK_RETRY_MAX_MS < env.WEBHOOK_RETRY_BASE_MS) problems.push('WEBHOOK_RETRY_MAX_MS: must be at least WEBHOOK_RETRY_BASE_MS');
  if (problems.length > 0) throw invalid(problems);
  return {
    ...env,
    usesSandbox,
    SCIM_BASE_FROM_INSTANCE_URL: fromInstanceUrl,
    AUTH_OIDC_CLIENT_ID: env.AUTH_OIDC_CLIENT_ID ?? 'scim-console',
    AUTH_OIDC_CLIENT_SECRET: env.AUTH_OIDC_CLIENT_SECRET ?? 'scim-console-secret',
    AUTH_OIDC_NAME: env.AUTH_OIDC_NAME ?? (usesSandbox ? 'Sandbox' : env.AUTH_PROVIDER === 'salesforce' ? 'Salesforce' : 'SSO'),
    AUTH_SECRET: env.AUTH_SECRET ?? demoSecret(env.DATA_DIR),
    // The sandbox issuer's token endpoint serves sandbox-cli's client credentials.
    SCIM_TOKEN_URL: env.SCIM_TOKEN_URL ?? (usesSandbox && env.SCIM_CLIENT_ID ? `${SANDBOX_ISSUER}/token` : undefined),
    SCIM_SCOPE: env.SCIM_SCOPE ?? (usesSandbox && env.SCIM_CLIENT_ID ? 'scim:read scim:write' : undefined),
  };
}

/**
 * Rules for NODE_ENV=production (`next build`, `next start`): what is harmless on a
 * laptop sends a real admin's token somewhere it must not go. One line per problem,
 * naming the variable. See docs/decisions/0040-production-configuration.md.
 */
function productionProblems(env: z.infer<typeof schema>, set: Record<string, unknown>, fromInstanceUrl: boolean): string[] {
  const problems: string[] = [];
  const issuerSet = 'AUTH_OIDC_ISSUER' in set;
  const scimSet = 'SCIM_BASE_URL' in set;
  // Salesforce without SCIM_BASE_URL takes each session's base from its instance_url.
  if (issuerSet !== scimSet && !fromInstanceUrl) {
    const [given, missing] = issuerSet ? ['AUTH_OIDC_ISSUER', 'SCIM_BASE_URL'] : ['SCIM_BASE_URL', 'AUTH_OIDC_ISSUER'];
    problems.push(`${missing}: required in production when ${given} is set (else it would default to the sandbox on localhost)`);
  }
  if (!env.CONSOLE_DEMO) {
    if (env.AUTH_OIDC_ISSUER === SANDBOX_ISSUER)
      problems.push(`AUTH_OIDC_ISSUER: the sandbox issuer in production needs CONSOLE_DEMO=1 (set your identity provider's issuer)`);
    if ((env.AUTH_OIDC_CLIENT_SECRET ?? SANDBOX_CLIENT_SECRET) === SANDBOX_CLIENT_SECRET)
      problems.push(`AUTH_OIDC_CLIENT_SECRET: the sandbox's public demo secret in production needs CONSOLE_DEMO=1`);
    if (!env.AUTH_SECRET) problems.push('AUTH_SECRET: required in production (32+ characters; only CONSOLE_DEMO=1 generates one)');
  }
  // SCIM_BASE_URL's own rules (scimUrlProblem) said so already where it is set.
  const urls = [
    ...(['CONSOLE_URL', 'AUTH_OIDC_ISSUER'] as const).map((name) => [name, env[name]] as const),
    ...env.WEBHOOK_URLS.map((u, i) => [`WEBHOOK_URLS.${i}`, u] as const),
  ];
  for (const [name, value] of urls) {
    const url = new URL(value);
    if (url.protocol === 'http:' && !LOOPBACK_HOST.test(url.hostname))
      problems.push(`${name}: must be https:// in production (plain http:// only to localhost)`);
  }
  return problems;
}

function invalid(lines: string[]): Error {
  return new Error(`Invalid configuration:\n${lines.map((l) => `  ${l}`).join('\n')}`);
}

/** Only the demo (sandbox issuer) may run without AUTH_SECRET: one is generated and kept in the data dir. */
function demoSecret(dataDir: string): string {
  const file = path.join(dataDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export const env: Env = parseEnv(process.env);

/** The reason-code and ticket rules, as the API applies them and the forms show them. */
export function reasonPolicy(from: Env = env): ReasonPolicy {
  return { reasonCodes: from.REASON_CODES, ticketPattern: from.TICKET_PATTERN ?? null, ticketRequired: from.TICKET_REQUIRED };
}

// next-auth 4 reads its own URL (callback URLs, secure cookies) from
// NEXTAUTH_URL; CONSOLE_URL is the one setting, so it wins.
process.env.NEXTAUTH_URL = env.CONSOLE_URL;
