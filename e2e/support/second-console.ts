// A second console for specs that kill and restart one (e2e/crash.spec.ts, e2e/bulk.spec.ts):
// the same build on CRASH_CONSOLE_URL, with its own database and settings.
import { spawn, type ChildProcess } from 'node:child_process';
import { expect, type APIRequestContext, type Browser } from '@playwright/test';
import { CRASH_CONSOLE_URL, consoleEnv } from './env';
import { signIn } from './sign-in';

const port = new URL(CRASH_CONSOLE_URL).port;

export type SecondConsole = { dataDir: string; env: Record<string, string> };

export function startConsole({ dataDir, env }: SecondConsole): ChildProcess {
  return spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', port], {
    // Its own process group, so the kill reaches the server it forks.
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, ...consoleEnv(CRASH_CONSOLE_URL, dataDir), ...env },
  });
}

export async function killConsole(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGKILL');
  await exited;
}

export async function waitUntilUp(request: APIRequestContext) {
  await expect
    .poll(async () => (await request.get(`${CRASH_CONSOLE_URL}/api/health`).catch(() => null))?.ok() ?? false, { timeout: 30_000 })
    .toBe(true);
}

/** The second console, up, with an admin signed in through the real flow. */
export async function signedInConsole(browser: Browser, settings: SecondConsole) {
  const context = await browser.newContext({ baseURL: CRASH_CONSOLE_URL });
  const page = await context.newPage();
  const child = startConsole(settings);
  try {
    await waitUntilUp(context.request);
    await signIn(page, 'admin');
  } catch (error) {
    // The test's own cleanup has not started yet: stop what was started here.
    await killConsole(child);
    await context.close();
    throw error;
  }
  return { context, page, child };
}
