// A coarse redirect only: signed-out page visits go to /signin with a
// callbackUrl. Security never relies on it; every route handler checks the
// session and role itself. No `server-only` modules here (proxy bundles do
// not use the react-server condition): the lifetime check comes from
// lib/server/session-lifetime.ts, which lib/server/session.ts uses too.
import { withAuth } from 'next-auth/middleware';
import { env } from '@/lib/server/env';
import { isSessionOver } from '@/lib/server/session-lifetime';

export const proxy = withAuth({
  secret: env.AUTH_SECRET,
  pages: { signIn: '/signin', error: '/signin' },
  callbacks: {
    authorized: ({ token }) => token !== null && !isSessionOver(token),
  },
});

export const config = {
  // Pages only: not the API (it answers 401 itself), sign-in, Next's assets or static files.
  matcher: ['/((?!api/|signin|_next/|favicon.ico|robots.txt|.*\\.(?:png|jpg|jpeg|gif|svg|ico|webp|css|js|txt|map)$).*)'],
};
