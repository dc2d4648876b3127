import NextAuth from 'next-auth';
import { authOptions } from '@/lib/server/auth';
import { guardedAuthRoute } from '@/lib/server/api/auth-route';

const handler = guardedAuthRoute(NextAuth(authOptions));

export { handler as GET, handler as POST };
