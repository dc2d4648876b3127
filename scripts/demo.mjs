// `npm run demo`: build the console (unless nothing changed since the demo's
// last build), then run the sandbox and the console together. Request logs
// (JSON lines at info) go to .data/demo.log; warnings, errors and everything
// else print here. Ctrl-C stops both; if either exits, the other is stopped too.
//   --reset    start fresh: the seed's users back, an empty audit log (npm run demo:reset)
//   --rebuild  build even when nothing changed
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import {
  banner,
  buildFingerprint,
  fingerprintRecord,
  formatSeconds,
  isQuietLogLine,
  lastBuild,
  removeFiles,
  resetTargets,
} from './demo-lib.mjs';
import { consoleServerArgs } from './console-server.mjs';

const args = new Set(process.argv.slice(2));
const root = process.cwd();
// CONSOLE_DEMO=1: production mode against the sandbox on purpose (lib/server/env.ts refuses it otherwise).
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', CONSOLE_DEMO: '1' };
// The defaults; CONSOLE_URL and SANDBOX_PORT move them (with the matching SCIM_BASE_URL and issuer settings).
const consoleUrl = env.CONSOLE_URL || 'http://localhost:3000';
const sandboxUrl = env.SANDBOX_PUBLIC_URL || `http://localhost:${env.SANDBOX_PORT || 4010}`;
const dataDir = env.DATA_DIR || '.data';
const logFile = path.join(dataDir, 'demo.log');
const nextBin = 'node_modules/next/dist/bin/next';

if (args.has('--reset')) {
  let targets;
  try {
    targets = resetTargets(root, env);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  const removed = removeFiles(targets);
  console.log(
    removed.length
      ? `Reset: removed ${removed.map((f) => (f.startsWith(`${root}${path.sep}`) ? path.relative(root, f) : f)).join(', ')}. The sandbox reseeds its users and the audit log starts empty.`
      : 'Reset: nothing to remove; this is a fresh start already.',
  );
}

// Build only when an input changed: sources, lockfile, or the configuration the build bakes in.
const nextDir = path.join(root, '.next');
const fingerprint = buildFingerprint(root, env);
const previous = lastBuild(nextDir, fingerprint);
if (previous.reusable && !args.has('--rebuild')) {
  console.log('Nothing changed since the last build: starting it. (npm run demo -- --rebuild builds anyway.)');
} else {
  console.log(
    previous.buildMs
      ? `Building the console (the last build took ${formatSeconds(previous.buildMs)})…`
      : 'Building the console: the first build takes a minute or two (about 20 s on 2 cores, more on a cold disk); later starts skip it when nothing changed…',
  );
  const started = Date.now();
  const build = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const buildMs = Date.now() - started;
  const record = fingerprintRecord(nextDir, fingerprint, buildMs);
  writeFileSync(record.file, record.content);
  console.log(`Built in ${formatSeconds(buildMs)}.`);
}

mkdirSync(dataDir, { recursive: true });
const log = createWriteStream(logFile, { flags: 'a' });
let bannerShown = false;
let printedSinceBanner = false;

/** Quiet JSON lines to the log file; the rest to the terminal. */
function route(stream) {
  createInterface({ input: stream }).on('line', (line) => {
    if (isQuietLogLine(line)) {
      log.write(`${line}\n`);
      return;
    }
    console.log(line);
    if (bannerShown) printedSinceBanner = true;
  });
}

// Each child leads its own process group, so stopping it also stops
// what it spawned (next start forks its server). stderr (warnings, errors) prints as it comes.
const start = (argv) => {
  const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'inherit'], env, detached: true });
  route(child.stdout);
  return child;
};
const children = [start(['--import', 'tsx', 'sandbox/main.ts'])];

let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
  log.end();
  setTimeout(() => process.exit(code), 500).unref();
}
for (const child of children) child.on('exit', (code) => stopAll(code ?? 0));
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

async function answers(url) {
  try {
    const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
    return res.status < 500;
  } catch {
    return false;
  }
}

// The banner once both servers answer; once more if start-up output followed it, so it is the last thing on screen.
const text = banner({ consoleUrl, sandboxUrl, logFile });
const poll = setInterval(async () => {
  if (bannerShown || stopping) return;
  if ((await answers(`${sandboxUrl}/healthz`)) && (await answers(`${consoleUrl}/signin`)) && !bannerShown) {
    bannerShown = true;
    clearInterval(poll);
    console.log(text);
    const quiet = setInterval(() => {
      if (!printedSinceBanner) return;
      printedSinceBanner = false;
      clearInterval(quiet);
      setTimeout(() => console.log(text), 1000).unref();
    }, 1000);
    // Start-up output comes in the first seconds; later lines are the app's own business.
    setTimeout(() => clearInterval(quiet), 15_000).unref();
    quiet.unref();
  }
}, 500);
poll.unref();

// The console starts once the sandbox answers and a fresh audit log has its seeded history.
(async () => {
  while (!(await answers(`${sandboxUrl}/healthz`))) {
    if (stopping) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  const databaseUrl = env.DATABASE_URL || 'file:.data/console.db';
  // Demo only, and only a local SQLite log: a shared database never gets seeded rows.
  if (databaseUrl.startsWith('file:')) {
    const seed = spawn(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', 'scripts/seed-demo-audit.ts', databaseUrl, sandboxUrl],
      { stdio: ['ignore', 'pipe', 'inherit'], env },
    );
    route(seed.stdout);
    await new Promise((resolve) => seed.on('exit', resolve));
  }
  if (stopping) return;
  const nextServer = start(consoleServerArgs(new URL(consoleUrl).port || '3000'));
  children.push(nextServer);
  nextServer.on('exit', (code) => stopAll(code ?? 0));
})();
