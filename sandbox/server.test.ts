// The whole sandbox process composition over HTTP: routes, readiness, both loopbacks, auth wiring into SCIM.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './server';
import { tempDataDir, testConfig } from './testing/oidc-server';
import { discover, machineToken, signInAs } from './testing/tokens';

const withHooks = tempDataDir();
const withoutHooks = tempDataDir();
let sandbox: RunningSandbox;
let plain: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox(testConfig(withHooks.dir, { SANDBOX_USERS: '5', SANDBOX_TEST_HOOKS: '1' }));
  plain = await startSandbox(testConfig(withoutHooks.dir, { SANDBOX_USERS: '5' }));
});

afterAll(async () => {
  await sandbox?.close();
  await plain?.close();
  withHooks.remove();
  withoutHooks.remove();
});

const port = (s: RunningSandbox) => new URL(s.url).port;

describe('startSandbox', () => {
  it('derives the public URL, issuer and SCIM base from the real port', async () => {
    expect(sandbox.url).toBe(`http://localhost:${port(sandbox)}`);
    expect(sandbox.issuer).toBe(`${sandbox.url}/oidc`);
    expect(sandbox.scimBase).toBe(`${sandbox.url}/scim/v2`);
    expect((await discover(sandbox.issuer)).issuer).toBe(sandbox.issuer);
  });

  it('answers /healthz on localhost, 127.0.0.1 and ::1', async () => {
    for (const host of ['localhost', '127.0.0.1', '[::1]']) {
      const res = await fetch(`http://${host}:${port(sandbox)}/healthz`);
      expect(res.status, host).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    }
  });

  it('serves a home page naming the issuer, the SCIM base and the demo accounts', async () => {
    const res = await fetch(`${sandbox.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain(sandbox.issuer);
    expect(html).toContain(sandbox.scimBase);
    expect(html).toContain('admin@example.com');
    expect(html).toContain('nobody@example.com');
  });

  it('answers unknown paths with 404', async () => {
    expect((await fetch(`${sandbox.url}/nope`)).status).toBe(404);
    expect((await fetch(`${sandbox.url}/oidcx`)).status).toBe(404);
  });

  it('mounts test hooks only when enabled', async () => {
    expect((await fetch(`${plain.url}/__test/requests`)).status).toBe(404);
    expect((await fetch(`${sandbox.url}/__test/requests`)).status).toBe(200);
  });

  it('wires issuer tokens into the SCIM handler', async () => {
    expect((await fetch(`${sandbox.scimBase}/Users`)).status).toBe(401);
    const garbage = await fetch(`${sandbox.scimBase}/Users`, { headers: { authorization: 'Bearer nope' } });
    expect(garbage.status).toBe(401);

    const machine = await machineToken(sandbox.issuer, 'scim:read');
    const list = await fetch(`${sandbox.scimBase}/Users?count=2`, { headers: { authorization: `Bearer ${machine}` } });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { totalResults: number }).totalResults).toBe(5);

    const admin = await signInAs(sandbox.issuer, 'admin@example.com');
    expect((await fetch(`${sandbox.scimBase}/Users`, { headers: { authorization: `Bearer ${admin.access_token}` } })).status).toBe(200);
    const nobody = await signInAs(sandbox.issuer, 'nobody@example.com');
    expect((await fetch(`${sandbox.scimBase}/Users`, { headers: { authorization: `Bearer ${nobody.access_token}` } })).status).toBe(403);
  });

  it('refuses a public URL with a path', async () => {
    const dir = tempDataDir();
    try {
      await expect(startSandbox(testConfig(dir.dir, { SANDBOX_PUBLIC_URL: 'http://localhost:4010/sandbox' }))).rejects.toThrow(
        /without a path/,
      );
    } finally {
      dir.remove();
    }
  });

  it('stops listening on close()', async () => {
    const dir = tempDataDir();
    const s = await startSandbox(testConfig(dir.dir, { SANDBOX_USERS: '0' }));
    const p = Number(port(s));
    await s.close();
    dir.remove();
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(p, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });
});
