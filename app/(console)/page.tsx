import type { Metadata } from 'next';
import Link from 'next/link';
import { ChangeList } from '@/components/overview/change-list';
import { ChangesChart } from '@/components/overview/changes-chart';
import { OverviewTotals } from '@/components/overview/overview-totals';
import { Alert } from '@/components/ui/alert';
import { Panel } from '@/components/ui/panel';
import { can } from '@/lib/authz';
import { log } from '@/lib/server/log';
import { getAuditOverview } from '@/lib/server/audit/overview';
import { requireConsoleContext } from '@/lib/server/console-page';

export const metadata: Metadata = { title: 'Overview' };

const CHART_DAYS = 30;

/**
 * The home page. Totals come from the provider through GET /api/users/counts (the
 * browser asks: a page render cannot refresh an expired token); what comes from
 * the audit log is read here, on the server, for the roles that may read it.
 */
export default async function OverviewPage() {
  const { viewer, scimHost } = await requireConsoleContext('/');
  // The layout shows No access; nothing is read for a role that may not see it.
  if (viewer.role === 'none') return null;

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Accounts on <span className="font-medium text-slate-800 dark:text-slate-200">{scimHost}</span>
          {can(viewer.role, 'audit:read') ? ', and what changed in the last 30 days.' : '.'}
        </p>
      </div>
      <OverviewTotals />
      {can(viewer.role, 'audit:read') ? (
        <AuditSections />
      ) : (
        <Panel title="Reactivate someone">
          <p className="px-6 py-4 text-sm">
            Find the person in the{' '}
            <Link href="/users?status=inactive" className="text-blue-700 underline underline-offset-2 dark:text-blue-300">
              list of inactive users
            </Link>{' '}
            and open them: their History shows who deactivated the account, when and why.
          </p>
        </Panel>
      )}
    </div>
  );
}

async function AuditSections() {
  let data;
  try {
    const overview = await getAuditOverview();
    const [days, attention, latest] = await Promise.all([
      overview.dailyChanges(CHART_DAYS),
      overview.needsAttention({ days: CHART_DAYS, limit: 10 }),
      overview.latestChanges(10),
    ]);
    data = { days, attention, latest };
  } catch (error) {
    log.error('overview: audit log unreadable', { error });
    return <Alert title="The audit log is unavailable.">The chart and the latest changes cannot be shown right now.</Alert>;
  }
  return (
    <>
      <Panel title="Changes per day">
        <div className="px-6 py-4">
          <ChangesChart days={data.days} />
        </div>
      </Panel>
      <div className="grid gap-8 lg:grid-cols-2">
        <Panel title="Needs attention">
          <ChangeList
            changes={data.attention}
            empty="Nothing: no failed changes in the last 30 days that were not put right since, and none waiting for the provider's answer."
          />
        </Panel>
        <Panel title="Latest changes">
          <ChangeList changes={data.latest} empty="No changes yet." />
        </Panel>
      </div>
    </>
  );
}
