// The role follows the identity provider: an admin removed from `scim-admins`
// at the issuer loses admin rights at the console's next token refresh, not at
// the end of the session. This spec runs its own sandbox whose access tokens
// live 30 s (under the console's 60 s refresh margin, so every API call
// refreshes) and its own console against it, on the crash spec's console port.
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { expect, test } from './fixtures';
import { ROLE_SANDBOX_URL } from './support/env';
import { Sandbox } from './support/sandbox';
import { killGroup, signedInConsole, startSecondSandbox } from './support/second-console';

const DATA_DIR = '.data/e2e-role';
let sandboxProcess: ChildProcess | undefined;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(60_000);
  rmSync(DATA_DIR, { recursive: true, force: true });
  const request = await playwright.request.newContext();
  sandboxProcess = await startSecondSandbox(request, `${DATA_DIR}/sandbox`, { SANDBOX_ACCESS_TOKEN_TTL: '30' });
  await request.dispose();
});

test.afterAll(async () => {
  if (sandboxProcess) await killGroup(sandboxProcess);
});

test('an admin removed from the admin group at the issuer loses the role at the next refresh', async ({ browser }) => {
  test.setTimeout(90_000);
  const { context, page, child } = await signedInConsole(browser, {
    dataDir: DATA_DIR,
    env: { AUTH_OIDC_ISSUER: `${ROLE_SANDBOX_URL}/oidc`, SCIM_BASE_URL: `${ROLE_SANDBOX_URL}/scim/v2` },
  });
  try {
    await expect(page.getByRole('button', { name: /^Deactivate / }).first()).toBeVisible();
    expect((await page.request.get('/api/audit')).status()).toBe(200);

    await new Sandbox(context.request, ROLE_SANDBOX_URL).setGroups('admin@example.com', []);

    // The next API call refreshes the access token, and with it the role.
    expect((await page.request.get('/api/audit')).status()).toBe(403);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'No access', level: 1 })).toBeVisible();
  } finally {
    await killGroup(child);
    await context.close();
  }
});
