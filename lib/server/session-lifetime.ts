// How long a session lasts, however active: shared by lib/server/session.ts and
// proxy.ts, so no `server-only` here (proxy bundles do not use the
// react-server condition). See docs/decisions/0011-session-and-token-refresh.md.
import { env } from '@/lib/server/env';

export const SESSION_MAX_AGE_S = Math.round(env.SESSION_MAX_AGE_HOURS * 3600);

/** `authTime` is epoch seconds of sign-in; a token without it is over. */
export function isSessionOver(token: { readonly [claim: string]: unknown }, now = Math.floor(Date.now() / 1000)): boolean {
  return typeof token.authTime !== 'number' || token.authTime + SESSION_MAX_AGE_S <= now;
}
