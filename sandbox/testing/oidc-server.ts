// The OIDC half of the sandbox on its own HTTP server, for tests that need an
// issuer without the SCIM store (same listener, mount and verifier as server.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JWK } from 'jose';
import { createAuthenticator, type Authenticate } from '../access-token';
import { sandboxConfig, type SandboxConfig } from '../config';
import { openSandboxDb } from '../db';
import { listen, publicUrlFor } from '../listen';
import { createOidcIssuer } from '../oidc/provider';

export type OidcServer = {
  url: string;
  issuer: string;
  scimBase: string;
  publicJwks: { keys: JWK[] };
  authenticate: Authenticate;
  close(): Promise<void>;
};

export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-oidc-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function testConfig(dataDir: string, env: Record<string, string> = {}): SandboxConfig {
  return sandboxConfig({ SANDBOX_PORT: '0', SANDBOX_DATA_DIR: dataDir, SANDBOX_USERS: '0', ...env });
}

export async function startOidcServer(config: SandboxConfig): Promise<OidcServer> {
  const db = openSandboxDb(config.dataDir);
  let handle: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null = null;
  const listening = await listen(
    (req, res) => {
      if (!handle || !(req.url === '/oidc' || req.url?.startsWith('/oidc/'))) {
        res.writeHead(404).end();
        return;
      }
      handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    },
    config.host,
    config.port,
  );
  const url = publicUrlFor(config, listening.port);
  const issuer = `${url}/oidc`;
  const scimBase = `${url}/scim/v2`;
  const oidc = await createOidcIssuer({ config, db, issuer, scimBase });
  handle = oidc.handle;
  return {
    url,
    issuer,
    scimBase,
    publicJwks: oidc.publicJwks,
    authenticate: createAuthenticator({ issuer, audience: scimBase, jwks: oidc.publicJwks }),
    async close() {
      await listening.close();
      db.close();
    },
  };
}

/**
 * One issuer for the calling test file: started before its tests in a fresh
 * data dir, stopped and removed after. Returns a getter (the server exists only
 * once beforeAll has run).
 */
export function oidcServerForThisFile(): () => OidcServer & { dataDir: string } {
  const data = tempDataDir();
  let server: OidcServer | undefined;
  beforeAll(async () => {
    server = await startOidcServer(testConfig(data.dir));
  });
  afterAll(async () => {
    await server?.close();
    data.remove();
  });
  return () => {
    if (!server) throw new Error('the OIDC test server has not started');
    return { ...server, dataDir: data.dir };
  };
}
