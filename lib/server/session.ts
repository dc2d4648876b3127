import 'server-only';
// Over 250 lines on purpose: the session's whole life (decode, refresh once, idle and
// absolute limits, ended sessions, cookies) is security code best reviewed in one place.
// The signed-in admin's session on the server: the encrypted next-auth JWT
// cookie, its provider tokens, and their refresh. Tokens never leave this
// module except as the Bearer value handed to the SCIM client.
// See docs/decisions/0011-session-and-token-refresh.md.

import { createHash, hkdfSync } from 'node:crypto';
import { jwtDecrypt } from 'jose';
import { custom, Issuer, type BaseClient } from 'openid-client';
import { encode, type JWT } from 'next-auth/jwt';
import { env } from '@/lib/server/env';
import { log } from '@/lib/server/log';
import type { Role } from '@/lib/authz';
import { getEndedSessions, type EndedSessions } from '@/lib/server/audit/ended-sessions';
import { identityFromClaims, WANTED_CLAIMS, type Claims, type Identity } from '@/lib/server/identity';
import { isSessionOver, SESSION_MAX_AGE_S, SESSION_TOUCH_S } from '@/lib/server/session-lifetime';

export const SECURE_COOKIES = env.CONSOLE_URL.startsWith('https://');
export const SESSION_COOKIE = `${SECURE_COOKIES ? '__Secure-' : ''}next-auth.session-token`;

/** Refresh this long before the access token expires, so no call starts with a token about to lapse. */
const REFRESH_EARLY_S = 60;
/** Providers that send no expires_in (Salesforce): refresh this often rather than never. */
const ASSUMED_TOKEN_LIFETIME_S = 15 * 60;

export type ConsoleToken = JWT & {
  sub: string;
  role: Role;
  provider: 'oidc' | 'salesforce';
  /** Epoch seconds of sign-in: the session ends SESSION_MAX_AGE_HOURS after it, however active. */
  authTime: number;
  /** Epoch seconds of the last API call: the session ends SESSION_IDLE_MINUTES after it. */
  lastSeen?: number;
  /** Random id given at sign-in and kept across refreshes: what sign-out records as ended. */
  sid?: string;
  accessToken?: string;
  refreshToken?: string;
  /** Epoch seconds. */
  accessTokenExpiresAt?: number;
  /**
   * This session's SCIM base, from Salesforce's `instance_url` at sign-in, when SCIM_BASE_URL
   * is unset (lib/server/scim/session-base.ts); never copied to the browser's session.
   */
  scimBaseUrl?: string;
  error?: 'RefreshFailed';
};

/** `identity`: who the provider says the admin is now (from the refreshed ID token, else userinfo). */
export type TokenSet = { accessToken: string; refreshToken?: string; expiresAt: number; identity?: Identity; subject?: string };

export type RefreshFn = (refreshToken: string) => Promise<TokenSet>;

const nowS = () => Math.floor(Date.now() / 1000);

export function expiresAtFrom(expiresIn: unknown, expiresAt: unknown, now = nowS()): number {
  if (typeof expiresAt === 'number' && Number.isFinite(expiresAt)) return expiresAt;
  const seconds = Number(expiresIn);
  return now + (Number.isFinite(seconds) && seconds > 0 ? seconds : ASSUMED_TOKEN_LIFETIME_S);
}

// Rotating refresh tokens are single-use: parallel requests of one session
// must share one refresh. Results are kept while the new access token is
// valid, so a request still carrying the old cookie (its response raced the
// refresh) gets the same new tokens instead of replaying a spent one.
type Shared = { promise: Promise<TokenSet>; keepUntil: number };
const refreshes = new Map<string, Shared>();
const MAX_SHARED = 1000;
const SHARED_GRACE_S = 30;

export function dedupeRefresh(refreshToken: string, refresh: RefreshFn, now = nowS()): Promise<TokenSet> {
  const key = createHash('sha256').update(refreshToken).digest('base64url');
  for (const [k, v] of refreshes) if (v.keepUntil <= now) refreshes.delete(k);
  const existing = refreshes.get(key);
  if (existing) return existing.promise;
  if (refreshes.size >= MAX_SHARED) refreshes.delete(refreshes.keys().next().value!);
  const entry: Shared = {
    keepUntil: now + 120,
    promise: refresh(refreshToken).then(
      (tokens) => {
        // At least a short grace, even for tokens that live less than REFRESH_EARLY_S: the page's
        // parallel calls that left with the old cookie then share this refresh instead of replaying
        // the spent token; never past the new access token's own expiry.
        entry.keepUntil = Math.min(tokens.expiresAt, Math.max(now + SHARED_GRACE_S, tokens.expiresAt - REFRESH_EARLY_S));
        return tokens;
      },
      (error: unknown) => {
        refreshes.delete(key);
        throw error;
      },
    ),
  };
  refreshes.set(key, entry);
  return entry.promise;
}

