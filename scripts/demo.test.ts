import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '@/sandbox/oidc/accounts';
// @ts-expect-error -- a plain .mjs script, no types
import * as demo from './demo-lib.mjs';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'demo-'));
  mkdirSync(path.join(root, 'app'), { recursive: true });
  writeFileSync(path.join(root, 'app', 'page.tsx'), 'export default 1;');
  writeFileSync(path.join(root, 'package-lock.json'), '{}');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function fakeBuild(buildId: string) {
  mkdirSync(path.join(root, '.next'), { recursive: true });
  writeFileSync(path.join(root, '.next', 'BUILD_ID'), buildId);
}

describe('the demo reuses its last build', () => {
  it('only when no source, lockfile or build configuration changed, and no other build replaced it', () => {
    const env = { SCIM_BASE_URL: 'http://localhost:4010/scim/v2', HOME: '/home/a' };
    const fp = demo.buildFingerprint(root, env);
    const nextDir = path.join(root, '.next');
    expect(demo.lastBuild(nextDir, fp)).toEqual({ reusable: false, buildMs: null });

    fakeBuild('b1');
    const record = demo.fingerprintRecord(nextDir, fp, 21_000);
    writeFileSync(record.file, record.content);
    expect(demo.lastBuild(nextDir, fp)).toEqual({ reusable: true, buildMs: 21_000 });

    // Unrelated environment and tests do not matter.
    expect(demo.buildFingerprint(root, { ...env, HOME: '/home/b' })).toBe(fp);
    writeFileSync(path.join(root, 'app', 'page.test.ts'), 'test');
    expect(demo.buildFingerprint(root, env)).toBe(fp);

    // A source, the lockfile, or configuration the build bakes in do.
    expect(demo.buildFingerprint(root, { ...env, AUTH_OIDC_ISSUER: 'https://idp.example' })).not.toBe(fp);
    writeFileSync(path.join(root, 'package-lock.json'), '{"v":2}');
    expect(demo.lastBuild(nextDir, demo.buildFingerprint(root, env)).reusable).toBe(false);
    writeFileSync(path.join(root, 'package-lock.json'), '{}');
    writeFileSync(path.join(root, 'app', 'page.tsx'), 'export default 2;');
    expect(demo.buildFingerprint(root, env)).not.toBe(fp);
    writeFileSync(path.join(root, 'app', 'page.tsx'), 'export default 1;');

    // Another build into .next (a test run) makes it not the demo's.
    fakeBuild('b2');
    expect(demo.lastBuild(nextDir, fp).reusable).toBe(false);
  });
});

describe('--reset', () => {
  it('removes the sandbox database and the SQLite audit log, with their sidecar files, and keeps keys and secrets', () => {
    const data = path.join(root, '.data');
    mkdirSync(data);
    for (const f of ['sandbox.db', 'sandbox.db-wal', 'console.db', 'console.db-shm', 'auth-secret', 'oidc-keys.json'])
      writeFileSync(path.join(data, f), 'x');
    const removed = demo.removeFiles(demo.resetTargets(root, {}));
    expect(removed.map((f: string) => path.basename(f)).sort()).toEqual(['console.db', 'console.db-shm', 'sandbox.db', 'sandbox.db-wal']);
    expect(existsSync(path.join(data, 'auth-secret'))).toBe(true);
    expect(existsSync(path.join(data, 'oidc-keys.json'))).toBe(true);
  });

  it('follows SANDBOX_DATA_DIR and DATABASE_URL, and never touches a database server', () => {
    expect(demo.resetTargets(root, { SANDBOX_DATA_DIR: 'sb', DATABASE_URL: 'file:db/audit.db' })).toEqual(
      expect.arrayContaining([path.join(root, 'sb', 'sandbox.db'), path.join(root, 'db', 'audit.db')]),
    );
    expect(() => demo.resetTargets(root, { DATABASE_URL: 'postgres://db/audit' })).toThrow(/database server/);
  });
});

describe('the terminal stays readable', () => {
  it('sends JSON lines at info and debug to the log file, and warnings, errors and plain text to the terminal', () => {
    expect(demo.isQuietLogLine('{"time":"t","level":"info","msg":"api request"}')).toBe(true);
    expect(demo.isQuietLogLine('{"level":"debug","msg":"x"}')).toBe(true);
    expect(demo.isQuietLogLine('{"level":"warn","msg":"x"}')).toBe(false);
    expect(demo.isQuietLogLine('{"level":"error","msg":"x"}')).toBe(false);
    expect(demo.isQuietLogLine('{ not json')).toBe(false);
    expect(demo.isQuietLogLine('   ▲ Next.js 16.4.6')).toBe(false);
  });

  it('names every demo account of the sandbox in the banner', () => {
    const text: string = demo.banner({
      consoleUrl: 'http://localhost:3000',
      sandboxUrl: 'http://localhost:4010',
      logFile: '.data/demo.log',
    });
    for (const account of DEMO_ACCOUNTS) expect(text).toContain(account.email);
    expect(demo.BANNER_ACCOUNTS).toHaveLength(DEMO_ACCOUNTS.length);
    expect(text).toContain('http://localhost:3000');
    expect(text).toContain('.data/demo.log');
  });
});
