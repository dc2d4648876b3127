import 'server-only';
// next-auth 4: sign-in with the configured OpenID provider, the provider's
// tokens kept only inside the encrypted session JWT, refreshed before expiry,
// and the admin's role from the groups claim.

import { randomUUID } from 'node:crypto';
import type { NextAuthOptions, Session } from 'next-auth';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { env } from '@/lib/server/env';
import { log } from '@/lib/server/log';
import type { Role } from '@/lib/authz';
import { getEndedSessions } from '@/lib/server/audit/ended-sessions';
import { getAuditStore } from '@/lib/server/audit/store';
import type { SessionAction } from '@/lib/audit-vocabulary';
import { identityFromClaims, verifiedEmail, WANTED_CLAIMS, type Claims } from '@/lib/server/identity';
import { expiresAtFrom, refreshIfNeeded, revokeRefreshToken, SECURE_COOKIES, type ConsoleToken } from '@/lib/server/session';
import { isSessionOver, SESSION_MAX_AGE_S, sessionExpiresAt } from '@/lib/server/session-lifetime';
import { scimBaseFromInstanceUrl } from '@/lib/server/scim/url-safety';

declare module 'next-auth' {
  interface Session {
    role: Role;
    /** Set when the provider refused to refresh the tokens: sign in again. */
    error?: 'RefreshFailed';
  }
}

/** Stable ids: they are part of the redirect URI registered at the identity provider. */
export const signInProvider: { id: 'oidc' | 'salesforce'; name: string } = {
  id: env.AUTH_PROVIDER,
  name: env.AUTH_OIDC_NAME,
};

const provider: OAuthConfig<Claims> = {
  id: signInProvider.id,
  name: signInProvider.name,
  type: 'oauth',
  wellKnown: `${env.AUTH_OIDC_ISSUER}/.well-known/openid-configuration`,
  issuer: env.AUTH_OIDC_ISSUER,
  clientId: env.AUTH_OIDC_CLIENT_ID,
  clientSecret: env.AUTH_OIDC_CLIENT_SECRET,
  idToken: true,
  checks: ['pkce', 'state'],
  // Salesforce's token endpoint takes the secret in the body; the refresh (lib/server/session.ts) sends it the same way.
  ...(env.AUTH_PROVIDER === 'salesforce' ? { client: { token_endpoint_auth_method: 'client_secret_post' } } : {}),
  authorization: { params: { scope: env.AUTH_OIDC_SCOPE } },
  userinfo: {
    async request({ tokens, client }) {
      // At runtime this is openid-client's TokenSet, whose ID token next-auth has verified.
      const claims = (tokens as unknown as { claims(): Claims }).claims();
      // Some issuers put only `sub` in the ID token: ask userinfo for whatever is missing.
      if (WANTED_CLAIMS.every((c) => claims[c] !== undefined)) return claims;
      try {
        const info = (await client.userinfo(tokens as never)) as Claims;
        // The ID token is signed and verified; it wins where both say something.
        return { ...info, ...claims };
      } catch (error) {
        log.warn('userinfo failed; using ID token claims only', { error });
        return claims;
      }
    },
  },
  profile(claims) {
    return {
      id: String(claims.sub),
      name: claims.name ?? claims.preferred_username ?? null,
      email: verifiedEmail(claims),
    };
  },
};