/** Usable as is: an access token that is not within REFRESH_EARLY_S of expiring (what a page render may use; it cannot refresh). */
export function isTokenFresh(token: ConsoleToken, now = nowS()): boolean {
  if (token.error || !token.accessToken) return false;
  return token.accessTokenExpiresAt === undefined || token.accessTokenExpiresAt - REFRESH_EARLY_S > now;
}

/** Returns the same object when nothing needed doing, a new one when tokens changed or the refresh failed. */
export async function refreshIfNeeded(token: ConsoleToken, refresh: RefreshFn = refreshWithProvider, now = nowS()): Promise<ConsoleToken> {
  if (token.error || !token.accessToken || isTokenFresh(token, now)) return token;
  if (!token.refreshToken) return { ...token, accessToken: undefined, error: 'RefreshFailed' };
  try {
    const fresh = await dedupeRefresh(token.refreshToken, refresh, now);
    if (fresh.subject !== undefined && fresh.subject !== token.sub) throw new Error('the refreshed tokens are for another subject');
    return {
      ...token,
      // The role follows the provider: an admin removed from the group loses the role now.
      ...(fresh.identity ?? {}),
      accessToken: fresh.accessToken,
      // Providers that do not rotate send no new refresh token: keep the old one.
      refreshToken: fresh.refreshToken ?? token.refreshToken,
      accessTokenExpiresAt: fresh.expiresAt,
    };
  } catch (error) {
    log.warn('token refresh failed', { sub: token.sub, error });
    return { ...token, accessToken: undefined, refreshToken: undefined, error: 'RefreshFailed' };
  }
}

let issuerClient: Promise<BaseClient> | null = null;

/**
 * The console's client at the issuer, through openid-client (as next-auth's sign-in):
 * discovery once per process, the console's credentials (client_secret_basic;
 * Salesforce: client_secret_post), SCIM_TIMEOUT_MS per call.
 */
function oidcClient(): Promise<BaseClient> {
  issuerClient ??= Issuer.discover(env.AUTH_OIDC_ISSUER).then(
    (issuer) => {
      const client = new issuer.Client({
        client_id: env.AUTH_OIDC_CLIENT_ID,
        client_secret: env.AUTH_OIDC_CLIENT_SECRET,
        token_endpoint_auth_method: env.AUTH_PROVIDER === 'salesforce' ? 'client_secret_post' : 'client_secret_basic',
      });
      client[custom.http_options] = (_url, options) => ({ ...options, timeout: env.SCIM_TIMEOUT_MS });
      return client;
    },
    (error: unknown) => {
      issuerClient = null;
      throw error;
    },
  );
  return issuerClient;
}

/**
 * The refresh_token grant, and who the admin is now: the refreshed ID token's
 * claims (openid-client verifies it against the issuer's keys), topped up from
 * userinfo when the roles claim or others are missing. Without them the refresh
 * fails: a role is never kept on trust.
 */
async function refreshWithProvider(refreshToken: string): Promise<TokenSet> {
  const client = await oidcClient();
  const set = await client.refresh(refreshToken);
  if (!set.access_token) throw new Error('the refresh_token grant sent no access_token');
  let claims: Claims = set.id_token ? (set.claims() as Claims) : {};
  if (!WANTED_CLAIMS.every((c) => claims[c] !== undefined)) {
    if (!client.issuer.metadata.userinfo_endpoint) {
      if (!claims.sub) throw new Error('the refresh sent no ID token and the issuer has no userinfo endpoint');
    } else {
      // The ID token wins where both say something.
      claims = { ...((await client.userinfo(set.access_token)) as Claims), ...claims };
    }
  }
  return {
    accessToken: set.access_token,
    refreshToken: set.refresh_token,
    expiresAt: expiresAtFrom(set.expires_in, set.expires_at),
    identity: identityFromClaims(claims),
    subject: typeof claims.sub === 'string' ? claims.sub : undefined,
  };
}

/**
 * RFC 7009: tell the issuer the refresh token is dead, so a copy of the cookie
 * cannot mint access tokens any more. Where discovery names no
 * revocation_endpoint the ended-sessions list still refuses the cookie.
 */
