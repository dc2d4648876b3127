// The sandbox's OpenID Connect issuer (oidc-provider 9), mounted under the
// issuer's path (`/oidc`). Everything the console relies on is configured here:
// code + PKCE for the console client, rotating refresh tokens, JWT access
// tokens for the SCIM base with per-account scopes, claims in the ID token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { JWK } from 'jose';
import type { SandboxConfig } from '../config';
import type { SandboxDb } from '../db';
import { accountClaims, findAccountBySub, SCIM_SCOPES, type GroupOverrides } from './accounts';
import { createInteractionHandler } from './interactions';
import { loadOrCreateOidcKeys } from './keys';
import { PAGE_CSP, renderErrorPage, renderLogoutPage, renderLogoutSuccessPage } from './pages';
import { createSqliteAdapterFactory } from './sqlite-adapter';

export const MACHINE_CLIENT_ID = 'sandbox-cli';
export const MACHINE_CLIENT_SECRET = 'sandbox-cli-secret';
/** A console signing in with the Salesforce preset (AUTH_PROVIDER=salesforce): its callback path and client_secret_post. */
export const SALESFORCE_CONSOLE_CLIENT_ID = 'scim-console-salesforce';
/** next-auth's callback path for the provider id `oidc` (DESIGN.md section 3: keep stable). */
const CONSOLE_CALLBACK_PATH = '/api/auth/callback/oidc';
const CONSOLE_SIGNOUT_PATH = '/signin';

const HOUR = 60 * 60;
const DAY = 24 * HOUR;