export const authOptions: NextAuthOptions = {
  secret: env.AUTH_SECRET,
  providers: [provider],
  pages: { signIn: '/signin', error: '/signin' },
  useSecureCookies: SECURE_COOKIES,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
  jwt: { maxAge: SESSION_MAX_AGE_S },
  callbacks: {
    async jwt({ token, account, profile }) {
      if (account) {
        const claims = (profile ?? {}) as Claims;
        const identity = identityFromClaims(claims);
        const now = Math.floor(Date.now() / 1000);
        const scimBaseUrl = sessionScimBase(account, claims);
        const signedIn: ConsoleToken = {
          sub: String(claims.sub ?? token.sub),
          name: identity.name ?? token.name ?? null,
          email: identity.email,
          role: identity.role,
          provider: signInProvider.id,
          authTime: now,
          lastSeen: now,
          sid: randomUUID(),
          accessToken: account.access_token,
          refreshToken: account.refresh_token,
          accessTokenExpiresAt: expiresAtFrom(account.expires_in, account.expires_at),
          ...(scimBaseUrl ? { scimBaseUrl } : {}),
        };
        log.info('signed in', { sub: signedIn.sub, email: signedIn.email, role: signedIn.role, sid: signedIn.sid });
        // Here, not in events.signIn: that event gets no token, so it cannot know the session id.
        await recordSessionEvent('sign-in', signedIn);
        return signedIn;
      }
      const current = token as ConsoleToken;
      // Throwing makes next-auth clear the cookie: the absolute lifetime is over.
      if (isSessionOver(current)) throw new Error('session lifetime over');
      // A signed-out cookie replayed at /api/auth/session gets no session either.
      if (typeof current.sid !== 'string' || (await (await getEndedSessions()).isEnded(current.sid))) throw new Error('session ended');
      return refreshIfNeeded(current);
    },
    // Only what the browser may see: no tokens, ever.
    async session({ session, token }) {
      const t = token as ConsoleToken;
      const visible: Session = {
        user: { name: t.name ?? null, email: t.email ?? null },
        role: t.role ?? 'none',
        expires: session.expires,
      };
      if (t.error) visible.error = t.error;
      return visible;
    },
  },
  events: {
    // POST /api/auth/signout with the session cookie: next-auth clears the cookie; this ends the session
    // everywhere else too. See docs/decisions/0042-session-end.md.
    async signOut({ token }) {
      await endSession(token as ConsoleToken);
      await recordSessionEvent('sign-out', token as ConsoleToken);
    },
  },
  logger: {
    error: (code, metadata) => log.error(`next-auth ${code}`, { metadata }),
    warn: (code) => log.warn(`next-auth ${code}`),
    debug: () => {},
  },
};

/**
 * With AUTH_PROVIDER=salesforce and no SCIM_BASE_URL: the session's SCIM base from the token
 * response's instance_url, under SCIM_BASE_URL's URL rules. A missing or unsafe one refuses the
 * sign-in (next-auth sends the admin back to /signin) rather than send the token anywhere.
 */
function sessionScimBase(account: Record<string, unknown>, claims: Claims): string | undefined {
  if (!env.SCIM_BASE_FROM_INSTANCE_URL) return undefined;
  const result = scimBaseFromInstanceUrl(account.instance_url, env.NODE_ENV === 'production');
  if ('base' in result) return result.base;
  log.error('sign-in refused: no usable Salesforce instance_url', { sub: claims.sub, problem: result.problem });
  throw new Error(`sign-in refused: ${result.problem}`);
}

/** Revoke the refresh token at the issuer (RFC 7009) and refuse the session's cookie from now on. */
export async function endSession(token: ConsoleToken): Promise<void> {
  if (token.refreshToken) {
    await revokeRefreshToken(token.refreshToken).then(
      (revoked) =>
        revoked ? undefined : log.warn('the issuer names no revocation_endpoint; refresh token left to expire', { sub: token.sub }),
      (error: unknown) => log.error('refresh token revocation failed', { sub: token.sub, sid: token.sid, error }),
    );
  }
  if (typeof token.sid === 'string') {
    await (await getEndedSessions()).end(token.sid, sessionExpiresAt(token));
    log.info('signed out', { sub: token.sub, sid: token.sid });
  }
}

/**
 * Writes a sign-in or sign-out to the audit log: who, when, which provider, which session; never a token.
 * A failed write is logged and never stops the sign-in or sign-out (docs/decisions/0043-session-events.md).
 */
export async function recordSessionEvent(action: SessionAction, token: ConsoleToken): Promise<void> {
  if (typeof token.sid !== 'string' || typeof token.sub !== 'string') return;
  try {
    const store = await getAuditStore();
    await store.recordSessionEvent({
      action,
      actor: { sub: token.sub, email: token.email ?? null },
      provider: token.provider ?? signInProvider.id,
      sessionId: token.sid,
    });
  } catch (error) {
    log.error(`${action} not recorded in the audit log`, { sub: token.sub, sid: token.sid, error });
  }
}
