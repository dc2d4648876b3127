// The relying-party library next-auth 4 uses (openid-client 5, its own dependency)
// against the sandbox issuer, configured as next-auth configures it: discovery from
// wellKnown, client_secret_basic by default, PKCE + state, ID token validation, refresh.
import { Issuer, generators } from 'openid-client';
import { describe, expect, it } from 'vitest';
import { oidcServerForThisFile } from '../testing/oidc-server';
import { CONSOLE_CLIENT, CONSOLE_SCOPE, CookieJar, DEFAULT_REDIRECT_URI } from '../testing/tokens';

const oidc = oidcServerForThisFile();

async function browserSignIn(authUrl: string, email: string): Promise<string> {
  const jar = new CookieJar();
  let url = authUrl;
  let init: RequestInit = {};
  for (let hop = 0; hop < 12; hop += 1) {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), Cookie: jar.header() },
    });
    jar.store(res);
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url).href;
      if (next.startsWith(DEFAULT_REDIRECT_URI)) return next;
      url = next;
      init = {};
      continue;
    }
    const action = /<form[^>]*action="([^"]+)"/.exec(await res.text())?.[1];
    if (!action) throw new Error(`stuck at ${url} with status ${res.status}`);
    url = new URL(action, url).href;
    init = {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password: 'demo' }).toString(),
    };
  }
  throw new Error('too many hops');
}

describe('openid-client 5 (next-auth 4) against the sandbox issuer', () => {
  it('signs in with PKCE + state, validates the ID token, reads claims from it, and refreshes', async () => {
    const issuer = await Issuer.discover(`${oidc().issuer}/.well-known/openid-configuration`);
    // next-auth passes only id, secret and redirect URI: token_endpoint_auth_method defaults to client_secret_basic.
    const client = new issuer.Client({
      client_id: CONSOLE_CLIENT.id,
      client_secret: CONSOLE_CLIENT.secret,
      redirect_uris: [DEFAULT_REDIRECT_URI],
    });
    const verifier = generators.codeVerifier();
    const state = generators.state();
    const authUrl = client.authorizationUrl({
      scope: CONSOLE_SCOPE,
      code_challenge: generators.codeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });

    const callbackUrl = await browserSignIn(authUrl, 'auditor@example.com');
    const params = client.callbackParams(callbackUrl);
    const tokens = await client.callback(DEFAULT_REDIRECT_URI, params, { code_verifier: verifier, state });

    expect(tokens.claims()).toMatchObject({
      iss: oidc().issuer,
      sub: 'demo-auditor',
      email: 'auditor@example.com',
      name: 'Audrey Auditor',
      groups: ['auditors'],
    });
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expect(await oidc().authenticate({ headers: { authorization: `Bearer ${tokens.access_token}` } })).toMatchObject({
      scopes: new Set(['scim:read']),
    });

    const refreshed = await client.refresh(tokens.refresh_token ?? '');
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(refreshed.claims()).toMatchObject({ sub: 'demo-auditor', groups: ['auditors'] });
    expect(await oidc().authenticate({ headers: { authorization: `Bearer ${refreshed.access_token}` } })).not.toBeNull();
  });
});
