// Every page view: a fresh CSP nonce (lib/server/csp.ts), and a coarse
// redirect of signed-out views to /signin with a callbackUrl. Security never
// relies on the redirect; every route handler and page checks the session
// itself. No `server-only` modules here (proxy bundles do not use the
// react-server condition): the lifetime check comes from
// lib/server/session-lifetime.ts, which lib/server/session.ts uses too.
import { NextResponse, type NextRequest } from 'next/server';
import { withAuth, type NextRequestWithAuth } from 'next-auth/middleware';
import { env } from '@/lib/server/env';
import { newNonce, pageCsp } from '@/lib/server/csp';
import { isSessionOver } from '@/lib/server/session-lifetime';

const authOptions = {
  secret: env.AUTH_SECRET,
  pages: { signIn: '/signin', error: '/signin' },
  callbacks: {
    authorized: ({ token }: { token: Parameters<typeof isSessionOver>[0] | null }) => token !== null && !isSessionOver(token),
  },
};

export async function proxy(request: NextRequest): Promise<Response> {
  // Lets /signin (and next-auth's own pages) through; a redirect for signed-out views of the rest.
  const refused = await withAuth(request as NextRequestWithAuth, authOptions);
  if (refused) return refused;
  const csp = pageCsp(newNonce());
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  // Pages only: not the API (it answers 401 itself), Next's assets or static files.
  matcher: ['/((?!api/|_next/|favicon.ico|robots.txt|.*\\.(?:png|jpg|jpeg|gif|svg|ico|webp|css|js|txt|map)$).*)'],
};
