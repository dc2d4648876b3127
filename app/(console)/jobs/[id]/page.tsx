import type { Metadata } from 'next';
import { JobView } from '@/components/jobs/job-view';
import { NoAccess } from '@/components/layout/no-access';
import { can } from '@/lib/authz';
import { requireConsoleContext } from '@/lib/server/console-page';

export const metadata: Metadata = { title: 'Bulk job' };

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { viewer } = await requireConsoleContext(`/jobs/${encodeURIComponent(id)}`);
  if (!can(viewer.role, 'jobs:read')) return <NoAccess email={viewer.email}>Bulk jobs are not open to your role.</NoAccess>;
  const may = {
    deactivate: can(viewer.role, 'jobs:deactivate'),
    reactivate: can(viewer.role, 'jobs:reactivate'),
    revert: can(viewer.role, 'jobs:revert'),
  };
  return <JobView id={id} may={may} />;
}