export async function revokeRefreshToken(refreshToken: string): Promise<boolean> {
  const client = await oidcClient();
  if (!client.issuer.metadata.revocation_endpoint) return false;
  await client.revoke(refreshToken, 'refresh_token');
  return true;
}

// --- the cookie ---------------------------------------------------------------

// next-auth splits cookies over ~3.9 kB into name.0, name.1, …; read and write the same way.
const CHUNK_SIZE = 4096 - 163;

export function parseCookieHeader(header: string | null): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    const raw = part.slice(i + 1).trim();
    try {
      map.set(name, decodeURIComponent(raw));
    } catch {
      map.set(name, raw);
    }
  }
  return map;
}

function sessionChunks(cookies: Map<string, string>): string[] {
  return [...cookies.keys()].filter((n) => n === SESSION_COOKIE || n.startsWith(`${SESSION_COOKIE}.`));
}

export function readSessionCookie(cookies: Map<string, string>): string | null {
  const names = sessionChunks(cookies).sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()));
  const value = names.map((n) => cookies.get(n)).join('');
  return value || null;
}

function serialize(name: string, value: string, expires: Date): string {
  const attrs = [`${name}=${value}`, 'Path=/', `Expires=${expires.toUTCString()}`, 'HttpOnly', 'SameSite=Lax'];
  if (SECURE_COOKIES) attrs.push('Secure');
  return attrs.join('; ');
}

function sessionSetCookies(jwt: string, previous: Map<string, string>, expires: Date): string[] {
  const count = Math.ceil(jwt.length / CHUNK_SIZE);
  const names = count === 1 ? [SESSION_COOKIE] : Array.from({ length: count }, (_, i) => `${SESSION_COOKIE}.${i}`);
  const out = names.map((n, i) => serialize(n, jwt.slice(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE), expires));
  for (const old of sessionChunks(previous)) if (!names.includes(old)) out.push(serialize(old, '', new Date(0)));
  return out;
}

// next-auth's decode() derives this key (HKDF) on every call, the largest single cost
// of an API request in the profile; it depends only on the secret, so derive it once.
// Same derivation and checks as next-auth 4's jwt decode (dir/A256GCM, 15 s tolerance).
let encryptionKey: Uint8Array | null = null;
const sessionKey = () =>
  (encryptionKey ??= new Uint8Array(hkdfSync('sha256', env.AUTH_SECRET, '', 'NextAuth.js Generated Encryption Key', 32)));

export type EndedSessionsFn = () => Promise<Pick<EndedSessions, 'isEnded'>>;

/**
 * The session in a cookie: null when absent, not ours, past its absolute or idle
 * limit, from before session ids, or signed out (the ended-sessions list).
 */
export async function decodeSession(jwt: string | null, endedSessions: EndedSessionsFn = getEndedSessions): Promise<ConsoleToken | null> {
  if (!jwt) return null;
  let token: ConsoleToken | null;
  try {
    const { payload } = await jwtDecrypt(jwt, sessionKey(), { clockTolerance: 15 });
    token = payload as ConsoleToken;
  } catch {
    return null;
  }
  if (!token || typeof token.sub !== 'string' || typeof token.sid !== 'string' || isSessionOver(token)) return null;
  // A database that cannot answer is an error, not a pass: the cookie may be a signed-out one.
  if (await (await endedSessions()).isEnded(token.sid)) return null;
  return token;
}

export type RequestSession = {
  token: ConsoleToken;
  /** Set-Cookie values to add to the response when the tokens were refreshed or the last use moved. */
  setCookies: string[];
};

/**
 * The session of a route handler's request, refreshed when its access token is
 * about to expire, its last use recorded for the idle limit; the caller returns
 * `setCookies` so the rotated tokens and the new last use stick.
 */
export async function getRequestSession(
  request: Request,
  refresh: RefreshFn = refreshWithProvider,
  endedSessions: EndedSessionsFn = getEndedSessions,
  now = nowS(),
): Promise<RequestSession | null> {
  const cookies = parseCookieHeader(request.headers.get('cookie'));
  const token = await decodeSession(readSessionCookie(cookies), endedSessions);
  if (!token) return null;
  let next = await refreshIfNeeded(token, refresh);
  if (now - (token.lastSeen ?? token.authTime) >= SESSION_TOUCH_S) next = { ...next, lastSeen: now };
  if (next === token) return { token, setCookies: [] };
  const jwt = await encode({ token: next, secret: env.AUTH_SECRET, maxAge: SESSION_MAX_AGE_S });
  return { token: next, setCookies: sessionSetCookies(jwt, cookies, new Date(Date.now() + SESSION_MAX_AGE_S * 1000)) };
}
