// `npm run demo`: build the console, then run the sandbox and the console
// together. Ctrl-C stops both; if either exits, the other is stopped too.
import { spawn, spawnSync } from 'node:child_process';

// CONSOLE_DEMO=1: production mode against the sandbox on purpose (lib/server/env.ts refuses it otherwise).
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', CONSOLE_DEMO: '1' };
const consoleUrl = 'http://localhost:3000';
const sandboxUrl = 'http://localhost:4010';

const build = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { stdio: 'inherit', env });
if (build.status !== 0) process.exit(build.status ?? 1);

// Each child leads its own process group, so stopping it also stops
// what it spawned (next start forks its server).
const start = (args) => spawn(process.execPath, args, { stdio: 'inherit', env, detached: true });
const children = [start(['--import', 'tsx', 'sandbox/main.ts']), start(['node_modules/next/dist/bin/next', 'start', '-p', '3000'])];

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
  setTimeout(() => process.exit(code), 500).unref();
}
for (const child of children) child.on('exit', (code) => stopAll(code ?? 0));
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

setTimeout(() => {
  // The sandbox has printed its issuer, SCIM base and demo accounts above.
  console.log(`
  SCIM Console  ${consoleUrl}   ← open this, "Sign in with Sandbox", password "demo"
  Sandbox       ${sandboxUrl}
  Ctrl-C stops both.
`);
}, 3000).unref();
