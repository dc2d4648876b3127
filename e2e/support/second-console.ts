// A second console for specs that need their own settings, or kill and restart one
// (e2e/crash.spec.ts, bulk.spec.ts, service-identity.spec.ts, session-idle.spec.ts,
// role-refresh.spec.ts): the same build on CRASH_CONSOLE_URL (or PEER_CONSOLE_URL, for a
// second instance beside it), with its own database.
import { spawn, type ChildProcess } from 'node:child_process';
import { expect, type APIRequestContext, type Browser } from '@playwright/test';
import { CRASH_CONSOLE_URL, ROLE_SANDBOX_URL, consoleEnv } from './env';
import { signIn } from './sign-in';
import { consoleServerArgs } from '../../scripts/console-server.mjs';

/** `env` is added to (and overrides) consoleEnv's settings against the e2e sandbox; `url`: CRASH_CONSOLE_URL unless given. */
export type SecondConsole = { dataDir: string; env: Record<string, string>; url?: string };

/** `node <args>` in its own process group, so killGroup reaches what it forks (next start forks its server). */
export function startDetached(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, { detached: true, stdio: 'ignore', env: { ...process.env, ...env } });
}

export function startConsole({ dataDir, env, url = CRASH_CONSOLE_URL }: SecondConsole): ChildProcess {
  return startDetached(consoleServerArgs(new URL(url).port), { ...consoleEnv(url, dataDir), ...env });
}

/**
 * A second sandbox on ROLE_SANDBOX_URL (20 users, test hooks, answering the second console),
 * for a spec that needs one set up its own way (`env`); resolves once it answers.
 */
export async function startSecondSandbox(
  request: APIRequestContext,
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  const child = startDetached(['--import', 'tsx', 'sandbox/main.ts'], {
    SANDBOX_PORT: new URL(ROLE_SANDBOX_URL).port,
    SANDBOX_DATA_DIR: dataDir,
    SANDBOX_TEST_HOOKS: '1',
    SANDBOX_USERS: '20',
    SANDBOX_CONSOLE_ORIGINS: CRASH_CONSOLE_URL,
    ...env,
  });
  await waitUntilUp(request, `${ROLE_SANDBOX_URL}/healthz`);
  return child;
}

export async function killGroup(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGKILL');
  await exited;
}

/** Until `url` answers 2xx: by default the second console's health check. */
export async function waitUntilUp(request: APIRequestContext, url = `${CRASH_CONSOLE_URL}/api/health`) {
  await expect.poll(async () => (await request.get(url).catch(() => null))?.ok() ?? false, { timeout: 30_000 }).toBe(true);
}

/** The second console, up, with an admin signed in through the real flow. */
export async function signedInConsole(browser: Browser, settings: SecondConsole) {
  const url = settings.url ?? CRASH_CONSOLE_URL;
  const context = await browser.newContext({ baseURL: url });
  const page = await context.newPage();
  const child = startConsole(settings);
  try {
    await waitUntilUp(context.request, `${url}/api/health`);
    await signIn(page, 'admin');
  } catch (error) {
    // The test's own cleanup has not started yet: stop what was started here.
    await killGroup(child);
    await context.close();
    throw error;
  }
  return { context, page, child };
}
