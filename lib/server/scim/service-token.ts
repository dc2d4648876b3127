import 'server-only';
// The console's own SCIM credential (docs/decisions/0050-service-identity.md):
// a static bearer token, or an OAuth client-credentials token fetched
// server-side, cached until shortly before it expires, and fetched one at a
// time however many requests need it at once. The token never leaves this
// module except as the Bearer value the SCIM client sends; it is never logged.

import { custom, Issuer } from 'openid-client';
import { ScimError } from './errors';

/** Fetch a new token this long before the cached one expires, so no call starts with a token about to lapse. */
export const REFRESH_EARLY_MS = 60_000;
/** A token endpoint that sends no expires_in: fetch again this often rather than never. */
const ASSUMED_LIFETIME_MS = 5 * 60_000;

export type FetchedToken = { accessToken: string; expiresInS?: number };

export type ServiceTokenSource = {
  /** A valid token: the cached one, or one fresh fetch shared by every concurrent caller. */
  get(): Promise<string>;
  /** Drops the cached token (the provider refused it with 401), so the next call fetches a new one. */
  invalidate(token: string): void;
};

export function createServiceTokenSource(fetchToken: () => Promise<FetchedToken>, now: () => number = Date.now): ServiceTokenSource {
  let cached: { token: string; refreshAt: number } | null = null;
  let inflight: Promise<string> | null = null;

  async function fetchAndCache(): Promise<string> {
    let fetched: FetchedToken;
    try {
      fetched = await fetchToken();
    } catch (e) {
      // The endpoint's error code only (never the request or response body, which may echo the secret).
      const why = e instanceof Error && 'error' in e && typeof e.error === 'string' ? ` (${e.error})` : '';
      throw new ScimError({
        status: 502,
        kind: 'service-token',
        detail: `The console could not get its service token from SCIM_TOKEN_URL${why}.`,
      });
    }
    const lifetimeMs = fetched.expiresInS && fetched.expiresInS > 0 ? fetched.expiresInS * 1000 : ASSUMED_LIFETIME_MS;
    // A very short-lived token is still used once rather than fetched for every call.
    cached = { token: fetched.accessToken, refreshAt: now() + Math.max(lifetimeMs - REFRESH_EARLY_MS, lifetimeMs / 2) };
    return fetched.accessToken;
  }

  return {
    async get() {
      if (cached && cached.refreshAt > now()) return cached.token;
      inflight ??= fetchAndCache().finally(() => {
        inflight = null;
      });
      return inflight;
    },
    invalidate(token) {
      if (cached?.token === token) cached = null;
    },
  };
}

export type ClientCredentials = {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
  resource?: string;
  timeoutMs: number;
};

/** The client_credentials grant (RFC 6749 §4.4) with client_secret_basic, through openid-client. */
export function clientCredentialsFetcher(c: ClientCredentials): () => Promise<FetchedToken> {
  const issuer = new Issuer({ issuer: new URL(c.tokenUrl).origin, token_endpoint: c.tokenUrl });
  const client = new issuer.Client({
    client_id: c.clientId,
    client_secret: c.clientSecret,
    token_endpoint_auth_method: 'client_secret_basic',
  });
  client[custom.http_options] = (_url, options) => ({ ...options, timeout: c.timeoutMs });
  return async () => {
    const set = await client.grant({
      grant_type: 'client_credentials',
      ...(c.scope ? { scope: c.scope } : {}),
      ...(c.resource ? { resource: c.resource } : {}),
    });
    if (!set.access_token) throw new Error('token response without access_token');
    return { accessToken: set.access_token, expiresInS: typeof set.expires_in === 'number' ? set.expires_in : undefined };
  };
}
