import 'server-only';
// What server components (layout, pages) need about the viewer. No tokens:
// this object is rendered into HTML. What the provider supports is not here:
// a server component cannot refresh an expired access token, so the browser
// asks GET /api/capabilities, whose route helper can.

import { cookies } from 'next/headers';
import type { Role } from '@/lib/authz';
import { decodeSession, readSessionCookie } from '@/lib/server/session';
import { scimBaseOf } from '@/lib/server/scim/session-base';

export type ConsoleContext = {
  viewer: { name: string | null; email: string | null; role: Role };
  scimHost: string;
  sessionError?: 'RefreshFailed';
};

/**
 * Null when signed out (here or on another instance: the ended-sessions list), idle or past the session's lifetime. A failed refresh still
 * returns a context, with `sessionError`, so the page can say why it sends the
 * admin back to sign-in. Never refreshes and never calls the provider.
 */
export async function getConsoleContext(): Promise<ConsoleContext | null> {
  const store = await cookies();
  const token = await decodeSession(readSessionCookie(new Map(store.getAll().map((c) => [c.name, c.value]))));
  if (!token) return null;
  // No verified email (lib/server/identity.ts) and no name: the subject is who this is.
  const viewer = { name: token.name ?? (token.email ? null : token.sub), email: token.email ?? null, role: token.role ?? 'none' };
  const base = scimBaseOf(token);
  const scimHost = base ? new URL(base).host : '';
  return token.error ? { viewer, scimHost, sessionError: token.error } : { viewer, scimHost };
}
