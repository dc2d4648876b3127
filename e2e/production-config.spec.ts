// `next start` (production mode) refuses configuration that would send a real
// admin's token to the wrong place: it exits non-zero with one line naming the
// variable, before it listens. The rules themselves: lib/server/env.test.ts.
import { spawn } from 'node:child_process';
import { expect, test } from './fixtures';
import { REFUSED_CONSOLE_PORT } from './support/env';

function startConsole(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // Only what a fresh shell would have: none of the e2e console's settings (CONSOLE_DEMO among them).
    const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(REFUSED_CONSOLE_PORT)], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', DATA_DIR: '.data/e2e-refused', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

test('next start refuses the sandbox issuer in production without CONSOLE_DEMO=1', async () => {
  const { code, output } = await startConsole({ AUTH_SECRET: 'p'.repeat(40) });
  expect(code).not.toBe(0);
  expect(output).toMatch(/AUTH_OIDC_ISSUER: the sandbox issuer in production needs CONSOLE_DEMO=1/);
});

test('next start refuses a real issuer whose SCIM base is left to default to the sandbox', async () => {
  const { code, output } = await startConsole({
    AUTH_OIDC_ISSUER: 'https://login.example.com',
    AUTH_OIDC_CLIENT_ID: 'console',
    AUTH_OIDC_CLIENT_SECRET: 'not-the-demo-secret',
    AUTH_SECRET: 'p'.repeat(40),
  });
  expect(code).not.toBe(0);
  expect(output).toMatch(/SCIM_BASE_URL: required in production when AUTH_OIDC_ISSUER is set/);
});
