// Test helpers: get real tokens from a running sandbox issuer over HTTP, the
// way the console (authorization code + PKCE) and scripts (client_credentials) do.
import { createHash, randomBytes } from 'node:crypto';

export const CONSOLE_CLIENT = { id: 'scim-console', secret: 'scim-console-secret' } as const;
export const MACHINE_CLIENT = { id: 'sandbox-cli', secret: 'sandbox-cli-secret' } as const;
export const CONSOLE_SCOPE = 'openid email profile groups offline_access scim:read scim:write';
export const DEFAULT_REDIRECT_URI = 'http://localhost:3000/api/auth/callback/oidc';

export type Client = { id: string; secret: string };

export type TokenResponse = {
  access_token: string;
  token_type: string;
  expires_in?: number;
  scope?: string;
  id_token?: string;
  refresh_token?: string;
};

export type Discovery = {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri: string;
  end_session_endpoint?: string;
  revocation_endpoint?: string;
  [key: string]: unknown;
};

export async function discover(issuer: string): Promise<Discovery> {
  const res = await fetch(`${issuer}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`discovery failed: ${res.status}`);
  return (await res.json()) as Discovery;
}

export function basicAuth(client: Client): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`).toString('base64')}`;
}

/** POST to the token endpoint with client_secret_basic; returns the raw response so tests can assert on refusals. */
export async function tokenRequest(issuer: string, params: Record<string, string>, client: Client = CONSOLE_CLIENT): Promise<Response> {
  const { token_endpoint } = await discover(issuer);
  return fetch(token_endpoint, {
    method: 'POST',
    headers: { Authorization: basicAuth(client), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
}

async function expectTokens(res: Response, what: string): Promise<TokenResponse> {
  const body = (await res.json()) as TokenResponse & { error?: string; error_description?: string };
  if (!res.ok) throw new Error(`${what} failed: ${res.status} ${body.error ?? ''} ${body.error_description ?? ''}`);
  return body;
}

/** A client_credentials access token for `sandbox-cli` (what scripts and the SCIM conformance suite use). */
export async function machineToken(issuer: string, scope = 'scim:read scim:write', client: Client = MACHINE_CLIENT): Promise<string> {
  const res = await tokenRequest(issuer, { grant_type: 'client_credentials', scope }, client);
  return (await expectTokens(res, 'client_credentials')).access_token;
}

export async function refreshTokens(issuer: string, refreshToken: string, client: Client = CONSOLE_CLIENT): Promise<Response> {
  return tokenRequest(issuer, { grant_type: 'refresh_token', refresh_token: refreshToken }, client);
}

/** A minimal cookie jar: enough for one host's sign-in redirects. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expires = attrs.map((a) => a.trim()).find((a) => /^expires=/i.test(a));
      const expired = expires ? Date.parse(expires.slice(8)) <= Date.now() : false;
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export type SignInOptions = {
  scope?: string;
  client?: Client;
  redirectUri?: string;
};

export type SignInAttempt = {
  issuer: string;
  jar: CookieJar;
  client: Client;
  redirectUri: string;
  codeVerifier: string;
  state: string;
  /** The login page's HTML and the URL its form posts to. */
  loginHtml: string;
  loginStatus: number;
  formAction: string;
};

/** GET /auth (code + PKCE S256) and follow redirects to the login form. */
export async function startSignIn(issuer: string, opts: SignInOptions = {}): Promise<SignInAttempt> {
  const client = opts.client ?? CONSOLE_CLIENT;
  const redirectUri = opts.redirectUri ?? DEFAULT_REDIRECT_URI;
  const codeVerifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const { authorization_endpoint } = await discover(issuer);
  const url = new URL(authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: client.id,
    redirect_uri: redirectUri,
    scope: opts.scope ?? CONSOLE_SCOPE,
    state,
    code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  const jar = new CookieJar();
  const { res, url: finalUrl } = await follow(jar, url.href, { method: 'GET' }, redirectUri);
  if ('code' in res) throw new Error('authorization completed without a login form');
  const loginHtml = await res.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(loginHtml)?.[1];
  if (!action) throw new Error(`no login form (status ${res.status}): ${loginHtml.slice(0, 300)}`);
  return {
    issuer,
    jar,
    client,
    redirectUri,
    codeVerifier,
    state,
    loginHtml,
    loginStatus: res.status,
    formAction: new URL(decodeEntities(action), finalUrl).href,
  };
}

export type LoginResult = { code: string; state: string | null; iss: string | null } | { status: number; html: string };

/** POST the login form and follow redirects: either the code arrives at the redirect URI, or a page is shown. */
export async function submitLogin(attempt: SignInAttempt, email: string, password: string): Promise<LoginResult> {
  const { res } = await follow(
    attempt.jar,
    attempt.formAction,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password }).toString(),
    },
    attempt.redirectUri,
  );
  if ('code' in res) return res;
  return { status: res.status, html: await res.text() };
}

export async function exchangeCode(attempt: SignInAttempt, code: string): Promise<TokenResponse> {
  const res = await tokenRequest(
    attempt.issuer,
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: attempt.redirectUri,
      code_verifier: attempt.codeVerifier,
    },
    attempt.client,
  );
  return expectTokens(res, 'authorization_code');
}

/** The whole browser sign-in for a demo account (password `demo`), then the code exchange. */
export async function signInAs(issuer: string, email: string, opts: SignInOptions & { password?: string } = {}): Promise<TokenResponse> {
  const attempt = await startSignIn(issuer, opts);
  const result = await submitLogin(attempt, email, opts.password ?? 'demo');
  if (!('code' in result)) throw new Error(`sign-in as ${email} ended on a page with status ${result.status}`);
  if (result.state !== attempt.state) throw new Error('state mismatch');
  return exchangeCode(attempt, result.code);
}

/** Decode a JWT's payload without verifying it (tests assert on claims; verification is tested separately). */
export function jwtPayload(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1];
  if (!part) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function follow(
  jar: CookieJar,
  startUrl: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
  redirectUri: string,
): Promise<{ res: Response | { code: string; state: string | null; iss: string | null }; url: string }> {
  let url = startUrl;
  let request = init;
  for (let hop = 0; hop < 10; hop += 1) {
    const res = await fetch(url, {
      ...request,
      redirect: 'manual',
      headers: { ...request.headers, Cookie: jar.header() },
    });
    jar.store(res);
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) return { res, url };
    const next = new URL(location, url);
    if (next.href.startsWith(redirectUri)) {
      const error = next.searchParams.get('error');
      if (error) throw new Error(`authorization error: ${error} ${next.searchParams.get('error_description') ?? ''}`);
      const code = next.searchParams.get('code');
      if (!code) throw new Error('redirect without a code');
      return { res: { code, state: next.searchParams.get('state'), iss: next.searchParams.get('iss') }, url };
    }
    url = next.href;
    request = { method: 'GET' };
  }
  throw new Error('too many redirects');
}

function decodeEntities(s: string): string {
  return s.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>');
}
