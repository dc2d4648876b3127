// How long a session lasts: at most SESSION_MAX_AGE_HOURS after sign-in however
// active, and at most SESSION_IDLE_MINUTES after its last use. Shared by
// lib/server/session.ts, lib/server/auth.ts and proxy.ts, so no `server-only`
// here (proxy bundles do not use the react-server condition).
// See docs/decisions/0011-session-and-token-refresh.md and 0042-session-end.md.
import { env } from '@/lib/server/env';

export const SESSION_MAX_AGE_S = Math.round(env.SESSION_MAX_AGE_HOURS * 3600);
export const SESSION_IDLE_S = Math.max(1, Math.round(env.SESSION_IDLE_MINUTES * 60));
/** The cookie's last-use time is rewritten at most this often (a Set-Cookie per API call would be waste). */
export const SESSION_TOUCH_S = Math.max(1, Math.min(60, Math.floor(SESSION_IDLE_S / 4)));

type Claims = { readonly [claim: string]: unknown };

/** `authTime` and `lastSeen` are epoch seconds of sign-in and last use; a token without `authTime` is over. */
export function isSessionOver(token: Claims, now = Math.floor(Date.now() / 1000)): boolean {
  if (typeof token.authTime !== 'number' || token.authTime + SESSION_MAX_AGE_S <= now) return true;
  const lastSeen = typeof token.lastSeen === 'number' ? token.lastSeen : token.authTime;
  return lastSeen + SESSION_IDLE_S <= now;
}

/** When the session is over at the latest: how long its end must be remembered. */
export function sessionExpiresAt(token: Claims): number {
  return (typeof token.authTime === 'number' ? token.authTime : 0) + SESSION_MAX_AGE_S;
}
