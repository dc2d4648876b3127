import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { AuditTableSkeleton } from '@/components/audit/audit-table-skeleton';
import { AuditView } from '@/components/audit/audit-view';
import { pathWithSearch } from '@/lib/sign-in-url';
import { NoAccess } from '@/components/layout/no-access';
import { buttonClasses } from '@/components/ui/button';
import { can } from '@/lib/authz';
import { requireConsoleContext } from '@/lib/server/console-page';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { viewer, scimHost } = await requireConsoleContext(pathWithSearch('/audit', await searchParams));

  // The API refuses too (403); this only says so in words.
  if (!can(viewer.role, 'audit:read')) {
    return (
      <NoAccess
        email={viewer.email}
        action={
          <Link href="/users" className={buttonClasses({ variant: 'primary' })}>
            Go to users
          </Link>
        }
      >
        The audit log is open to admins and auditors. Your role can see each user&rsquo;s History on their page instead.
      </NoAccess>
    );
  }

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Every deactivation and reactivation made through this console on{' '}
          <span className="font-medium text-slate-800 dark:text-slate-200">{scimHost}</span>: who, why and what the provider answered.
          Changes made elsewhere show in each user&rsquo;s History.
        </p>
      </div>
      {/* The view reads its filters from the URL on the client (useSearchParams), so Back needs no server trip. */}
      <Suspense fallback={<AuditTableSkeleton />}>
        <AuditView canExport={can(viewer.role, 'audit:export')} />
      </Suspense>
    </div>
  );
}
