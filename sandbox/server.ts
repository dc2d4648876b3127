// The sandbox's HTTP server: one Node process serving the OIDC issuer at
// /oidc and the SCIM service provider at /scim/v2, state in one SQLite db.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createAuthenticator } from './access-token';
import type { SandboxConfig } from './config';
import { openSandboxDb } from './db';
import { listen, publicUrlFor } from './listen';
import { createGroupOverrides, DEMO_ACCOUNTS, DEMO_PASSWORD } from './oidc/accounts';
import { escapeHtml, PAGE_CSP, renderPage } from './oidc/pages';
import { createOidcIssuer, MACHINE_CLIENT_ID, MACHINE_CLIENT_SECRET } from './oidc/provider';
import { createScimHandler } from './scim/handler';
import { openUserStore } from './scim/store';
import { createTestHooks, type RuntimeOptions } from './test-hooks';

const OIDC_PATH = '/oidc';
const SCIM_PATH = '/scim/v2';
/** Where Salesforce serves SCIM below its instance URL; the salesforce flavor answers there too. */
const SALESFORCE_SCIM_PATH = '/services/scim/v2';
const TEST_HOOKS_PATH = '/__test';

export type RunningSandbox = { url: string; issuer: string; scimBase: string; close(): Promise<void> };

export async function startSandbox(config: SandboxConfig): Promise<RunningSandbox> {
  const db = openSandboxDb(config.dataDir);
  // Bind first: with port 0 the public URL (and so the issuer) needs the real port.
  // Until the app is ready every request gets 503, so /healthz is an honest readiness check.
  let app: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null = null;
  let listening;
  try {
    listening = await listen(
      (req, res) => {
        if (!app) return sendJson(res, 503, { status: 'starting' });
        app(req, res).catch((err: unknown) => {
          console.error(`[sandbox] ${req.method} ${pathOf(req)} failed: ${err instanceof Error ? err.message : String(err)}`);
          if (!res.headersSent) sendJson(res, 500, { error: 'internal_error' });
          else res.destroy();
        });
      },
      config.host,
      config.port,
    );
  } catch (err) {
    db.close();
    throw err;
  }

  try {
    const url = publicUrlFor(config, listening.port);
    const issuer = `${url}${OIDC_PATH}`;
    const scimBase = `${url}${SCIM_PATH}`;

    const salesforce = config.flavor === 'salesforce';
    const groups = createGroupOverrides();
    const oidc = await createOidcIssuer({ config, db, issuer, scimBase, groups, instanceUrl: salesforce ? url : undefined });
    const authenticate = createAuthenticator({ issuer, audience: scimBase, jwks: oidc.publicJwks });
    const store = openUserStore(db, { seedCount: config.users, baseUrl: scimBase });
    const defaults: RuntimeOptions = { noActiveFilter: config.noActiveFilter, maxStartIndex: config.maxStartIndex };
    const options: RuntimeOptions = { ...defaults };
    const scim = createScimHandler({ store, flavor: config.flavor, baseUrl: scimBase, authenticate, options });
    const ownHosts = new Set([new URL(url).host, ...['localhost', '127.0.0.1', '[::1]'].map((h) => `${h}:${listening.port}`)]);
    const hooks = config.testHooks ? createTestHooks({ store, groups, ownHosts, options, defaults }) : null;
    const scimPaths = salesforce ? [SCIM_PATH, SALESFORCE_SCIM_PATH] : [SCIM_PATH];
    const indexHtml = renderIndex({ issuer, scimBase, testHooks: config.testHooks });

    app = async (req, res) => {
      const pathname = pathOf(req);
      if (under(pathname, OIDC_PATH)) return oidc.handle(req, res);
      const scimPath = scimPaths.find((p) => under(pathname, p));
      if (scimPath !== undefined) {
        // subpath: the path below the SCIM base without the query ('' or '/Users/…'); req.url keeps the query.
        const subpath = pathname.slice(scimPath.length);
        if (hooks && (await hooks.intercept(req, res, subpath, scimPath))) return;
        return scim(req, res, subpath);
      }
      if (under(pathname, TEST_HOOKS_PATH)) {
        if (!hooks) return sendJson(res, 404, { error: 'not_found' });
        return hooks.handle(req, res, pathname.slice(TEST_HOOKS_PATH.length));
      }
      if (pathname === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
        return sendJson(res, 200, { status: 'ok' });
      }
      if (pathname === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
        res.writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': PAGE_CSP,
          'X-Content-Type-Options': 'nosniff',
        });
        res.end(req.method === 'HEAD' ? undefined : indexHtml);
        return;
      }
      return sendJson(res, 404, { error: 'not_found' });
    };

    return {
      url,
      issuer,
      scimBase,
      async close() {
        app = null;
        await listening.close();
        db.close();
      },
    };
  } catch (err) {
    await listening.close();
    db.close();
    throw err;
  }
}

function under(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function renderIndex(opts: { issuer: string; scimBase: string; testHooks: boolean }): string {
  const accounts = DEMO_ACCOUNTS.map(
    (a) => `<li><code>${escapeHtml(a.email)}</code> – ${escapeHtml(a.name)} (${escapeHtml(a.groups.join(', ') || 'no group')})</li>`,
  ).join('\n');
  return renderPage(
    'SCIM Sandbox',
    `<h1>SCIM Sandbox</h1>
<p>An OpenID Connect issuer and a SCIM 2.0 service provider for the SCIM Console.</p>
<dl>
<dt>Issuer</dt><dd><a href="${escapeHtml(opts.issuer)}/.well-known/openid-configuration"><code>${escapeHtml(opts.issuer)}</code></a></dd>
<dt>SCIM base</dt><dd><code>${escapeHtml(opts.scimBase)}</code></dd>
<dt>Machine client</dt><dd><code>${escapeHtml(MACHINE_CLIENT_ID)}</code> / <code>${escapeHtml(MACHINE_CLIENT_SECRET)}</code> (client credentials, scopes <code>scim:read scim:write</code>)</dd>
<dt>Test hooks</dt><dd>${opts.testHooks ? 'on' : 'off'}</dd>
</dl>
<h2>Demo accounts</h2>
<p>Password for every account: <code>${escapeHtml(DEMO_PASSWORD)}</code></p>
<ul>
${accounts}
</ul>`,
  );
}
