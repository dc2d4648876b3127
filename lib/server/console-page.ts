import 'server-only';
// The start of every console page: who is signed in, or off to sign-in.

import { redirect } from 'next/navigation';
import { signInPath } from '@/lib/sign-in-url';
import { getConsoleContext, type ConsoleContext } from '@/lib/server/console-context';

/**
 * The console context, or a redirect to sign-in that comes back to `callbackUrl`
 * (the page's own path and query; the layout cannot see it, pages can).
 */
export async function requireConsoleContext(callbackUrl: string): Promise<ConsoleContext> {
  const context = await getConsoleContext();
  if (!context || context.sessionError) {
    redirect(signInPath({ callbackUrl, error: context?.sessionError ? 'SessionExpired' : undefined }));
  }
  return context;
}
