// `npm run sandbox` as a real process: prints its URLs, serves, stops on SIGTERM; bad config exits 1.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDataDir } from './testing/oidc-server';

const data = tempDataDir();
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
  data.remove();
});

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const printed = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const m = pattern.exec(stdout);
        if (m) resolve(m);
      };
      child.stdout?.on('data', check);
      child.once('exit', () => reject(new Error(`exited before printing ${pattern}: ${stderr}`)));
      check();
    });
  return { child, exited, printed, output: () => ({ stdout, stderr }) };
}

describe('sandbox/main.ts', () => {
  it('starts, prints the URLs and demo accounts, and stops cleanly on SIGTERM', async () => {
    const proc = run({ SANDBOX_PORT: '0', SANDBOX_DATA_DIR: data.dir, SANDBOX_USERS: '3' });
    const [, url] = await proc.printed(/home\s+(http:\/\/localhost:\d+)\//);
    await proc.printed(/nobody@example\.com/);
    const { stdout } = proc.output();
    expect(stdout).toContain(`issuer     ${url}/oidc`);
    expect(stdout).toContain(`SCIM base  ${url}/scim/v2`);
    expect(stdout).toContain('password "demo"');

    const res = await fetch(`${url}/healthz`, { headers: { connection: 'close' } });
    expect(res.status).toBe(200);

    if (!proc.child.pid) throw new Error('no pid');
    process.kill(proc.child.pid, 'SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.output().stdout).toContain('SIGTERM: stopping the sandbox');
  });

  it('prints the bad setting and exits 1', async () => {
    const proc = run({ SANDBOX_PORT: 'not-a-port', SANDBOX_DATA_DIR: data.dir });
    expect(await proc.exited).toBe(1);
    expect(proc.output().stderr).toMatch(/Invalid sandbox configuration:\n\s+SANDBOX_PORT/);
  });
});
