import 'server-only';
// Server rendering reads through the very route handlers the browser calls (auth,
// role check, reconcile-and-observe, error mapping), in-process, so the first page
// arrives with the HTML. Only while the session's access token is fresh: a render
// cannot set a cookie, so it must never refresh (a rotated refresh token would be
// lost). Otherwise, or when the read fails, the page renders without the data and
// the browser's own API call does what it did before: refresh, retry button,
// error (docs/decisions/0006-browser-data-and-retries.md).

import { dehydrate, QueryClient, type DehydratedState, type QueryKey } from '@tanstack/react-query';
import { cookies } from 'next/headers';
import { env } from '@/lib/server/env';
import { providerHealth } from '@/lib/server/scim/provider-health';
import { decodeSession, isTokenFresh, readSessionCookie } from '@/lib/server/session';
import { apiDeps } from './deps';
import type { ApiDeps } from './handler';

type Route<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

/**
 * What `route` answers GET `path` for this page's viewer, or null (not fresh, the
 * provider known to be down, or any answer but 2xx). `route` is built with the page's
 * session as is: never refreshed, never re-set.
 */
export async function readForPage<T, P = Record<string, never>>(
  route: (deps: ApiDeps) => Route<P>,
  path: string,
  params: P = {} as P,
): Promise<T | null> {
  // A provider already failing: the page comes at once and the browser shows the error, instead of both waiting it out.
  if (!providerHealth.status().available) return null;
  const store = await cookies();
  const token = await decodeSession(readSessionCookie(new Map(store.getAll().map((c) => [c.name, c.value]))));
  if (!token || !isTokenFresh(token)) return null;
  const handler = route({ ...apiDeps, getSession: async () => ({ token, setCookies: [] }) });
  const response = await handler(new Request(new URL(path, env.CONSOLE_URL)), { params: Promise.resolve(params) });
  return response.ok ? ((await response.json()) as T) : null;
}

/** What a page hands TanStack Query in the browser (HydrationBoundary): each answer under its query key; a null answer is left for the browser to ask. */
export function dehydratedAnswers(answers: readonly (readonly [QueryKey, unknown])[]): DehydratedState {
  const queryClient = new QueryClient();
  for (const [key, data] of answers) if (data !== null) queryClient.setQueryData(key, data);
  return dehydrate(queryClient);
}
