// A console that dies between the pending audit write and the outcome must
// lose nothing: after a restart the record is settled by reading the user.
// This spec runs its own console (same build, own database) so it can kill it.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { expect, test } from './fixtures';
import { CRASH_CONSOLE_URL, consoleEnv } from './support/env';
import { signIn } from './support/sign-in';

const DATA_DIR = '.data/e2e-crash';
const port = new URL(CRASH_CONSOLE_URL).port;

function startConsole(): ChildProcess {
  return spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', port], {
    // Its own process group, so the kill reaches the server it forks.
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, ...consoleEnv(CRASH_CONSOLE_URL, DATA_DIR), AUDIT_PENDING_TIMEOUT_SECONDS: '1' },
  });
}

async function killConsole(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGKILL');
  await exited;
}

async function waitUntilUp(request: { get(url: string): Promise<{ ok(): boolean }> }) {
  await expect
    .poll(async () => (await request.get(`${CRASH_CONSOLE_URL}/api/health`).catch(() => null))?.ok() ?? false, { timeout: 30_000 })
    .toBe(true);
}

test('a console killed mid-change is reconciled after restart, with nothing lost', async ({ browser, sandbox }) => {
  test.setTimeout(90_000);
  rmSync(DATA_DIR, { recursive: true, force: true });
  const context = await browser.newContext({ baseURL: CRASH_CONSOLE_URL });
  const page = await context.newPage();
  let child = startConsole();
  try {
    await waitUntilUp(context.request);
    await signIn(page, 'admin');
    const user = await sandbox.firstUser(true);
    const reason = `crash test ${Date.now()}`;

    // The upstream applies the PATCH at once but answers late: long enough to kill the console meanwhile.
    await sandbox.fault({ kind: 'slow-response', latencyMs: 5000, count: 1, method: 'PATCH' });
    await page.goto(`/users?q=${encodeURIComponent(user.userName)}`);
    await page.getByRole('button', { name: `Deactivate ${user.userName}` }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Reason' }).fill(reason);
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();

    const auditFor = async () =>
      (await (await context.request.get(`/api/audit?target=${encodeURIComponent(user.userName)}`)).json()) as {
        entries: { reason: string | null; outcome: string; activeAfter: boolean | null }[];
      };
    // The pending record is written before the upstream call.
    await expect.poll(async () => (await auditFor()).entries.find((e) => e.reason === reason)?.outcome).toBe('pending');
    await killConsole(child);

    // The upstream finishes the change on its own; the dead console never records the outcome.
    await expect.poll(async () => (await sandbox.getUser(user.id)).user?.active, { timeout: 10_000 }).toBe(false);

    child = startConsole();
    await waitUntilUp(context.request);
    await page.goto(`/users/${user.id}`);
    await expect(page.getByRole('region', { name: 'History' }).getByText(reason)).toBeVisible();
    const settled = (await auditFor()).entries.find((e) => e.reason === reason);
    expect(settled).toMatchObject({ outcome: 'reconciled', activeAfter: false });
  } finally {
    await killConsole(child);
    await context.close();
  }
});
