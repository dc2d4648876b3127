import type { Metadata } from 'next';
import Link from 'next/link';
import { ConsoleLogo } from '@/components/layout/console-logo';
import { buttonClasses } from '@/components/ui/button';

export const metadata: Metadata = { title: 'Page not found' };

// Any URL no route matches. It renders outside the console's layout (which needs a session), so it
// carries its own frame in the sign-in page's look; the link leads on to sign-in when signed out.
export default function NotFound() {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <p className="flex items-center gap-2 text-base font-semibold tracking-tight">
          <ConsoleLogo />
          SCIM Console
        </p>
        <h1 className="mt-6 text-2xl font-semibold tracking-tight">Page not found</h1>
        <p className="mt-2 text-slate-700 dark:text-slate-300">There is no page at this address. The link may be wrong or out of date.</p>
        <div className="mt-6">
          <Link href="/users" className={buttonClasses({ variant: 'primary' })}>
            Go to users
          </Link>
        </div>
      </div>
    </main>
  );
}
