// lib/server/session.ts and auth.ts against a real issuer (the sandbox's OIDC
// half over HTTP): the refresh re-derives who the admin is, and sign-out's
// revocation (RFC 7009) really kills the refresh token and ends the session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oidcServerForThisFile } from '@/sandbox/testing/oidc-server';
import { refreshTokens, signInAs } from '@/sandbox/testing/tokens';

const server = oidcServerForThisFile();
let session: typeof import('./session');
let auth: typeof import('./auth');
const saved = { ...process.env };

beforeAll(async () => {
  // lib/server/env.ts reads these when first imported: point it at this file's issuer.
  Object.assign(process.env, {
    AUTH_OIDC_ISSUER: server().issuer,
    SCIM_BASE_URL: server().scimBase,
    AUTH_OIDC_CLIENT_ID: 'scim-console',
    AUTH_OIDC_CLIENT_SECRET: 'scim-console-secret',
    AUTH_SECRET: 'x'.repeat(40),
    DATABASE_URL: 'file::memory:',
  });
  session = await import('./session');
  auth = await import('./auth');
});
afterAll(() => {
  process.env = saved;
});

const now = () => Math.floor(Date.now() / 1000);

describe('against the issuer', () => {
  it('a refresh takes role, name and verified email from the refreshed tokens', async () => {
    const tokens = await signInAs(server().issuer, 'auditor@example.com');
    const next = await session.refreshIfNeeded({
      sub: 'demo-auditor',
      role: 'admin', // what the cookie claims; the provider says otherwise
      provider: 'oidc',
      authTime: now(),
      sid: 's',
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      accessTokenExpiresAt: now(),
    });
    expect(next).toMatchObject({ role: 'auditor', email: 'auditor@example.com', sub: 'demo-auditor' });
    expect(next.error).toBeUndefined();
    expect(next.accessToken).not.toBe(tokens.access_token);
  });

  it('sign-out revokes the refresh token at the revocation endpoint', async () => {
    const tokens = await signInAs(server().issuer, 'admin@example.com');
    expect(await session.revokeRefreshToken(tokens.refresh_token!)).toBe(true);
    const refused = await refreshTokens(server().issuer, tokens.refresh_token!);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('sign-out (endSession) revokes the refresh token and refuses the session cookie from then on', async () => {
    const tokens = await signInAs(server().issuer, 'helpdesk@example.com');
    const signedIn = {
      sub: 'demo-helpdesk',
      role: 'helpdesk' as const,
      provider: 'oidc' as const,
      authTime: now(),
      sid: 'sid-signed-out',
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      accessTokenExpiresAt: now() + 600,
    };
    const { encode } = await import('next-auth/jwt');
    const cookie = await encode({ token: signedIn, secret: 'x'.repeat(40) });
    expect(await session.decodeSession(cookie)).toMatchObject({ sid: 'sid-signed-out' });
    await auth.endSession(signedIn);
    expect(await session.decodeSession(cookie)).toBeNull();
    const refused = await refreshTokens(server().issuer, tokens.refresh_token!);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toBe('invalid_grant');
  });
});
