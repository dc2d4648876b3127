import type { Metadata } from 'next';
import { NoAccess } from '@/components/layout/no-access';
import { ScheduleView } from '@/components/schedule/schedule-view';
import { can } from '@/lib/authz';
import { NO_SERVICE_IDENTITY_NOTE } from '@/lib/schedule/reactivation-policy';
import { requireConsoleContext } from '@/lib/server/console-page';
import { scheduleRouteDeps } from '@/lib/server/jobs/runtime';

export const metadata: Metadata = { title: 'Schedule' };

export default async function SchedulePage() {
  const { viewer } = await requireConsoleContext('/schedule');
  if (!can(viewer.role, 'schedule:read')) return <NoAccess email={viewer.email}>The schedule is not open to your role.</NoAccess>;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Schedule</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Changes that will happen by themselves, soonest first: scheduled deactivations and reactivations, and the end of each time-boxed
          reactivation. Each runs once, with the console’s own SCIM credential, and is recorded in the user’s History.
        </p>
        {scheduleRouteDeps.policy.timeBoxed ? null : (
          <p className="mt-2 text-sm text-amber-900 dark:text-amber-200">{NO_SERVICE_IDENTITY_NOTE}</p>
        )}
      </div>
      <ScheduleView canCancel={can(viewer.role, 'schedule:manage')} />
    </div>
  );
}
