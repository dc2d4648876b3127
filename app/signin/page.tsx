import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInButton } from '@/components/auth/sign-in-button';
import { safeCallbackUrl, signInErrorMessage } from '@/lib/sign-in-url';
import { Alert } from '@/components/ui/alert';
import { signInProvider } from '@/lib/server/auth';
import { getConsoleContext } from '@/lib/server/console-context';

export const metadata: Metadata = { title: 'Sign in' };

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(first(params.callbackUrl));
  const errorCode = first(params.error);
  const message = signInErrorMessage(errorCode);
  const signedOut = first(params.signedOut) === '1';

  // Already signed in: straight on. With an error in the URL, stay so the message is seen.
  if (!errorCode) {
    const context = await getConsoleContext();
    if (context && !context.sessionError) redirect(callbackUrl);
  }

  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm space-y-6">
        <div className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <h1 className="text-xl font-semibold tracking-tight">Sign in to SCIM Console</h1>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
            Use your organisation’s account. What you may do here depends on your groups.
          </p>
          {signedOut && !message ? (
            <div className="mt-6">
              <Alert tone="info" role="status">
                You are signed out.
              </Alert>
            </div>
          ) : null}
          {message ? (
            <div className="mt-6">
              <Alert tone={errorCode === 'SessionExpired' ? 'info' : 'error'}>{message}</Alert>
            </div>
          ) : null}
          <div className="mt-6">
            <SignInButton
              providerId={signInProvider.id}
              providerName={signInProvider.name}
              callbackUrl={callbackUrl}
              forceLogin={signedOut}
            />
          </div>
        </div>
        <p className="text-center text-xs text-slate-600 dark:text-slate-400">
          Deactivating or reactivating an account is recorded in the audit log with your name.
        </p>
      </div>
    </main>
  );
}
