// The sandbox issuer over real HTTP, driven the way next-auth 4 (openid-client 5) drives it.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRemoteJWKSet, importJWK, jwtVerify, SignJWT } from 'jose';
import { createAuthenticator } from '../access-token';
import { loadOrCreateOidcKeys } from './keys';
import { oidcServerForThisFile } from '../testing/oidc-server';
import {
  CONSOLE_CLIENT,
  discover,
  exchangeCode,
  jwtPayload,
  machineToken,
  MACHINE_CLIENT,
  refreshTokens,
  signInAs,
  startSignIn,
  submitLogin,
  tokenRequest,
  type TokenResponse,
} from '../testing/tokens';

const oidc = oidcServerForThisFile();

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe('discovery', () => {
  it('publishes the issuer and its endpoints', async () => {
    const d = await discover(oidc().issuer);
    expect(d.issuer).toBe(oidc().issuer);
    expect(oidc().issuer).toMatch(/^http:\/\/localhost:\d+\/oidc$/);
    expect(d.authorization_endpoint).toBe(`${oidc().issuer}/auth`);
    expect(d.token_endpoint).toBe(`${oidc().issuer}/token`);
    expect(d.userinfo_endpoint).toBe(`${oidc().issuer}/me`);
    expect(d.jwks_uri).toBe(`${oidc().issuer}/jwks`);
    expect(d.end_session_endpoint).toBe(`${oidc().issuer}/session/end`);
    expect(d.code_challenge_methods_supported).toContain('S256');
    expect(d.token_endpoint_auth_methods_supported).toContain('client_secret_basic');
    expect(d.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']));
    expect(d.scopes_supported).toEqual(expect.arrayContaining(['openid', 'email', 'profile', 'groups', 'offline_access']));
    expect(d.claims_supported).toEqual(expect.arrayContaining(['sub', 'email', 'name', 'groups']));
  });

  it('answers on 127.0.0.1 as well as localhost', async () => {
    const port = new URL(oidc().url).port;
    const res = await fetch(`http://127.0.0.1:${port}/oidc/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { issuer: string }).issuer).toBe(oidc().issuer);
  });
});

describe('login page', () => {
  it('is a plain accessible form with the demo accounts and no external resources', async () => {
    const attempt = await startSignIn(oidc().issuer);
    const html = attempt.loginHtml;
    expect(attempt.loginStatus).toBe(200);
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<title>[^<]*Sign in[^<]*<\/title>/);
    expect(html).toMatch(/<h1>[^<]+<\/h1>/);
    expect(html).toMatch(/<label for="email">Email<\/label>\s*<input id="email" name="email"/);
    expect(html).toMatch(/<label for="password">Password<\/label>\s*<input id="password" name="password" type="password"/);
    expect(html).toMatch(/<button type="submit">Sign in<\/button>/);
    expect(html).toMatch(/:focus-visible/);
    expect(html).toMatch(/prefers-color-scheme: dark/);
    for (const email of ['admin@example.com', 'helpdesk@example.com', 'auditor@example.com', 'nobody@example.com']) {
      expect(html).toContain(email);
    }
    expect(html).not.toMatch(/(src|href)="https?:|@import|<script[^>]*src/i);
    expect(attempt.formAction).toMatch(new RegExp(`^${oidc().url}/oidc/interaction/[\\w-]+/login$`));
  });

  it('has a button per demo account that fills the email field, with or without its one hashed script', async () => {
    const attempt = await startSignIn(oidc().issuer);
    const html = attempt.loginHtml;
    const page = attempt.formAction.replace(/\/login$/, '');
    for (const email of ['admin@example.com', 'helpdesk@example.com', 'auditor@example.com', 'nobody@example.com']) {
      // A real button in a GET form back to this page: keyboard and no-JS work as a click does.
      expect(html).toContain(
        `<form method="get" action="${new URL(page).pathname}"><button class="secondary" type="submit" name="email" value="${email}" data-email="${email}">Use ${email}</button></form>`,
      );
    }
    const filled = await fetch(`${page}?email=${encodeURIComponent('helpdesk@example.com')}`, {
      headers: { Cookie: attempt.jar.header() },
    });
    expect(filled.status).toBe(200);
    const filledHtml = await filled.text();
    expect(filledHtml).toMatch(
      /<input id="email" name="email" type="email" autocomplete="username" required value="helpdesk@example.com">/,
    );
    expect(filledHtml).toMatch(/<input id="password" name="password" type="password" autocomplete="current-password" required autofocus>/);

    // Every inline script is allowed by its hash in the CSP, and nothing else is.
    const csp = filled.headers.get('content-security-policy') ?? '';
    const scripts = [...filledHtml.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] as string);
    expect(scripts).toHaveLength(1);
    for (const script of scripts) expect(csp).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc.trim()).toMatch(/^script-src 'sha256-[A-Za-z0-9+/]+=*'$/);
  });

  it('re-renders the form with an alert on a wrong password, then accepts the right one', async () => {
    const attempt = await startSignIn(oidc().issuer);
    const wrong = await submitLogin(attempt, 'admin@example.com', 'not-demo');
    expect('status' in wrong && wrong.status).toBe(401);
    if (!('html' in wrong)) throw new Error('expected the login page again');
    expect(wrong.html).toMatch(/<div role="alert"[^>]*>Wrong email or password\.<\/div>/);
    expect(wrong.html).toContain('value="admin@example.com"');
    expect(wrong.html).toMatch(/<button type="submit">Sign in<\/button>/);

    const unknown = await submitLogin(attempt, 'mallory@example.com', 'demo');
    expect('status' in unknown && unknown.status).toBe(401);

    const right = await submitLogin(attempt, 'admin@example.com', 'demo');
    if (!('code' in right)) throw new Error(`expected a code, got status ${right.status}`);
    expect(right.state).toBe(attempt.state);
    expect(right.iss).toBe(oidc().issuer);
    const tokens = await exchangeCode(attempt, right.code);
    expect(jwtPayload(tokens.access_token).sub).toBe('demo-admin');
  });

  it('answers a stale or foreign interaction URL with a page, not a 500', async () => {
    const res = await fetch(`${oidc().issuer}/interaction/nope`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('role="alert"');
  });
});

describe('authorization code + PKCE for the console client', () => {
  const cases = [
    { email: 'admin@example.com', sub: 'demo-admin', name: 'Ada Admin', groups: ['scim-admins'], scopes: ['scim:read', 'scim:write'] },
    {
      email: 'helpdesk@example.com',
      sub: 'demo-helpdesk',
      name: 'Hal Helpdesk',
      groups: ['helpdesk'],
      scopes: ['scim:read', 'scim:write'],
    },
    { email: 'auditor@example.com', sub: 'demo-auditor', name: 'Audrey Auditor', groups: ['auditors'], scopes: ['scim:read'] },
    { email: 'nobody@example.com', sub: 'demo-nobody', name: 'Nora Nobody', groups: [], scopes: [] },
  ];

  it.each(cases)('$email gets an ID token with profile claims and a SCIM access token with $scopes', async (c) => {
    const tokens = await signInAs(oidc().issuer, c.email);
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.refresh_token).toEqual(expect.any(String));

    // The ID token verifies against the published JWKS, as openid-client does.
    const { jwks_uri } = await discover(oidc().issuer);
    const { payload: id } = await jwtVerify(tokens.id_token ?? '', createRemoteJWKSet(new URL(jwks_uri)), {
      issuer: oidc().issuer,
      audience: CONSOLE_CLIENT.id,
      algorithms: ['RS256'],
    });
    expect(id).toMatchObject({ sub: c.sub, email: c.email, email_verified: true, name: c.name, groups: c.groups });

    const at = jwtPayload(tokens.access_token);
    expect(at).toMatchObject({ iss: oidc().issuer, aud: oidc().scimBase, sub: c.sub, client_id: CONSOLE_CLIENT.id });
    expect(((at.scope as string | undefined) ?? '').split(' ').filter(Boolean).sort()).toEqual(c.scopes);
    expect((at.exp as number) - (at.iat as number)).toBe(600);

    const info = await oidc().authenticate(bearer(tokens.access_token));
    expect(info).not.toBeNull();
    expect([...(info?.scopes ?? [])].sort()).toEqual(c.scopes);
    expect(info?.subject).toBe(c.sub);
  });

  it('refuses a code exchange without the PKCE verifier', async () => {
    const attempt = await startSignIn(oidc().issuer);
    const result = await submitLogin(attempt, 'admin@example.com', 'demo');
    if (!('code' in result)) throw new Error('expected a code');
    const res = await tokenRequest(oidc().issuer, {
      grant_type: 'authorization_code',
      code: result.code,
      redirect_uri: attempt.redirectUri,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses an authorization request without PKCE', async () => {
    const { authorization_endpoint } = await discover(oidc().issuer);
    const url = new URL(authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: CONSOLE_CLIENT.id,
      redirect_uri: 'http://localhost:3000/api/auth/callback/oidc',
      scope: 'openid',
    }).toString();
    const res = await fetch(url, { redirect: 'manual' });
    const location = new URL(res.headers.get('location') ?? '', url);
    expect(location.searchParams.get('error')).toBe('invalid_request');
  });

  it('refuses a redirect URI that is not registered, on its own error page', async () => {
    const { authorization_endpoint } = await discover(oidc().issuer);
    const url = new URL(authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: CONSOLE_CLIENT.id,
      redirect_uri: 'http://evil.example/api/auth/callback/oidc',
      scope: 'openid',
      code_challenge: 'x'.repeat(43),
      code_challenge_method: 'S256',
    }).toString();
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('redirect_uri did not match any of the client&#39;s registered redirect_uris');
    expect(html).toContain('role="alert"');
    expect(html).not.toMatch(/(src|href)="https?:|@import|<script/i);
  });

  it('answers userinfo with the profile claims when only OIDC scopes were asked for', async () => {
    const tokens = await signInAs(oidc().issuer, 'auditor@example.com', { scope: 'openid email profile groups' });
    // Without SCIM scopes the access token is the issuer's own (opaque) userinfo token.
    expect(tokens.access_token.split('.')).toHaveLength(1);
    const res = await fetch(`${oidc().issuer}/me`, bearer(tokens.access_token));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      sub: 'demo-auditor',
      email: 'auditor@example.com',
      name: 'Audrey Auditor',
      groups: ['auditors'],
    });
  });
});

describe('refresh tokens', () => {
  it('rotate: the new one works, the old one is refused', async () => {
    const first = await signInAs(oidc().issuer, 'admin@example.com');
    const rt1 = first.refresh_token ?? '';

    const r1 = await refreshTokens(oidc().issuer, rt1);
    expect(r1.status).toBe(200);
    const second = (await r1.json()) as TokenResponse;
    expect(second.refresh_token).toEqual(expect.any(String));
    expect(second.refresh_token).not.toBe(rt1);
    expect(jwtPayload(second.access_token)).toMatchObject({ aud: oidc().scimBase, scope: 'scim:read scim:write' });
    expect(jwtPayload(second.id_token ?? '')).toMatchObject({ email: 'admin@example.com', groups: ['scim-admins'] });

    const r2 = await refreshTokens(oidc().issuer, second.refresh_token ?? '');
    expect(r2.status).toBe(200);
    const third = (await r2.json()) as TokenResponse;

    const reuse = await refreshTokens(oidc().issuer, rt1);
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toMatchObject({ error: 'invalid_grant' });

    // Reuse is treated as theft: the whole grant is revoked, so the newest token dies too.
    const afterReuse = await refreshTokens(oidc().issuer, third.refresh_token ?? '');
    expect(afterReuse.status).toBe(400);
  });

  it('keeps the account’s scopes on refresh', async () => {
    const tokens = await signInAs(oidc().issuer, 'auditor@example.com');
    const res = await refreshTokens(oidc().issuer, tokens.refresh_token ?? '');
    const refreshed = (await res.json()) as TokenResponse;
    expect(jwtPayload(refreshed.access_token)).toMatchObject({ aud: oidc().scimBase, scope: 'scim:read' });
  });

  it('refuses another client’s refresh token', async () => {
    const tokens = await signInAs(oidc().issuer, 'admin@example.com');
    const res = await refreshTokens(oidc().issuer, tokens.refresh_token ?? '', MACHINE_CLIENT);
    expect(res.status).toBe(400);
  });
});

describe('client_credentials for sandbox-cli', () => {
  it('issues a SCIM JWT with both scopes', async () => {
    const token = await machineToken(oidc().issuer);
    expect(jwtPayload(token)).toMatchObject({
      iss: oidc().issuer,
      aud: oidc().scimBase,
      client_id: 'sandbox-cli',
      scope: 'scim:read scim:write',
    });
    const info = await oidc().authenticate(bearer(token));
    expect([...(info?.scopes ?? [])].sort()).toEqual(['scim:read', 'scim:write']);
  });

  it('gives only scim:read when only scim:read is asked for', async () => {
    const token = await machineToken(oidc().issuer, 'scim:read');
    expect(jwtPayload(token).scope).toBe('scim:read');
    expect([...((await oidc().authenticate(bearer(token)))?.scopes ?? [])]).toEqual(['scim:read']);
  });

  it('refuses a wrong secret and the console client', async () => {
    const wrong = await tokenRequest(
      oidc().issuer,
      { grant_type: 'client_credentials', scope: 'scim:read' },
      { id: 'sandbox-cli', secret: 'nope' },
    );
    expect(wrong.status).toBe(401);
    const consoleClient = await tokenRequest(oidc().issuer, { grant_type: 'client_credentials', scope: 'scim:read' }, CONSOLE_CLIENT);
    expect(consoleClient.status).toBe(400);
    expect(await consoleClient.json()).toMatchObject({
      error: 'invalid_request',
      error_description: 'requested grant type is not allowed for this client',
    });
  });
});

describe('authenticate (the SCIM half’s verifier)', () => {
  async function signWith(claims: Record<string, unknown>, opts: { typ?: string; expiresIn?: number } = {}) {
    const { signingKeys } = await loadOrCreateOidcKeys(oidc().dataDir);
    const jwk = signingKeys[0];
    if (!jwk) throw new Error('no key');
    const key = await importJWK(jwk, 'RS256');
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: opts.typ ?? 'at+jwt' })
      .setIssuedAt(now)
      .setExpirationTime(now + (opts.expiresIn ?? 600))
      .sign(key);
  }

  it('accepts a token it can verify', async () => {
    const token = await signWith({ iss: oidc().issuer, aud: oidc().scimBase, sub: 'x', scope: 'scim:read' });
    expect(await oidc().authenticate(bearer(token))).toMatchObject({ scopes: new Set(['scim:read']), subject: 'x' });
  });

  it('rejects a missing, non-bearer or garbage Authorization header', async () => {
    expect(await oidc().authenticate({ headers: {} })).toBeNull();
    expect(await oidc().authenticate({ headers: { authorization: 'Basic c2FuZGJveC1jbGk6c2VjcmV0' } })).toBeNull();
    expect(await oidc().authenticate(bearer('garbage'))).toBeNull();
    expect(await oidc().authenticate(bearer('a.b.c'))).toBeNull();
    expect(await oidc().authenticate({ headers: { authorization: 'Bearer ' } })).toBeNull();
  });

  it('rejects the wrong audience, the wrong issuer, an ID token and an expired token', async () => {
    expect(
      await oidc().authenticate(
        bearer(await signWith({ iss: oidc().issuer, aud: 'http://elsewhere.example/scim/v2', scope: 'scim:read' })),
      ),
    ).toBeNull();
    expect(
      await oidc().authenticate(bearer(await signWith({ iss: 'http://evil.example/oidc', aud: oidc().scimBase, scope: 'scim:read' }))),
    ).toBeNull();
    expect(
      await oidc().authenticate(
        bearer(await signWith({ iss: oidc().issuer, aud: oidc().scimBase, scope: 'scim:read' }, { expiresIn: -60 })),
      ),
    ).toBeNull();

    const tokens = await signInAs(oidc().issuer, 'admin@example.com');
    expect(await oidc().authenticate(bearer(tokens.id_token ?? ''))).toBeNull();

    // A real issued token, checked by a verifier whose clock is past its expiry.
    const later = createAuthenticator({
      issuer: oidc().issuer,
      audience: oidc().scimBase,
      jwks: oidc().publicJwks,
      now: () => new Date(Date.now() + 11 * 60_000),
    });
    expect(await oidc().authenticate(bearer(tokens.access_token))).not.toBeNull();
    expect(await later(bearer(tokens.access_token))).toBeNull();
  });

  it('rejects a token signed by another key', async () => {
    const { generateKeyPair } = await import('jose');
    const { privateKey } = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ iss: oidc().issuer, aud: oidc().scimBase, scope: 'scim:read scim:write' })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: oidc().publicJwks.keys[0]?.kid })
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(privateKey);
    expect(await oidc().authenticate(bearer(forged))).toBeNull();
  });
});

describe('sign-out (RP-initiated logout)', () => {
  it('shows a local confirmation page and returns to the console’s /signin', async () => {
    const attempt = await startSignIn(oidc().issuer);
    const result = await submitLogin(attempt, 'admin@example.com', 'demo');
    if (!('code' in result)) throw new Error('expected a code');
    const tokens = await exchangeCode(attempt, result.code);
    const { end_session_endpoint } = await discover(oidc().issuer);
    const url = new URL(end_session_endpoint ?? '');
    url.search = new URLSearchParams({
      id_token_hint: tokens.id_token ?? '',
      post_logout_redirect_uri: 'http://localhost:3000/signin',
    }).toString();

    const page = await fetch(url, { headers: { Cookie: attempt.jar.header() } });
    attempt.jar.store(page);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<html lang="en">/);
    expect(html).not.toMatch(/(src|href)="https?:|@import/i);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(action && xsrf).toBeTruthy();

    const confirm = await fetch(new URL(action ?? '', url), {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: attempt.jar.header(), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrf ?? '', logout: 'yes' }).toString(),
    });
    expect(confirm.status).toBe(303);
    expect(confirm.headers.get('location')).toBe('http://localhost:3000/signin');
  });

  it('names its cookies per sandbox port', async () => {
    const attempt = await startSignIn(oidc().issuer);
    expect(attempt.jar.header()).toMatch(new RegExp(`sandbox${new URL(oidc().url).port}_interaction=`));
  });
});
