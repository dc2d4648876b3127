// A coarse redirect only: signed-out page visits go to /signin with a
// callbackUrl. Security never relies on it; every route handler checks the
// session and role itself. No `server-only` modules here (proxy bundles do
// not use the react-server condition), so the lifetime check is inline.
import { withAuth } from 'next-auth/middleware';
import { env } from '@/lib/env';

const maxAgeS = env.SESSION_MAX_AGE_HOURS * 3600;

export const proxy = withAuth({
  secret: env.AUTH_SECRET,
  pages: { signIn: '/signin', error: '/signin' },
  callbacks: {
    authorized: ({ token }) => typeof token?.authTime === 'number' && token.authTime + maxAgeS > Date.now() / 1000,
  },
});

export const config = {
  // Pages only: not the API (it answers 401 itself), sign-in, Next's assets or static files.
  matcher: ['/((?!api/|signin|_next/|favicon.ico|robots.txt|.*\\.(?:png|jpg|jpeg|gif|svg|ico|webp|css|js|txt|map)$).*)'],
};
