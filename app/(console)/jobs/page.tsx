import type { Metadata } from 'next';
import { JobsView } from '@/components/jobs/jobs-view';
import { NoAccess } from '@/components/layout/no-access';
import { can } from '@/lib/authz';
import { requireConsoleContext } from '@/lib/server/console-page';

export const metadata: Metadata = { title: 'Jobs' };

export default async function JobsPage() {
  const { viewer } = await requireConsoleContext('/jobs');
  if (!can(viewer.role, 'jobs:read')) return <NoAccess email={viewer.email}>Bulk jobs are not open to your role.</NoAccess>;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Jobs</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Bulk deactivations and reactivations, newest first. Each runs on the server until every user has a result.
        </p>
      </div>
      <JobsView />
    </div>
  );
}
