import 'server-only';
// What server components (layout, pages) need about the viewer and the
// provider. No tokens: this object is rendered into HTML.

import { cookies } from 'next/headers';
import type { Role } from '@/lib/authz';
import { env } from '@/lib/env';
import { getCapabilities } from '@/lib/scim/capabilities';
import { createScimClient } from '@/lib/scim/client';
import { decodeSession, readSessionCookie } from '@/lib/session';
import type { ProviderCapabilities } from '@/lib/users/types';

export type ConsoleContext = {
  viewer: { name: string | null; email: string | null; role: Role };
  capabilities: ProviderCapabilities;
  scimHost: string;
  sessionError?: 'RefreshFailed';
};

/**
 * Null when signed out or past the session's lifetime. A failed refresh still
 * returns a context, with `sessionError`, so the page can say why it sends the
 * admin back to sign-in. Never refreshes: a server component cannot set the
 * rotated cookie, and a spent refresh token would end the session.
 */
export async function getConsoleContext(): Promise<ConsoleContext | null> {
  const store = await cookies();
  const token = await decodeSession(readSessionCookie(new Map(store.getAll().map((c) => [c.name, c.value]))));
  if (!token) return null;
  const viewer = { name: token.name ?? null, email: token.email ?? null, role: token.role ?? 'none' };
  const scimHost = new URL(env.SCIM_BASE_URL).host;
  const usable = token.accessToken && (token.accessTokenExpiresAt ?? Infinity) > Date.now() / 1000;
  const client = createScimClient({ baseUrl: env.SCIM_BASE_URL, timeoutMs: env.SCIM_TIMEOUT_MS, accessToken: usable ? token.accessToken : undefined });
  const capabilities = await getCapabilities(client);
  return token.error ? { viewer, capabilities, scimHost, sessionError: token.error } : { viewer, capabilities, scimHost };
}