export type OidcIssuer = {
  issuer: string;
  provider: Provider;
  /** Public signing keys, for verifying access tokens in-process. */
  publicJwks: { keys: JWK[] };
  /** Answers any request whose path is the issuer's path or below it. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
};

export async function createOidcIssuer(opts: {
  config: SandboxConfig;
  db: SandboxDb;
  issuer: string;
  scimBase: string;
  /** Groups changed by a test hook; the demo accounts' own groups otherwise. */
  groups?: GroupOverrides;
  /** Added to every successful token response (Salesforce's `instance_url`). */
  instanceUrl?: string;
}): Promise<OidcIssuer> {
  const { config, db, issuer, scimBase, groups } = opts;
  const mountPath = new URL(issuer).pathname.replace(/\/+$/, '');
  const keys = await loadOrCreateOidcKeys(config.dataDir);
  const adapterFactory = createSqliteAdapterFactory(db);
  const cookieTag = new URL(issuer).port;

  // Ask for SCIM scopes and the token is for SCIM; ask only for OIDC scopes
  // and it is a plain userinfo token (so /me answers).
  const wantsScim = (ctx: KoaContextWithOIDC): boolean => {
    if (ctx.oidc.route !== 'authorization' && ctx.oidc.route !== 'resume') return true;
    const scope = typeof ctx.oidc.params?.scope === 'string' ? ctx.oidc.params.scope : '';
    return scope.split(' ').some((s) => (SCIM_SCOPES as readonly string[]).includes(s));
  };

  const configuration: Configuration = {
    adapter: adapterFactory,
    jwks: { keys: keys.signingKeys as NonNullable<Configuration['jwks']>['keys'] },
    cookies: {
      keys: keys.cookieKeys,
      // Browsers share localhost cookies across ports: name them per sandbox so the console's cookies, and a
      // second sandbox (the e2e one on :4110 beside the demo on :4010), never collide with them.
      names: {
        session: `sandbox${cookieTag}_session`,
        interaction: `sandbox${cookieTag}_interaction`,
        resume: `sandbox${cookieTag}_resume`,
      },
      // Lax keeps cross-site form posts from carrying the interaction cookie (CSRF) while top-level redirects back from the console still work.
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    clients: [
      {
        client_id: config.consoleClientId,
        client_secret: config.consoleClientSecret,
        client_name: 'SCIM Console',
        redirect_uris: config.consoleOrigins.map((o) => `${o}${CONSOLE_CALLBACK_PATH}`),
        post_logout_redirect_uris: config.consoleOrigins.map((o) => `${o}${CONSOLE_SIGNOUT_PATH}`),
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        // openid-client 5 (next-auth 4) defaults to client_secret_basic; so must the console's own refresh call.
        token_endpoint_auth_method: 'client_secret_basic',
      },
      // The salesforce flavor also plays a Connected App for a console on the Salesforce preset.
      ...(opts.instanceUrl === undefined
        ? []
        : ([
            {
              client_id: SALESFORCE_CONSOLE_CLIENT_ID,
              client_secret: config.consoleClientSecret,
              client_name: 'SCIM Console (Salesforce preset)',
              redirect_uris: config.consoleOrigins.map((o) => `${o}/api/auth/callback/salesforce`),
              post_logout_redirect_uris: config.consoleOrigins.map((o) => `${o}${CONSOLE_SIGNOUT_PATH}`),
              grant_types: ['authorization_code', 'refresh_token'],
              response_types: ['code'],
              token_endpoint_auth_method: 'client_secret_post',
            },
          ] satisfies NonNullable<Configuration['clients']>)),
      {
        client_id: MACHINE_CLIENT_ID,
        client_secret: MACHINE_CLIENT_SECRET,
        client_name: 'Sandbox CLI',
        redirect_uris: [],
        response_types: [],
        grant_types: ['client_credentials'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    scopes: ['openid', 'offline_access', 'email', 'profile', 'groups'],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username'],
      groups: ['groups'],
    },
    // next-auth 4 with `idToken: true` reads the profile from the ID token only, so the claims must be there, not just at userinfo.
    conformIdTokenClaims: false,
    async findAccount(_ctx, sub) {
      const account = findAccountBySub(sub);
      if (!account) return undefined;
      // Read at each token and userinfo call, so a changed group shows at the next refresh.
      return { accountId: account.sub, claims: () => accountClaims(account, groups?.groupsOf(account)) };
    },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      userinfo: { enabled: true },
      revocation: {
        enabled: true,
        allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId,
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource(ctx, form) {
          ctx.set('Content-Security-Policy', PAGE_CSP);
          ctx.type = 'html';
          ctx.body = renderLogoutPage(form, ctx.host);
        },
        postLogoutSuccessSource(ctx) {
          ctx.set('Content-Security-Policy', PAGE_CSP);
          ctx.type = 'html';
          ctx.body = renderLogoutSuccessPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: (ctx) => (wantsScim(ctx) ? scimBase : undefined),
        // The console never sends `resource`: the code and refresh token's granted resource (the SCIM base) is used.
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, resourceIndicator) {
          if (resourceIndicator !== scimBase) throw new errors.InvalidTarget();
          return {
            scope: SCIM_SCOPES.join(' '),
            audience: scimBase,
            accessTokenTTL: config.accessTokenTtl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // Refresh tokens for the first-party console whenever it may use them, with no consent screen (offline_access is granted automatically).
    issueRefreshToken: (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') &&
      (code.scopes.has('offline_access') || client.clientId === config.consoleClientId || client.clientId === SALESFORCE_CONSOLE_CLIENT_ID),
    // Single use: each refresh returns a new refresh token; reusing an old one is refused and revokes the grant.
    rotateRefreshToken: true,
    ttl: {
      AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? config.accessTokenTtl,
      ClientCredentials: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? config.accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: HOUR,
      Interaction: HOUR,
      Session: 8 * HOUR,
      Grant: 14 * DAY,
      RefreshToken: DAY,
    },
    clientBasedCORS: (_ctx, origin) => config.consoleOrigins.includes(origin),
    interactions: {
      url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}`,
    },
    async renderError(ctx, out) {
      ctx.set('Content-Security-Policy', PAGE_CSP);
      ctx.type = 'html';
      ctx.body = renderErrorPage(out as unknown as Record<string, unknown>);
    },
  };

  const provider = new Provider(issuer, configuration);
  // Behind a TLS-terminating proxy (https public URL) trust X-Forwarded-* so cookies and URLs are right; on plain localhost there is no proxy.
  if (issuer.startsWith('https:')) provider.proxy = true;
  if (opts.instanceUrl !== undefined) {
    const instanceUrl = opts.instanceUrl;
    // Salesforce names the org's API host in every token response; clients derive the SCIM base from it.
    provider.use(async (ctx, next) => {
      await next();
      if (ctx.oidc?.route === 'token' && ctx.status === 200 && ctx.body && typeof ctx.body === 'object') {
        (ctx.body as Record<string, unknown>).instance_url = instanceUrl;
      }
    });
  }
  provider.on('server_error', (_ctx: unknown, err: Error) => {
    console.error(`[sandbox oidc] server_error: ${err.message}`);
  });

  const interactions = createInteractionHandler(provider, { mountPath });
  const callback = provider.callback();

  return {
    issuer,
    provider,
    publicJwks: keys.publicJwks,
    async handle(req, res) {
      const url = req.url ?? '/';
      if (url.startsWith(`${mountPath}/interaction/`)) {
        await interactions(req, res);
        return;
      }
      // Mount under the issuer path: oidc-provider derives its own URLs from originalUrl minus url.
      const rest = url.slice(mountPath.length);
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
      req.url = rest.startsWith('/') ? rest : `/${rest}`;
      await callback(req, res);
    },
  };
}
