import { decode, encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { authOptions } from './auth';
import { env } from './env';
import {
  decodeSession,
  dedupeRefresh,
  getRequestSession,
  isTokenFresh,
  parseCookieHeader,
  readSessionCookie,
  refreshIfNeeded,
  SESSION_COOKIE,
  type ConsoleToken,
  type TokenSet,
} from './session';
import { isSessionOver, SESSION_IDLE_S, SESSION_MAX_AGE_S, SESSION_TOUCH_S } from './session-lifetime';

const noneEnded = async () => ({ isEnded: async () => false });

const now = () => Math.floor(Date.now() / 1000);
const token = (extra: Partial<ConsoleToken> = {}): ConsoleToken => ({
  sub: 's1',
  name: 'Ada',
  email: 'ada@example.com',
  role: 'admin',
  provider: 'oidc',
  authTime: now(),
  lastSeen: now(),
  sid: 'session-1',
  accessToken: 'access-1',
  refreshToken: 'refresh-1',
  accessTokenExpiresAt: now() + 3600,
  ...extra,
});

describe('isTokenFresh (whether a page render may use the token: it cannot refresh)', () => {
  it('is fresh until 60 s before expiry, and without an expiry', () => {
    expect(isTokenFresh(token({ accessTokenExpiresAt: now() + 61 }))).toBe(true);
    expect(isTokenFresh(token({ accessTokenExpiresAt: undefined }))).toBe(true);
    expect(isTokenFresh(token({ accessTokenExpiresAt: now() + 60 }))).toBe(false);
    expect(isTokenFresh(token({ accessTokenExpiresAt: now() - 1 }))).toBe(false);
  });

  it('is never fresh after a failed refresh or without an access token', () => {
    expect(isTokenFresh(token({ error: 'RefreshFailed' }))).toBe(false);
    expect(isTokenFresh(token({ accessToken: undefined }))).toBe(false);
  });
});

describe('refreshIfNeeded', () => {
  it('leaves a fresh token alone', async () => {
    const t = token();
    expect(await refreshIfNeeded(t, async () => expect.unreachable())).toBe(t);
  });

  it('refreshes within 60 s of expiry, keeping the old refresh token when none is sent', async () => {
    const t = token({ accessTokenExpiresAt: now() + 30, refreshToken: 'r-keep' });
    const next = await refreshIfNeeded(t, async () => ({ accessToken: 'access-2', expiresAt: now() + 600 }));
    expect(next).toMatchObject({ accessToken: 'access-2', refreshToken: 'r-keep' });
    expect(next.error).toBeUndefined();
  });

  it('marks RefreshFailed and drops the tokens when the provider refuses', async () => {
    const next = await refreshIfNeeded(token({ accessTokenExpiresAt: now() - 1, refreshToken: 'r-bad' }), async () => {
      throw new Error('invalid_grant');
    });
    expect(next).toMatchObject({ error: 'RefreshFailed', accessToken: undefined, refreshToken: undefined });
    expect(await refreshIfNeeded(token({ accessTokenExpiresAt: now() - 1, refreshToken: undefined }))).toMatchObject({
      error: 'RefreshFailed',
    });
  });

  it('shares one refresh between parallel requests of a session, and with late ones', async () => {
    let calls = 0;
    let release!: (t: TokenSet) => void;
    const refresh = () => {
      calls++;
      return new Promise<TokenSet>((resolve) => (release = resolve));
    };
    const t = token({ accessTokenExpiresAt: now() + 10, refreshToken: 'r-shared' });
    const parallel = [refreshIfNeeded(t, refresh), refreshIfNeeded(t, refresh), refreshIfNeeded(t, refresh)];
    release({ accessToken: 'access-new', refreshToken: 'r-rotated', expiresAt: now() + 600 });
    const results = await Promise.all(parallel);
    expect(calls).toBe(1);
    expect(results.map((r) => r.refreshToken)).toEqual(['r-rotated', 'r-rotated', 'r-rotated']);
    // A request still carrying the spent refresh token gets the same result.
    expect((await refreshIfNeeded(t, refresh)).accessToken).toBe('access-new');
    expect(calls).toBe(1);
  });

  it('shares a refresh of a short-lived token with a request that still carries the spent one', async () => {
    let calls = 0;
    const refresh = async (): Promise<TokenSet> => {
      calls++;
      // 30 s tokens: less than the refresh margin, so the new token is due for refresh at once.
      return { accessToken: `access-${calls}`, refreshToken: `r-short-${calls}`, expiresAt: now() + 30 };
    };
    const t = token({ accessTokenExpiresAt: now() + 5, refreshToken: 'r-short-0' });
    expect((await refreshIfNeeded(t, refresh)).accessToken).toBe('access-1');
    // A parallel call of the page that left with the old cookie: the same tokens, no replay of r-short-0.
    expect((await refreshIfNeeded(t, refresh)).accessToken).toBe('access-1');
    expect(calls).toBe(1);
  });

  it('forgets a failed refresh so the next request may try again', async () => {
    let calls = 0;
    const failing = () => {
      calls++;
      return Promise.reject(new Error('network'));
    };
    await expect(dedupeRefresh('r-flaky', failing)).rejects.toThrow();
    await expect(dedupeRefresh('r-flaky', failing)).rejects.toThrow();
    expect(calls).toBe(2);
  });
});

async function cookieFor(t: ConsoleToken) {
  return `${SESSION_COOKIE}=${await encode({ token: t, secret: env.AUTH_SECRET, maxAge: SESSION_MAX_AGE_S })}; other=1`;
}

describe('getRequestSession', () => {
  it('reads the encrypted session cookie', async () => {
    const req = new Request('http://c/api/users', { headers: { cookie: await cookieFor(token()) } });
    const session = await getRequestSession(req, async () => expect.unreachable(), noneEnded);
    expect(session?.token).toMatchObject({ sub: 's1', role: 'admin', accessToken: 'access-1' });
    expect(session?.setCookies).toEqual([]);
  });

  it('returns null without a cookie, with a forged one, or past the absolute lifetime', async () => {
    expect(await getRequestSession(new Request('http://c/'))).toBeNull();
    expect(await getRequestSession(new Request('http://c/', { headers: { cookie: `${SESSION_COOKIE}=garbage` } }))).toBeNull();
    const forged = await encode({ token: token(), secret: 'another-secret-another-secret-0123', maxAge: 60 });
    expect(await getRequestSession(new Request('http://c/', { headers: { cookie: `${SESSION_COOKIE}=${forged}` } }))).toBeNull();
    const old = token({ authTime: now() - SESSION_MAX_AGE_S - 1 });
    expect(await getRequestSession(new Request('http://c/', { headers: { cookie: await cookieFor(old) } }))).toBeNull();
  });

  it('decodes exactly what next-auth decodes, and refuses a cookie altered in any part', async () => {
    const jwt = await encode({ token: token(), secret: env.AUTH_SECRET, maxAge: SESSION_MAX_AGE_S });
    // session.ts derives the key once instead of per call; the payload must be next-auth's own.
    expect(await decodeSession(jwt, noneEnded)).toEqual(await decode({ token: jwt, secret: env.AUTH_SECRET }));
    const parts = jwt.split('.');
    expect(parts).toHaveLength(5);
    for (const i of [0, 2, 3, 4]) {
      const flipped = [...parts];
      const mid = Math.floor(flipped[i]!.length / 2);
      flipped[i] = flipped[i]!.slice(0, mid) + (flipped[i]![mid] === 'A' ? 'B' : 'A') + flipped[i]!.slice(mid + 1);
      const tampered = flipped.join('.');
      await expect(decode({ token: tampered, secret: env.AUTH_SECRET })).rejects.toThrow();
      expect(await decodeSession(tampered, noneEnded)).toBeNull();
    }
    const expired = await encode({ token: token(), secret: env.AUTH_SECRET, maxAge: -60 });
    expect(await decodeSession(expired, noneEnded)).toBeNull();
  });

  it('refreshes and returns an HttpOnly cookie carrying the rotated tokens', async () => {
    const req = new Request('http://c/', {
      headers: { cookie: await cookieFor(token({ accessTokenExpiresAt: now() + 5, refreshToken: 'r-cookie' })) },
    });
    const session = await getRequestSession(
      req,
      async () => ({ accessToken: 'access-9', refreshToken: 'r-9', expiresAt: now() + 600 }),
      noneEnded,
    );
    expect(session?.token.accessToken).toBe('access-9');
    expect(session?.setCookies).toHaveLength(1);
    expect(session!.setCookies[0]).toMatch(/HttpOnly; SameSite=Lax/);
    const again = await getRequestSession(
      new Request('http://c/', { headers: { cookie: session!.setCookies[0]!.split(';')[0]! } }),
      undefined,
      noneEnded,
    );
    expect(again?.token).toMatchObject({ accessToken: 'access-9', refreshToken: 'r-9' });
  });

  it('refuses a signed-out session, and one from before session ids', async () => {
    const ended = new Set(['session-1']);
    const endedList = async () => ({ isEnded: async (sid: string) => ended.has(sid) });
    const req = async (t: ConsoleToken) => new Request('http://c/', { headers: { cookie: await cookieFor(t) } });
    expect(await getRequestSession(await req(token()), undefined, endedList)).toBeNull();
    expect(await getRequestSession(await req(token({ sid: 'session-2' })), undefined, endedList)).not.toBeNull();
    expect(await getRequestSession(await req(token({ sid: undefined })), undefined, noneEnded)).toBeNull();
    const broken = async () => ({ isEnded: async () => Promise.reject(new Error('database gone')) });
    await expect(getRequestSession(await req(token()), undefined, broken)).rejects.toThrow(/database gone/);
  });

  it('refuses a session idle for SESSION_IDLE_MINUTES, and records use at most every SESSION_TOUCH_S', async () => {
    const req = async (t: ConsoleToken) => new Request('http://c/', { headers: { cookie: await cookieFor(t) } });
    expect(await getRequestSession(await req(token({ lastSeen: now() - SESSION_IDLE_S })), undefined, noneEnded)).toBeNull();
    const recent = await getRequestSession(
      await req(token({ lastSeen: now() - 1 })),
      undefined,
      noneEnded,
      now() - 1 + SESSION_TOUCH_S - 1,
    );
    expect(recent?.setCookies).toEqual([]);
    const t = now();
    const touched = await getRequestSession(await req(token({ lastSeen: t - SESSION_TOUCH_S })), undefined, noneEnded, t);
    expect(touched?.token.lastSeen).toBe(t);
    expect(touched?.setCookies).toHaveLength(1);
  });

  it('reads a chunked cookie', () => {
    const cookies = parseCookieHeader(`${SESSION_COOKIE}.1=world; ${SESSION_COOKIE}.0=hello; x=y`);
    expect(readSessionCookie(cookies)).toBe('helloworld');
  });
});

describe('authOptions', () => {
  it('keeps tokens out of the session the browser sees', async () => {
    const session = await authOptions.callbacks!.session!({
      session: { user: { name: 'Ada', email: 'ada@example.com', image: 'x' }, expires: '2030-01-01T00:00:00.000Z' },
      token: token({ error: 'RefreshFailed' }),
    } as never);
    expect(session).toEqual({
      user: { name: 'Ada', email: 'ada@example.com' },
      role: 'admin',
      expires: '2030-01-01T00:00:00.000Z',
      error: 'RefreshFailed',
    });
    expect(JSON.stringify(session)).not.toMatch(/access|refresh-1/);
  });

  it('stores tokens and the role in the JWT at sign-in', async () => {
    const jwt = (await authOptions.callbacks!.jwt!({
      token: { sub: 's1', name: 'Ada', email: 'ada@example.com' },
      account: {
        provider: 'oidc',
        type: 'oauth',
        providerAccountId: 's1',
        access_token: 'at',
        refresh_token: 'rt',
        expires_at: now() + 600,
      },
      profile: { sub: 's1', groups: ['helpdesk'] },
      user: { id: 's1' },
    } as never)) as ConsoleToken;
    expect(jwt).toMatchObject({ sub: 's1', role: 'helpdesk', accessToken: 'at', refreshToken: 'rt', provider: 'oidc' });
    expect(authOptions.session?.maxAge).toBe(env.SESSION_MAX_AGE_HOURS * 3600);
  });
});

describe('refreshIfNeeded and the identity provider', () => {
  /** A session of 's1' due for refresh, refreshed by a provider that answers `answer`. */
  const refreshedBy = (refreshToken: string, answer: Pick<TokenSet, 'subject' | 'identity'>) =>
    refreshIfNeeded(token({ accessTokenExpiresAt: now() + 5, refreshToken }), async () => ({
      accessToken: 'a2',
      expiresAt: now() + 600,
      ...answer,
    }));

  it('takes the role, name and email the provider gives at the refresh', async () => {
    const next = await refreshedBy('r-role', { subject: 's1', identity: { role: 'none', name: 'Ada', email: null } });
    expect(next).toMatchObject({ role: 'none', email: null, accessToken: 'a2', sub: 's1' });
  });

  it('fails a refresh whose tokens are for another subject', async () => {
    const next = await refreshedBy('r-other', { subject: 'someone-else', identity: { role: 'admin', name: null, email: null } });
    expect(next).toMatchObject({ error: 'RefreshFailed', accessToken: undefined, sub: 's1' });
  });
});

describe('isSessionOver (shared with proxy.ts)', () => {
  it('ends the session SESSION_IDLE_MINUTES after its last use', () => {
    expect(SESSION_IDLE_S).toBe(Math.max(1, Math.round(env.SESSION_IDLE_MINUTES * 60)));
    expect(isSessionOver({ authTime: 1000, lastSeen: 2000 }, 2000 + SESSION_IDLE_S - 1)).toBe(false);
    expect(isSessionOver({ authTime: 1000, lastSeen: 2000 }, 2000 + SESSION_IDLE_S)).toBe(true);
    expect(isSessionOver({ authTime: 1000 }, 1000 + SESSION_IDLE_S)).toBe(true);
  });

  it('ends the session SESSION_MAX_AGE_HOURS after sign-in, and without a sign-in time', () => {
    expect(SESSION_MAX_AGE_S).toBe(Math.round(env.SESSION_MAX_AGE_HOURS * 3600));
    const active = (now: number) => ({ authTime: 1000, lastSeen: now - 1 });
    expect(isSessionOver(active(1000 + SESSION_MAX_AGE_S - 1), 1000 + SESSION_MAX_AGE_S - 1)).toBe(false);
    expect(isSessionOver(active(1000 + SESSION_MAX_AGE_S), 1000 + SESSION_MAX_AGE_S)).toBe(true);
    expect(isSessionOver({}, 0)).toBe(true);
    expect(isSessionOver({ authTime: '1000' }, 0)).toBe(true);
  });
});
