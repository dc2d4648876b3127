// The parts of `npm run demo` worth testing on their own (scripts/demo.test.ts):
// whether the last build is still good, where quiet log lines go, what a reset
// removes, and the banner.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/** What `next build` reads: the console's sources and the files that configure the build. */
const SOURCE_DIRS = ['app', 'components', 'lib', 'public'];
const ROOT_FILES = [
  'package.json',
  'package-lock.json',
  'next.config.ts',
  'tsconfig.json',
  'postcss.config.mjs',
  'proxy.ts',
  'instrumentation.ts',
];
/** Configuration the build bakes in (lib/server/env.ts is read by next.config.ts: CSP, issuer, ...). */
const BUILD_ENV = /^(CONSOLE_|SCIM_|AUTH_|ROLES?_|DATABASE_URL$|DATA_DIR$|SESSION_|AUDIT_|NEXT_PUBLIC_|NODE_ENV$)/;
const FINGERPRINT_FILE = 'demo-fingerprint.json';

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    // Tests do not change the build.
    return entry.isFile() && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** A hash of every build input: file paths and contents, and the build-time configuration. */
export function buildFingerprint(root, env) {
  const hash = createHash('sha256');
  const files = [...SOURCE_DIRS.flatMap((d) => listFiles(path.join(root, d))), ...ROOT_FILES.map((f) => path.join(root, f))]
    .filter((f) => existsSync(f))
    .sort();
  for (const file of files) {
    hash.update(`${path.relative(root, file)}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  for (const key of Object.keys(env)
    .filter((k) => BUILD_ENV.test(k))
    .sort())
    hash.update(`${key}=${env[key]}\0`);
  return hash.digest('hex');
}

function readBuildId(nextDir) {
  const file = path.join(nextDir, 'BUILD_ID');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}

/**
 * The build in `.next` is reusable when the demo made it (its BUILD_ID is the
 * one recorded: a test run's build in between does not count) from the same
 * inputs. Returns the recorded build time too, to say how long a build takes.
 */
export function lastBuild(nextDir, fingerprint) {
  const file = path.join(nextDir, FINGERPRINT_FILE);
  if (!existsSync(file)) return { reusable: false, buildMs: null };
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    const buildId = readBuildId(nextDir);
    return { reusable: buildId !== null && saved.buildId === buildId && saved.fingerprint === fingerprint, buildMs: saved.buildMs ?? null };
  } catch {
    return { reusable: false, buildMs: null };
  }
}

export function fingerprintRecord(nextDir, fingerprint, buildMs) {
  return {
    file: path.join(nextDir, FINGERPRINT_FILE),
    content: `${JSON.stringify({ fingerprint, buildId: readBuildId(nextDir), buildMs })}\n`,
  };
}

/** JSON log lines at debug or info belong in the log file; everything else (warnings, errors, plain text) on the terminal. */
export function isQuietLogLine(line) {
  if (!line.startsWith('{')) return false;
  try {
    const value = JSON.parse(line);
    return value !== null && typeof value === 'object' && (value.level === 'info' || value.level === 'debug');
  } catch {
    return false;
  }
}

/**
 * What `--reset` removes: the sandbox's database (users back to the seed, its
 * sign-in state with them) and the console's SQLite audit log. Keys and the
 * session secret stay. Refuses an audit log that is not a local SQLite file:
 * a reset never touches a shared PostgreSQL.
 */
export function resetTargets(root, env) {
  const sandboxDir = path.resolve(root, env.SANDBOX_DATA_DIR || '.data');
  const databaseUrl = env.DATABASE_URL || 'file:.data/console.db';
  if (!databaseUrl.startsWith('file:')) {
    throw new Error('--reset empties only a local SQLite audit log; DATABASE_URL points at a database server. Unset it for the demo.');
  }
  const auditFile = path.resolve(root, databaseUrl.slice('file:'.length));
  const withSidecars = (f) => [f, `${f}-wal`, `${f}-shm`, `${f}-journal`];
  return [...withSidecars(path.join(sandboxDir, 'sandbox.db')), ...withSidecars(auditFile)];
}

export function removeFiles(files) {
  const removed = [];
  for (const file of files) {
    if (existsSync(file) && statSync(file).isFile()) {
      rmSync(file);
      removed.push(file);
    }
  }
  return removed;
}

/** The sandbox's demo accounts (sandbox/oidc/accounts.ts; scripts/demo.test.ts keeps the two in step). */
export const BANNER_ACCOUNTS = [
  ['admin@example.com', 'admin'],
  ['helpdesk@example.com', 'helpdesk'],
  ['auditor@example.com', 'auditor'],
  ['nobody@example.com', 'no role'],
];

export function banner({ consoleUrl, sandboxUrl, logFile }) {
  const accounts = BANNER_ACCOUNTS.map(([email, role]) => `      ${email.padEnd(22)} ${role}`);
  return [
    '',
    `  SCIM Console  ${consoleUrl}   ← open this, "Sign in with Sandbox"`,
    `  Sandbox       ${sandboxUrl}`,
    '  Accounts (password "demo"):',
    ...accounts,
    `  Request logs  ${logFile} (warnings and errors print here)`,
    '  Ctrl-C stops both.',
    '',
  ].join('\n');
}

export function formatSeconds(ms) {
  return `${Math.round(ms / 1000)} s`;
}
