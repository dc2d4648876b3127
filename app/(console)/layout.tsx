import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { ConsoleHeader } from '@/components/layout/console-header';
import { NoAccess } from '@/components/layout/no-access';
import { ProviderStatusBanner } from '@/components/layout/provider-status-banner';
import { SkipLink } from '@/components/layout/skip-link';
import { ReactivationPolicyProvider } from '@/components/schedule/reactivation-policy-context';
import { ReasonPolicyProvider } from '@/components/users/reason-policy';
import { getConsoleContext } from '@/lib/server/console-context';
import { reasonPolicy } from '@/lib/server/env';
import { scheduleRouteDeps } from '@/lib/server/jobs/runtime';
import { Providers } from '../providers';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const context = await getConsoleContext();
  // A layout cannot see the URL; proxy.ts and the pages redirect with the exact callbackUrl first.
  if (!context) redirect('/signin');
  if (context.sessionError) redirect('/signin?error=SessionExpired');

  const { viewer, scimHost } = context;
  return (
    <>
      <SkipLink />
      <ConsoleHeader viewer={viewer} scimHost={scimHost} />
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-8 outline-none sm:px-6">
        {viewer.role === 'none' ? (
          <NoAccess email={viewer.email} />
        ) : (
          <Providers>
            <ReasonPolicyProvider policy={reasonPolicy()}>
              <ReactivationPolicyProvider value={{ policy: scheduleRouteDeps.policy, role: viewer.role }}>
                <ProviderStatusBanner />
                {children}
              </ReactivationPolicyProvider>
            </ReasonPolicyProvider>
          </Providers>
        )}
      </main>
    </>
  );
}
