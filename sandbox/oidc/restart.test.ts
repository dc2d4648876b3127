// Keys in oidc-keys.json and OIDC state in SQLite survive a restart on the same data dir.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KEYS_FILE } from './keys';
import { startOidcServer, tempDataDir, testConfig, type OidcServer } from '../testing/oidc-server';
import { discover, machineToken, refreshTokens, signInAs, type TokenResponse } from '../testing/tokens';

const data = tempDataDir();
const running: OidcServer[] = [];

afterAll(async () => {
  await Promise.all(running.map((s) => s.close()));
  data.remove();
});

describe('a restart on the same data dir', () => {
  it('keeps issued tokens verifiable and refresh tokens usable', async () => {
    const first = await startOidcServer(testConfig(data.dir));
    running.push(first);
    const port = new URL(first.url).port;
    const keysBefore = await (await fetch((await discover(first.issuer)).jwks_uri)).json();
    const machine = await machineToken(first.issuer);
    const signedIn = await signInAs(first.issuer, 'helpdesk@example.com');
    expect(await first.authenticate({ headers: { authorization: `Bearer ${machine}` } })).not.toBeNull();
    await first.close();
    running.pop();

    const keysFile = path.join(data.dir, KEYS_FILE);
    expect(existsSync(keysFile)).toBe(true);
    expect(statSync(keysFile).mode & 0o077).toBe(0);

    // Same port, so the same issuer URL: what a `npm run sandbox` restart looks like.
    const second = await startOidcServer(testConfig(data.dir, { SANDBOX_PORT: port }));
    running.push(second);
    expect(second.issuer).toBe(first.issuer);
    // Talk to it via 127.0.0.1: fetch's keep-alive pool for localhost may still hold a socket the first server closed.
    const via = `http://127.0.0.1:${port}/oidc`;
    const discovered = await discover(via);
    expect(discovered.issuer).toBe(first.issuer);
    expect(await (await fetch(discovered.jwks_uri)).json()).toEqual(keysBefore);

    const info = await second.authenticate({ headers: { authorization: `Bearer ${machine}` } });
    expect([...(info?.scopes ?? [])].sort()).toEqual(['scim:read', 'scim:write']);
    const atInfo = await second.authenticate({ headers: { authorization: `Bearer ${signedIn.access_token}` } });
    expect(atInfo?.subject).toBe('demo-helpdesk');

    const res = await refreshTokens(via, signedIn.refresh_token ?? '');
    expect(res.status).toBe(200);
    const refreshed = (await res.json()) as TokenResponse;
    expect(await second.authenticate({ headers: { authorization: `Bearer ${refreshed.access_token}` } })).not.toBeNull();
  });
});
